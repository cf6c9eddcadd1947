/** Numbered SQL migrations (src/db/migrations/NNN_name.sql), applied in order, each once. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../config.js';
import { DomainError } from '../domain/errors.js';
import type { Database } from './database.js';

export const migrationsDir = (): string => join(projectRoot(), 'src', 'db', 'migrations');

export interface MigrationResult {
  applied: string[];
}

export async function migrate(db: Database): Promise<MigrationResult> {
  const files = readdirSync(migrationsDir())
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort();
  // Asked first: a server running as a role without CREATE (docs/deploy-postgres-audit.sql) must
  // still start once the migration role has brought the schema up to date.
  const [{ t }] = await db.query<{ t: string | null }>(`select to_regclass('schema_migration')::text as t`);
  if (t === null)
    await db.exec(
      'create table if not exists schema_migration (version int primary key, name text not null, applied_at timestamptz not null default now())',
    );
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    // Two servers starting at once against PostgreSQL must not both migrate.
    await tx.query('select pg_advisory_xact_lock(74270001)');
    const done = new Set(
      (await tx.query<{ version: number }>('select version from schema_migration')).map((r) => r.version),
    );
    for (const file of files) {
      const version = Number(file.slice(0, 3));
      if (done.has(version)) continue;
      const sql = readFileSync(join(migrationsDir(), file), 'utf8');
      try {
        for (const stmt of splitStatements(sql)) await tx.query(stmt);
      } catch (e) {
        if ((e as { code?: string }).code === '42501')
          throw new DomainError(
            'conflict',
            'MIGRATION_NOT_PERMITTED',
            `数据库迁移 ${file} 需要建表权限，而当前数据库角色没有：请以迁移角色执行 shequ migrate 后再启动服务（见 docs/deploy-postgres-audit.sql）`,
          );
        throw e;
      }
      await tx.query('insert into schema_migration (version, name) values ($1, $2)', [version, file]);
      applied.push(file);
    }
  });
  return { applied };
}

/** Splits a migration script on semicolons at line ends, outside dollar-quoted bodies. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let buf = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    if (!inDollar && line.trim().startsWith('--')) continue;
    const dollars = line.match(/\$\$/g)?.length ?? 0;
    if (dollars % 2 === 1) inDollar = !inDollar;
    buf += `${line}\n`;
    if (!inDollar && line.trimEnd().endsWith(';')) {
      out.push(buf.trim());
      buf = '';
    }
  }
  if (buf.trim()) out.push(buf.trim());
  return out;
}
