/**
 * Real databases for tests: a PGlite clone of the migrated demo template, or a fresh schema in the
 * local PostgreSQL server's `test` database, migrated and seeded the same way.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDemo } from '../../src/seed/demo.js';

export type Engine = 'pglite' | 'postgres';

export const PG_URL = process.env.SHEQU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Both engines unless SHEQU_TEST_ENGINES narrows them (e.g. `pglite` on a machine without a server). */
export const ENGINES: Engine[] = (process.env.SHEQU_TEST_ENGINES?.split(',') as Engine[] | undefined) ?? [
  'pglite',
  'postgres',
];

/**
 * PGlite's connection queue for the test suites: it keeps the order, but sheds no load. The suites send
 * bursts no clerk would (ten parallel writes) on a machine other jobs share, where the production bounds
 * (503 BUSY after 2 s) would fail them at random; those bounds are tested in test/security/pglite-queue.
 */
export const TEST_QUEUE = { maxActive: 4, maxWaiting: 100_000, maxWaitMs: 600_000, bulkWaitMs: 600_000 };

export interface TestDb {
  db: Database;
  close(): Promise<void>;
}

export async function createTestDb(engine: Engine): Promise<TestDb> {
  if (engine === 'pglite') {
    const blob = new Blob([readFileSync(inject('templatePath'))]);
    const db = await openDatabase({ loadDataDir: blob, queue: TEST_QUEUE });
    return { db, close: () => db.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = await openDatabase({ url: PG_URL, schema });
  await migrate(db);
  await seedDemo(db);
  return {
    db,
    async close() {
      await db.close();
      const admin = await openDatabase({ url: PG_URL });
      await admin.query(`drop schema ${schema} cascade`);
      await admin.close();
    },
  };
}
