/**
 * The audit chain's keyed checkpoints at scale (issue 12 item 7): an audit log of BENCH_ENTRIES
 * (200,000) entries written by `writeAuditMany`, then
 * - the first checkpoint of an existing log (recomputes the chain from genesis: what the first start
 *   after migration 019 does),
 * - a periodic checkpoint after 1,000 new entries (what the server does every 1,000 entries),
 * - the full verification (`auditChainReport`: every hash, every checkpoint).
 * Baseline in the same run: a plain keyset `select` of every audit row in the same 5,000-row pages,
 * nothing hashed.
 *
 *   npx tsx bench/audit-chain.ts [--engines pglite,postgres]
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_ENTRIES. PostgreSQL works in
 * a schema `bench_audit`, dropped at the end; PGlite in memory.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { auditRepository } from '../src/db/repositories/audit.repository.js';
import { parseKeys } from '../src/domain/audit-checkpoint.js';
import { systemActor } from '../src/domain/permissions.js';
import { writeAuditMany } from '../src/services/audit.service.js';
import { auditCheckpointWriter } from '../src/services/audit-checkpoint.service.js';
import { auditChainReport } from '../src/services/audit-verify.service.js';
import { openBenchSchema } from './harness.js';

const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 200_000);
const engines = (process.argv.find((a) => a.startsWith('--engines='))?.slice(10) ?? 'pglite,postgres').split(',');
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
const ring = parseKeys(randomBytes(32).toString('hex'), 'bench');
const actor = systemActor('bench');

async function fill(db: Database, n: number, from = 0): Promise<void> {
  for (let i = 0; i < n; i += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, n - i) }, (_, k) => ({
      action: 'bench.entry',
      entityType: 'worker',
      entityId: from + i + k,
      regionCode: '532822101001',
      before: { name: '张三', phone: '13800000000' },
      after: { name: '张三', phone: '13900000000', n: from + i + k },
    }));
    await db.transaction((tx) => writeAuditMany(tx, actor, batch));
  }
}

async function scan(db: Database): Promise<number> {
  let after = 0;
  let rows = 0;
  for (;;) {
    const page = await auditRepository.page(db, after, 5000);
    if (page.length === 0) return rows;
    rows += page.length;
    after = page[page.length - 1].id;
  }
}

for (const engine of engines) {
  const db =
    engine === 'postgres' ? (await openBenchSchema(URL, 'bench_audit')).db : await openDatabase({ dataDir: undefined });
  if (engine !== 'postgres') await migrate(db);
  let t = performance.now();
  await fill(db, ENTRIES);
  console.log(`[${engine}] ${ENTRIES.toLocaleString()} entries written in ${ms(t)} (load ${loadavg()[0].toFixed(1)})`);

  t = performance.now();
  const rows = await scan(db);
  const base = performance.now() - t;
  console.log(`[${engine}] baseline: keyset select of ${rows.toLocaleString()} rows ${base.toFixed(0)} ms`);

  t = performance.now();
  await auditCheckpointWriter(db, ring, { reason: 'bench' });
  const first = performance.now() - t;
  console.log(
    `[${engine}] first checkpoint (chain from genesis): ${first.toFixed(0)} ms = ${(first / base).toFixed(1)}×`,
  );

  await fill(db, 1000, ENTRIES);
  t = performance.now();
  await auditCheckpointWriter(db, ring, { reason: 'bench' });
  console.log(`[${engine}] periodic checkpoint after 1,000 entries: ${ms(t)}`);

  t = performance.now();
  const v = await auditChainReport(db, ring);
  const full = performance.now() - t;
  console.log(
    `[${engine}] full verification of ${v.entries.toLocaleString()} entries, ${v.checkpoints.verified} checkpoints: ${full.toFixed(0)} ms = ${(full / base).toFixed(1)}× (ok ${v.ok}) (load ${loadavg()[0].toFixed(1)})`,
  );
  if (engine === 'postgres') await db.query('drop schema bench_audit cascade');
  await db.close();
}
