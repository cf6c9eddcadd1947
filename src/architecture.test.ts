// The layers point one way and SQL lives in one place: a file that breaks either rule fails here,
// naming the file, so the structure a newcomer reads in the README is the structure of the code.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './config.js';

const SRC = join(projectRoot(), 'src');
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.replaceAll('\\', '/'));
const text = new Map(files.map((f) => [f, readFileSync(join(SRC, f), 'utf8')]));

/** The src/ folders a file imports from (relative imports only). */
function importedFolders(file: string): string[] {
  const out: string[] = [];
  for (const m of text.get(file)!.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    const target = relative(SRC, join(SRC, file, '..', m[1])).replaceAll('\\', '/');
    if (!target.startsWith('..')) out.push(target.split('/')[0]);
  }
  return out;
}

const layer = (f: string) => f.split('/')[0];

/** Folders each layer may not import from. */
const FORBIDDEN: Record<string, string[]> = {
  domain: ['db', 'http', 'services', 'cli', 'seed'],
  policy: ['db', 'http', 'services', 'cli', 'seed'],
  db: ['http', 'services', 'cli'],
  services: ['http', 'cli'],
  http: ['cli'],
};

/**
 * Files still holding SQL outside src/db (and the seeders): each is moved into its capability's
 * repository and taken off this list, which only shrinks.
 */
const SQL_OUTSIDE_DB_PENDING = new Set<string>([
  'services/assessment.service.ts',
  'services/lifecycle.service.ts',
  'services/stats.service.ts',
  'services/training-sheets.service.ts',
  'services/worker.service.ts',
  'http/routes/system/index.ts',
]);

/** Files that still write the region range out instead of taking it from db/repositories/scope.ts. */
const RANGE_PENDING = new Set<string>([
  'db/repositories/care.repository.ts',
  'db/repositories/contract.repository.ts',
  'db/repositories/exit.repository.ts',
  'db/repositories/grade.repository.ts',
  'db/repositories/lifecycle.repository.ts',
  'db/repositories/policy.repository.ts',
  'db/repositories/recruitment.repository.ts',
  'db/repositories/secretary.repository.ts',
  'db/repositories/staffing.repository.ts',
  'db/repositories/stats.repository.ts',
  'db/repositories/training.repository.ts',
  'db/repositories/worker.repository.ts',
  'seed/synthetic-training.ts',
  'services/stats.service.ts',
]);

/** domain/ files that still import src/policy (the two folders import each other: one must not). */
const DOMAIN_IMPORTS_POLICY_PENDING = new Set<string>([
  'domain/assessment.ts',
  'domain/grade.ts',
  'domain/lifecycle.ts',
  'domain/pay.ts',
  'domain/staffing.ts',
]);

/** A query call whose first argument is a literal: `db.query('select …')`, `tx.exec(\`…\`)`, or a COPY. */
const SQL_CALL = /\.(?:query|exec)\s*(?:<[^>]*>)?\(\s*[`'"]|\.copyFrom\s*\(/;

describe('layers', () => {
  it.each(Object.entries(FORBIDDEN))('%s/ imports none of its forbidden layers', (from, forbidden) => {
    const broken = files
      .filter((f) => layer(f) === from)
      .flatMap((f) =>
        importedFolders(f)
          .filter((t) => forbidden.includes(t))
          .map((t) => `${f} → ${t}/`),
      );
    expect(broken).toEqual([]);
  });

  it('domain/ does not import policy/ (policy/ builds on the domain vocabulary)', () => {
    const broken = files.filter(
      (f) => layer(f) === 'domain' && importedFolders(f).includes('policy') && !DOMAIN_IMPORTS_POLICY_PENDING.has(f),
    );
    expect(broken).toEqual([]);
    const done = [...DOMAIN_IMPORTS_POLICY_PENDING].filter((f) => !importedFolders(f).includes('policy'));
    expect(done, 'no longer imports policy/: take it off DOMAIN_IMPORTS_POLICY_PENDING').toEqual([]);
  });
});

describe('SQL', () => {
  it('is written only in src/db (and the seeders)', () => {
    const outside = files.filter(
      (f) => !['db', 'seed'].includes(layer(f)) && SQL_CALL.test(text.get(f)!) && !SQL_OUTSIDE_DB_PENDING.has(f),
    );
    expect(outside).toEqual([]);
    const done = [...SQL_OUTSIDE_DB_PENDING].filter((f) => !SQL_CALL.test(text.get(f) ?? ''));
    expect(done, 'holds no SQL any more: take it off SQL_OUTSIDE_DB_PENDING').toEqual([]);
  });

  it('takes region subtrees from scopeRange() only', () => {
    const written = (f: string) => f !== 'db/repositories/scope.ts' && /padEnd\(12, '9'\)/.test(text.get(f) ?? '');
    expect(files.filter((f) => written(f) && !RANGE_PENDING.has(f))).toEqual([]);
    expect(
      [...RANGE_PENDING].filter((f) => !written(f)),
      'uses scopeRange(): take it off RANGE_PENDING',
    ).toEqual([]);
  });
});
