// The OpenAPI document other platforms generate clients from (F-ONCE): it passes Redocly's recommended
// rules without an error, and every operation has a stable operationId named after the service
// operation that answers it, so generated clients get the names the code uses.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../scripts/gen-api.js';
import { projectRoot } from '../config.js';

type Operation = { operationId?: string; tags?: string[] };
type Doc = { paths: Record<string, Record<string, Operation>> };
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/**
 * Tags whose routes have not been given operationIds yet. Each capability removes its tag when its
 * routes are named; the list only shrinks, and the test fails on a tag listed here that no longer needs it.
 */
const PENDING_TAGS = new Set<string>([
  'assessment',
  'audit',
  'auth',
  'care',
  'contracts',
  'dashboard',
  'exits',
  'grades',
  'lifecycle',
  'policies',
  'public',
  'recruitment',
  'regions',
  'secretaries',
  'staffing',
  'stats',
  'system',
  'terms',
  'training',
  'users',
  'workers',
]);

/** operationIds that answer from the route itself, with no service operation behind them. */
const NOT_SERVICE_OPERATIONS = new Set<string>([]);

let doc: Doc;
let operations: { path: string; method: string; op: Operation }[];

beforeAll(async () => {
  doc = (await openApiDocument()) as unknown as Doc;
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => ({ path, method, op })),
  );
}, 60_000);

async function serviceOperationNames(): Promise<Set<string>> {
  const names = new Set<string>();
  const dir = join(projectRoot(), 'src', 'services');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  );
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (typeof value === 'function') names.add(name);
  }
  return names;
}

describe('the OpenAPI document', () => {
  it('passes `redocly lint` with the recommended rules and no error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shequ-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const bin = join(projectRoot(), 'node_modules', '.bin', 'redocly');
      let out: string;
      try {
        out = execFileSync(bin, ['lint', file, '--format=json', '--max-problems=10000'], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        });
      } catch (e) {
        out = (e as { stdout: string }).stdout; // exit code 1 when there are errors; the report is still printed
      }
      const report = JSON.parse(out) as {
        problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
      };
      const errors = report.problems
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('names every operation (except the capabilities still pending) with a unique operationId', () => {
    const missing = operations
      .filter(({ op }) => !op.operationId && !(op.tags ?? []).some((t) => PENDING_TAGS.has(t)))
      .map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
    const ids = operations.map(({ op }) => op.operationId).filter((id): id is string => !!id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('lists a pending tag only while one of its operations still has no operationId', () => {
    const stillPending = new Set(operations.filter(({ op }) => !op.operationId).flatMap(({ op }) => op.tags ?? []));
    expect([...PENDING_TAGS].filter((t) => !stillPending.has(t))).toEqual([]);
  });

  it('names each operation after the exported service operation that answers it', async () => {
    const names = await serviceOperationNames();
    const unknown = operations
      .map(({ op }) => op.operationId)
      .filter((id): id is string => !!id && !names.has(id) && !NOT_SERVICE_OPERATIONS.has(id));
    expect(unknown).toEqual([]);
  }, 60_000);
});
