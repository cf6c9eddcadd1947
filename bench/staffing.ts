/**
 * F-NORM staffing table for every region of a province-sized data set (target ≤ 300 ms): ~300,000
 * workers in 8,960 communities of one province (37), population rows for communities only (so every
 * street, county and city sums its communities), national defaults in force.
 * `staffingTableReader`: one grouped headcount query by community, rolled up, quotas settled for every
 * county and allocated to every street and community, the norm computed for each of the ~10,000 regions.
 * Also the province's own answer (`GET /api/regions/:code/staffing`, with its cities as children) and a
 * county's. Baseline in the same run: the plain grouped count(*) of the same rows.
 *
 *   npx tsx bench/staffing.ts
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_WORKERS (300000),
 * BENCH_RUNS (30). Works in a fresh schema `bench_staffing`, dropped at the end (BENCH_KEEP=1 keeps it).
 */
import { availableParallelism, loadavg } from 'node:os';
import { staffingRepository } from '../src/db/repositories/staffing.repository.js';
import { systemActor } from '../src/domain/permissions.js';
import { rng } from '../src/seed/random.js';
import { SYNTHETIC_PROVINCE, seedSynthetic } from '../src/seed/synthetic.js';
import { staffingReader, staffingTableReader } from '../src/services/staffing.service.js';
import { openBenchSchema, pct } from './harness.js';

const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_staffing';
const WORKERS = Number(process.env.BENCH_WORKERS ?? 300_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const SEED = 20261128;
const YEAR = 2026;
const KEEP = process.env.BENCH_KEEP === '1';
const PROVINCE = `${SYNTHETIC_PROVINCE}0000000000`;
const ctx = { now: () => new Date('2026-11-28T04:00:00Z') };

async function time(n: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  await fn(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return { p50: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs) };
}
const fmt = (x: { p50: number; p95: number; max: number }) =>
  `p50 ${x.p50.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms, max ${x.max.toFixed(1)} ms`;

async function main() {
  const { db } = await openBenchSchema(URL, SCHEMA);
  try {
    const seeded = await seedSynthetic(db, { scope: 'province', workers: WORKERS, seed: SEED });
    console.log(`seeded ${seeded.regions} regions and ${seeded.workers} workers in ${(seeded.ms / 1000).toFixed(1)} s`);
    // Urban population per community: around 10,000 ÷ 18 residents per worker, ±25 %, so regions fall short, within and over.
    const counts = await db.query<{ code: string; n: number }>(
      `select region_code as code, count(*)::int as n from worker group by 1`,
    );
    const r = rng(SEED);
    const pops = counts.map((c) => Math.round(((c.n * 10_000) / 18) * (0.75 + r.next() * 0.5)));
    await db.query(
      `insert into region_population (region_code, year, urban_resident_population) select * from unnest($1::varchar[], $2::int[], $3::int[])`,
      [counts.map((c) => c.code), counts.map(() => YEAR), pops],
    );
    await db.exec('vacuum analyze');
    const actor = systemActor('bench');
    const table = await staffingTableReader(db, actor, PROVINCE, { year: YEAR }, ctx);
    const byLevel = new Map<string, number>();
    for (const i of table.items) byLevel.set(i.level, (byLevel.get(i.level) ?? 0) + 1);
    const province = table.items.find((i) => i.code === PROVINCE)!;
    console.log(
      `table: ${table.items.length} regions (${[...byLevel].map(([l, n]) => `${l} ${n}`).join(', ')}); province quota ${province.quota}, headcount ${province.headcount}, ${province.status}`,
    );
    const county = table.items.find((i) => i.level === 'county')!.code;

    const load1 = loadavg()[0];
    const results: [string, Awaited<ReturnType<typeof time>>][] = [];
    results.push([
      'staffing table, every region of the province (staffingTableReader)',
      await time(RUNS, () => staffingTableReader(db, actor, PROVINCE, { year: YEAR }, ctx)),
    ]);
    results.push([
      'province answer with its cities (GET /api/regions/:code/staffing)',
      await time(RUNS, () => staffingReader(db, actor, PROVINCE, { year: YEAR }, ctx)),
    ]);
    results.push([
      'county answer with its streets',
      await time(RUNS, () => staffingReader(db, actor, county, { year: YEAR }, ctx)),
    ]);
    const lo = `${SYNTHETIC_PROVINCE}0000000000`;
    const hi = `${SYNTHETIC_PROVINCE}9999999999`;
    results.push([
      'baseline: plain grouped count(*) by community and category',
      await time(RUNS, () =>
        db.query(
          `select region_code, category, count(*)::int from worker where region_code between $1 and $2 and status in ('active', 'probation') group by 1, 2`,
          [lo, hi],
        ),
      ),
    ]);
    // The table's parts, each alone: the headcount statement it runs, and the regions with their population.
    results.push([
      'part: headcount by region and category (staffingRepository.headcount)',
      await time(RUNS, () => staffingRepository.headcount(db, SYNTHETIC_PROVINCE, 12)),
    ]);
    results.push([
      'part: regions with population (staffingRepository.regionsWithPopulation)',
      await time(RUNS, () => staffingRepository.regionsWithPopulation(db, SYNTHETIC_PROVINCE, YEAR)),
    ]);
    console.log(
      `\nload average (1 min) before/after: ${load1.toFixed(1)} / ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
    );
    for (const [name, x] of results) console.log(`${name}: ${fmt(x)} (${RUNS} runs)`);
  } finally {
    if (!KEEP) await db.exec(`drop schema if exists ${SCHEMA} cascade`).catch(() => {});
    await db.close();
  }
}

await main();
