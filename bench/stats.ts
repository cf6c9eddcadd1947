/**
 * F-STATS live figures at national scale (targets: nation ≤ 1 s, province ≤ 300 ms, county ≤ 50 ms,
 * median of 5, each right after a write; PGlite city of ~30,000 ≤ 300 ms).
 *
 *   npx tsx bench/stats.ts --seed-only     # build the national schema once (kept: bench_stats)
 *   npx tsx bench/stats.ts                 # measure on it (reused), then drop it (BENCH_KEEP=1 keeps it)
 */
import { loadavg } from 'node:os';
import { openBenchSchema } from './harness.js';
import { seedNational } from './stats-data.js';

const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_stats';
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4_500_000);
const SEED = 20261128;

async function main() {
  const seedOnly = process.argv.includes('--seed-only');
  const { db, reused } = await openBenchSchema(URL, SCHEMA, true);
  if (!reused) {
    const t = performance.now();
    console.log(`seeding ${WORKERS} workers (load ${loadavg()[0].toFixed(1)})`);
    await seedNational(db, WORKERS, SEED, console.log);
    console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  if (seedOnly) return db.close();
  await db.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
