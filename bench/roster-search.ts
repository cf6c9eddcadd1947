/**
 * Roster search over 1,000,000 workers on PostgreSQL (F-SCOPE targets: county filtered p95 ≤ 50 ms at
 * 20 concurrent clients; first page of a province ≤ 100 ms).
 *
 *   npx tsx bench/roster-search.ts
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_WORKERS (1000000),
 * BENCH_QUERIES (400 per scenario). Works in a fresh schema `bench_roster`, dropped at the end
 * (BENCH_KEEP=1 keeps it; BENCH_REUSE=1 then measures a kept schema again without re-seeding).
 */
import { availableParallelism, loadavg } from 'node:os';
import { type Database, pgPoolSize } from '../src/db/database.js';
import { type WorkerFilter, workerRepository } from '../src/db/repositories/worker.repository.js';
import { rng } from '../src/seed/random.js';
import {
  generateWorkers,
  SYNTHETIC_PROVINCE,
  seedSynthetic,
  spreadCounts,
  syntheticRegions,
} from '../src/seed/synthetic.js';
import { openBenchSchema, pct } from './harness.js';

const CONCURRENCY = 20;
// The server's own pool (pgPoolSize: 2 × cores + 1 unless SHEQU_PG_POOL says otherwise) serves the 20 clients.
const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_roster';
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 400);
const SEED = 20261128;
const KEEP = process.env.BENCH_KEEP === '1';
const REUSE = process.env.BENCH_REUSE === '1';

interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

const stats = (xs: number[]): Stats => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs) });
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Runs `n` calls of `fn` from `concurrency` clients; latency per call. */
async function load(n: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<Stats> {
  const lat: number[] = [];
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < n) {
        const i = issued++;
        const t = performance.now();
        await fn(i);
        lat.push(performance.now() - t);
      }
    }),
  );
  return stats(lat);
}

/** EXPLAIN (ANALYZE, BUFFERS) of the statements that `workerRepository.search` sends. */
async function explainSearch(db: Database, f: WorkerFilter): Promise<string[]> {
  const plans: string[] = [];
  const spy = {
    query: async <T>(text: string, params?: unknown[]): Promise<T[]> => {
      const rows = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`, params);
      plans.push(`${text.replace(/\s+/g, ' ').slice(0, 160)}…\n${rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
      return [{ n: 0 }] as T[];
    },
  };
  await workerRepository.search(spy, f, 'region', false, 20, 0);
  return plans;
}

/** Province-scope regions and WORKERS workers, then VACUUM ANALYZE (what autovacuum would reach). */
async function seed(db: Database, communities: { code: string }[]): Promise<void> {
  // Generation alone (streamed, not kept), then generation + insert.
  let t = performance.now();
  let generated = 0;
  for (const b of generateWorkers(communities, spreadCounts(communities.length, WORKERS, rng(SEED ^ 0x5eed)), SEED))
    generated += b.length;
  console.log(`generated ${generated} workers in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  let lastLog = 0;
  const seeded = await seedSynthetic(db, {
    scope: 'province',
    workers: WORKERS,
    seed: SEED,
    onProgress: (p) => {
      if (p.phase === 'workers' && (p.done - lastLog >= 100_000 || p.done === p.total)) {
        lastLog = p.done;
        console.log(`  inserted ${p.done.toLocaleString()} / ${p.total.toLocaleString()}`);
      }
    },
  });
  console.log(`seeded ${seeded.regions} regions and ${seeded.workers} workers in ${(seeded.ms / 1000).toFixed(1)} s`);
  t = performance.now();
  await db.exec('vacuum analyze');
  console.log(`vacuum analyze ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const sizes = await db.query<{ rel: string; size: string }>(
    `select c.relname as rel, pg_size_pretty(pg_total_relation_size(c.oid)) as size from pg_class c
     join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname in ('worker', 'worker_period', 'worker_position', 'worker_qualification')`,
    [SCHEMA],
  );
  console.log(sizes.map((x) => `${x.rel} ${x.size}`).join(', '));
}

async function main() {
  const { db, reused: reuse } = await openBenchSchema(URL, SCHEMA, REUSE);
  try {
    const regions = syntheticRegions('province', SEED);
    const communities = regions.filter((r) => r.level === 'community');
    const counties = [...new Set(communities.map((c) => c.code.slice(0, 6)))];

    if (!reuse) await seed(db, communities);

    const r = rng(SEED);
    const county = () => r.pick(counties);
    const countyFilter = (): WorkerFilter => ({
      scope: SYNTHETIC_PROVINCE,
      prefix: county(),
      status: 'active',
      gender: 'female',
      education: 'bachelor',
    });
    const provinceFilter: WorkerFilter = { scope: SYNTHETIC_PROVINCE, prefix: SYNTHETIC_PROVINCE };
    const search = (f: WorkerFilter) => workerRepository.search(db, f, 'region', false, 20, 0);

    const sample = await search(countyFilter());
    const provinceSample = await search(provinceFilter);
    console.log(`county filtered query: ${sample.total} matches; province first page: ${provinceSample.total} matches`);

    const load1 = loadavg()[0];
    // Warm-up, then the measured runs.
    await load(60, CONCURRENCY, () => search(countyFilter()));
    await load(20, CONCURRENCY, () => search(provinceFilter));
    const results: [string, Stats][] = [];
    results.push([
      'county filtered search, 20 concurrent',
      await load(QUERIES, CONCURRENCY, () => search(countyFilter())),
    ]);
    results.push([
      'province first page, 20 concurrent',
      await load(QUERIES, CONCURRENCY, () => search(provinceFilter)),
    ]);
    results.push([
      'province first page, 1 client',
      await load(Math.min(QUERIES, 100), 1, () => search(provinceFilter)),
    ]);
    // The physical baseline: a plain count of the same county subtree, by the same code range.
    const countSql = `select count(*)::int as n from worker where region_code between $1 and $2`;
    const range = () => {
      const c = county();
      return [c.padEnd(12, '0'), c.padEnd(12, '9')];
    };
    results.push([
      'baseline count(*) county subtree, 1 client',
      await load(QUERIES, 1, () => db.query(countSql, range())),
    ]);
    results.push([
      'baseline count(*) county subtree, 20 concurrent',
      await load(QUERIES, CONCURRENCY, () => db.query(countSql, range())),
    ]);

    console.log(
      `\npool ${pgPoolSize()} connections; load average (1 min) before/after the measured runs: ${load1.toFixed(1)} / ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
    );
    console.log('| scenario | queries | p50 | p95 | max |\n|---|---|---|---|---|');
    for (const [name, s] of results)
      console.log(`| ${name} | ${s.n} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.max)} |`);

    console.log('\nPlans (EXPLAIN ANALYZE, one run each):');
    for (const plan of [...(await explainSearch(db, countyFilter())), ...(await explainSearch(db, provinceFilter))])
      console.log(`${plan}\n`);
  } finally {
    if (!KEEP) await db.exec(`drop schema if exists ${SCHEMA} cascade`).catch(() => {});
    await db.close();
  }
}

await main();
