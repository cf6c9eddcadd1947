/**
 * F-STATS live figures at national scale (issue 7 targets: the full figure set for the nation ≤ 1 s,
 * a province ≤ 300 ms, a county ≤ 50 ms, median of 5, each reflecting a write made just before;
 * PGlite, a city of ~30,000 workers ≤ 300 ms). Each figure is printed beside a plain count(*) of the
 * same subtree in the same run.
 *
 * PostgreSQL: 4,500,000 workers in ~115,000 communities generated inside the server (bench/stats-data.ts),
 * in the schema `bench_stats`, which is kept between runs. A measuring run drops it at the end only when
 * that run created it (BENCH_KEEP=1 keeps even that); a schema found already seeded is never dropped.
 *
 *   npx tsx bench/stats.ts --seed-only     # build the national schema (about 15 minutes on 2 busy cores)
 *   npx tsx bench/stats.ts                 # measure PostgreSQL (reusing the schema), then PGlite
 *   npx tsx bench/stats.ts --pglite        # PGlite only
 *
 * After the county's figures its parts are timed apart (roll-up and edge months, training from the street
 * roll-up against the per-worker rule, pay of an unchanged county against reading every worker's version).
 * Migrations added since the kept schema was built are applied when it is opened (timed and printed).
 * BENCH_SCHEMA names another schema (e.g. a small BENCH_WORKERS=300000 one for trying the script).
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { policyRepository } from '../src/db/repositories/policy.repository.js';
import { statsRepository } from '../src/db/repositories/stats.repository.js';
import { systemActor } from '../src/domain/permissions.js';
import { DEFAULT_AGE_BANDS, DEFAULT_SERVICE_BANDS, edgeMonths } from '../src/domain/stats.js';
import { XISHUANGBANNA_PAY_EXAMPLE, YUNNAN_GRADES_EXAMPLE } from '../src/policy/defaults.js';
import { resolvePolicy } from '../src/policy/resolve.js';
import { SYNTHETIC_COUNTY, seedSynthetic } from '../src/seed/synthetic.js';
import { payOfSubtree } from '../src/services/pay-cache.js';
import { documentsFor } from '../src/services/policy.service.js';
import { statsReader } from '../src/services/stats.service.js';
import { trainingComplianceByChild } from '../src/services/training.service.js';
import { rolledUpComplianceByChild } from '../src/services/training-rollup.js';
import { openBenchSchema, pct } from './harness.js';
import { seedNational } from './stats-data.js';

const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = process.env.BENCH_SCHEMA ?? 'bench_stats';
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4_500_000);
const CITY_WORKERS = Number(process.env.BENCH_CITY_WORKERS ?? 30_000);
const RUNS = 5;
const SEED = 20261128;
const KEEP = process.env.BENCH_KEEP === '1';
const TODAY = '2026-11-28';
const ctx = { now: () => new Date(`${TODAY}T04:00:00Z`) };
const actor = systemActor('bench');
const median = (xs: number[]) => pct(xs, 50);
const ms = (x: number) => `${x.toFixed(1)} ms`;

let serial = 0;
/** A write just before each reading: a new worker in the subtree, or the exit of the one made before. */
async function write(
  db: Database,
  community: string,
  last: number | null,
): Promise<{ id: number | null; delta: number; ms: number }> {
  const t = performance.now();
  if (last !== null) {
    await db.query(
      `update worker set status = 'exited', exit_type = 'resignation', exit_date = $2, exit_reason = '基准' where id = $1`,
      [last, TODAY],
    );
    return { id: null, delta: -1, ms: performance.now() - t };
  }
  const [row] = await db.query<{ id: number }>(
    `insert into worker (region_code, name, id_number, gender, birth_date, category, position, status, hired_on)
     values ($1, '基准写入', $2, 'female', '1990-01-01', 'staff', 'staff', 'active', '2026-11-01') returning id`,
    [community, `8${String(Date.now() % 1e9).padStart(9, '0')}${String(++serial).padStart(7, '0')}0`],
  );
  return { id: row.id, delta: 1, ms: performance.now() - t };
}

/** Median of RUNS readings, each right after a write, each checked to show that write; and the plain count of the same subtree. */
async function measure(db: Database, label: string, region: string, community: string) {
  const prefix = region === '000000000000' ? '' : region.replace(/(00)+$/, '').replace(/000$/, '');
  const cold = performance.now();
  let prev = (await statsReader(db, actor, { region }, ctx)).sections[0].items[0].value!;
  const coldMs = performance.now() - cold;
  const times: number[] = [];
  const writes: number[] = [];
  let last: number | null = null;
  for (let i = 0; i < RUNS; i++) {
    const w = await write(db, community, last);
    last = w.id;
    writes.push(w.ms);
    const t = performance.now();
    const s = await statsReader(db, actor, { region }, ctx);
    times.push(performance.now() - t);
    const total = s.sections[0].items[0].value!;
    if (total !== prev + w.delta)
      throw new Error(
        `${label}: the figure did not reflect the write (${prev} → ${total}, expected ${prev + w.delta})`,
      );
    prev = total;
  }
  if (last !== null) await write(db, community, last);
  const base: number[] = [];
  let n = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    [{ n }] = await db.query<{ n: number }>(
      `select count(*)::int as n from worker where region_code between $1 and $2 and status <> 'exited'`,
      [prefix.padEnd(12, '0'), prefix.padEnd(12, '9')],
    );
    base.push(performance.now() - t);
  }
  const f = median(times);
  const b = median(base);
  console.log(
    `${label.padEnd(34)} figures median ${ms(f)} (runs ${times.map((x) => x.toFixed(0)).join(', ')}; first call ${ms(coldMs)}) | count(*) of ${n.toLocaleString('en-US')} median ${ms(b)} | ratio ${(f / b).toFixed(2)} | write before each ${ms(median(writes))}`,
  );
  return { f, b, n };
}

/** The county's parts timed apart (median of RUNS, warm), each beside the per-worker work it replaces. */
async function countyParts(db: Database, county: string) {
  const code = `${county}000000`;
  const lo = `${county}000000`;
  const hi = `${county}999999`;
  const timed = async (label: string, fn: () => Promise<unknown>) => {
    await fn();
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      xs.push(performance.now() - t);
    }
    console.log(`  ${label.padEnd(70)} median ${ms(median(xs))}`);
  };
  const streets = (
    await db.query<{ code: string }>(`select code from region where parent_code = $1 order by code`, [code])
  ).map((r) => r.code);
  const bands = { age: DEFAULT_AGE_BANDS, service: DEFAULT_SERVICE_BANDS };
  const { documents } = await documentsFor(db, code);
  const policy = resolvePolicy(documents, code, TODAY).policy;
  const codes = (
    await db.query<{ region_code: string }>(
      `select region_code from worker_region_rev where region_code between $1 and $2`,
      [lo, hi],
    )
  ).map((r) => r.region_code);
  console.log(`county ${county} parts (${streets.length} streets, ${codes.length} worker region codes):`);
  await timed('stats roll-up of the streets + edge months by day (one statement)', () =>
    statsRepository.rollup(db, streets, 9, TODAY, bands, {
      birth: edgeMonths(TODAY, bands.age),
      hired: edgeMonths(TODAY, bands.service),
    }),
  );
  await timed('training from the roll-up, streets (017)', () => rolledUpComplianceByChild(db, code, TODAY, 9));
  await timed('training by the per-worker rule (before 017)', () => trainingComplianceByChild(db, code, TODAY, 9));
  await timed('pay, cached, unchanged (community revisions, 017)', () => payOfSubtree(db, lo, hi, TODAY, policy));
  await timed('pay versions of every worker (what each request read before 017)', () =>
    statsRepository.payVersionsOf(db, codes),
  );
}

async function history(db: Database, label: string, region: string, date: string) {
  const t = performance.now();
  const s = await statsReader(db, actor, { region, date }, ctx);
  console.log(
    `${label.padEnd(34)} as of ${date} (history): ${ms(performance.now() - t)}, ${s.sections[0].items[0].value!.toLocaleString('en-US')} workers`,
  );
}

async function postgres() {
  const { db, reused, applied, migrateMs } = await openBenchSchema(URL, SCHEMA, true);
  if (reused) console.log(`reusing schema ${SCHEMA} (kept at the end whatever BENCH_KEEP says)`);
  if (reused && applied.length)
    console.log(
      `applied ${applied.join(', ')} to the kept schema in ${(migrateMs / 1000).toFixed(1)} s (load ${loadavg()[0].toFixed(1)})`,
    );
  try {
    if (!reused) {
      const t = performance.now();
      console.log(`seeding ${WORKERS} workers (load ${loadavg()[0].toFixed(1)})`);
      await seedNational(db, WORKERS, SEED, console.log);
      console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
    if (process.argv.includes('--seed-only')) return;
    await db.exec('create index if not exists region_population_updated on region_population (updated_at)');
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from worker where status <> 'exited'`);
    const [{ c }] = await db.query<{ c: number }>(`select count(*)::int as c from region where level = 'community'`);
    // The largest province, and a county of it with its first community.
    const [{ p }] = await db.query<{ p: string }>(
      `select substr(region_code, 1, 2) as p from worker group by 1 order by count(*) desc limit 1`,
    );
    const [{ county }] = await db.query<{ county: string }>(
      `select substr(min(code), 1, 6) as county from region where level = 'county' and code like $1 || '%'`,
      [p],
    );
    const [{ community }] = await db.query<{ community: string }>(
      `select min(code) as community from region where level = 'community' and code like $1 || '%'`,
      [county],
    );
    // The measured county gets the example grade sequence and pay standard, so its set includes the pay section.
    const payDoc = `bench-pay-${county}`;
    if (!(await db.query('select 1 from policy_document where id = $1', [payDoc])).length) {
      await db.transaction((tx) =>
        policyRepository.insertDocuments(
          tx,
          [
            {
              ...YUNNAN_GRADES_EXAMPLE,
              ...XISHUANGBANNA_PAY_EXAMPLE,
              id: payDoc,
              level: 'county',
              regionCode: `${county}000000`,
              version: 1,
              effectiveFrom: '2025-07-01',
              title: '基准测试：等级序列与薪酬（示例）',
            },
          ],
          'bench',
        ),
      );
    }
    console.log(
      `PostgreSQL: ${n.toLocaleString('en-US')} serving workers in ${c.toLocaleString('en-US')} communities; load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    await measure(db, 'nation', '000000000000', community);
    await measure(db, `province ${p}`, `${p}0000000000`, community);
    await measure(db, `county ${county}`, `${county}000000`, community);
    await countyParts(db, county);
    await history(db, `county ${county}`, `${county}000000`, '2025-12-31');
    await history(db, `province ${p}`, `${p}0000000000`, '2025-12-31');
    if (process.argv.includes('--nation-history')) await history(db, 'nation', '000000000000', '2025-12-31');
    console.log(
      `load average after: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await db.close();
    // Only a schema this run created (and seeded) is dropped: a measuring run over a kept schema never drops it.
    if (!KEEP && !reused && !process.argv.includes('--seed-only')) {
      const admin = new pg.Client({ connectionString: URL });
      await admin.connect();
      await admin.query(`drop schema if exists ${SCHEMA} cascade`);
      await admin.end();
      console.log(`dropped schema ${SCHEMA}`);
    }
  }
}

async function pglite() {
  const db = await openDatabase({});
  await migrate(db);
  const seeded = await seedSynthetic(db, { scope: 'county', workers: CITY_WORKERS, seed: SEED });
  await db.query(
    `insert into region_population (region_code, year, urban_resident_population) select code, 2026, 3000 from region where level = 'community'`,
  );
  await db.exec('vacuum analyze');
  console.log(
    `PGlite (in memory): ${seeded.workers.toLocaleString('en-US')} workers in one city (one county, 180 communities), seeded in ${(seeded.ms / 1000).toFixed(1)} s`,
  );
  const community = `${SYNTHETIC_COUNTY}001001`;
  await measure(
    db,
    `city ${SYNTHETIC_COUNTY.slice(0, 4)} (roll-up)`,
    `${SYNTHETIC_COUNTY.slice(0, 4)}00000000`,
    community,
  );
  await measure(db, `county ${SYNTHETIC_COUNTY} (roll-up)`, `${SYNTHETIC_COUNTY}000000`, community);
  await history(db, `county ${SYNTHETIC_COUNTY}`, `${SYNTHETIC_COUNTY}000000`, '2025-12-31');
  await db.close();
}

async function main() {
  if (!process.argv.includes('--pglite')) await postgres();
  if (!process.argv.includes('--seed-only') && !process.argv.includes('--postgres')) await pglite();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
