/** Shared by the PostgreSQL benchmarks: a schema of their own, migrated, and percentiles. */
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

/**
 * Opens `schema` on `url`, migrated. With `reuse`, a schema that already holds workers is kept (and
 * `reused` is true); otherwise it is dropped and made afresh. `applied` names the migrations this open
 * applied (on a kept schema: the ones added since it was built) and `migrateMs` how long they took.
 */
export async function openBenchSchema(
  url: string,
  schema: string,
  reuse = false,
): Promise<{ db: Database; reused: boolean; applied: string[]; migrateMs: number }> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const kept = (
    await admin.query(`select 1 from information_schema.tables where table_schema = $1 and table_name = 'worker'`, [
      schema,
    ])
  ).rowCount;
  const reused = reuse && !!kept;
  if (!reused) await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
  const db = await openDatabase({ url, schema });
  const t = performance.now();
  const { applied } = await migrate(db);
  return { db, reused, applied, migrateMs: performance.now() - t };
}

/** The p-th percentile (nearest rank). */
export const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
