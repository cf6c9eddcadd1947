/**
 * F-STATS pay section (issue 7): what the `pay` section adds to a county's figure set (the county
 * figure set target is ≤ 50 ms at national scale). A synthetic county of ~2,000 workers
 * (`seedSynthetic --scope county`) with the example grade sequence and pay standard published for it;
 * `statsReader` for the county (median and p95 of RUNS) before the pay policy is published (the section
 * then holds nulls and reads no worker) and after, and the pay section's own work timed apart
 * (`documentsFor` + `subjectPages` + `gradeAndPayOf`, exactly what `paySection` does). Baseline in the
 * same run: a plain count(*) of the same serving workers.
 *
 *   npx tsx bench/stats-pay.ts
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_COUNTY_WORKERS (2000),
 * BENCH_RUNS (20). Schema `bench_stats_pay`, dropped at the end (BENCH_KEEP=1 keeps it).
 */
import { loadavg } from 'node:os';
import type { Database } from '../src/db/database.js';
import { policyRepository } from '../src/db/repositories/policy.repository.js';
import type { PayResult } from '../src/domain/pay.js';
import { systemActor } from '../src/domain/permissions.js';
import { XISHUANGBANNA_PAY_EXAMPLE, YUNNAN_GRADES_EXAMPLE } from '../src/policy/defaults.js';
import { resolvePolicy } from '../src/policy/resolve.js';
import { SYNTHETIC_COUNTY, seedSynthetic } from '../src/seed/synthetic.js';
import { gradeAndPayOf, subjectPages } from '../src/services/grade.service.js';
import { documentsFor } from '../src/services/policy.service.js';
import { statsReader } from '../src/services/stats.service.js';
import { openBenchSchema, pct } from './harness.js';

const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_stats_pay';
const COUNTY_WORKERS = Number(process.env.BENCH_COUNTY_WORKERS ?? 2_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const KEEP = process.env.BENCH_KEEP === '1';
const SEED = 20261128;
const DATE = '2026-11-28';
const COUNTY = `${SYNTHETIC_COUNTY}000000`;
const ctx = { now: () => new Date(`${DATE}T04:00:00Z`) };

async function time(fn: () => Promise<unknown>, before?: (i: number) => Promise<unknown>) {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (before) await before(i);
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
}
const fmt = (x: { p50: number; p95: number }) => `p50 ${x.p50.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms`;

/** The pay section's own work, alone: the county's policy, every serving worker with their history, pay per worker. */
async function payWork(db: Database) {
  const { documents } = await documentsFor(db, COUNTY);
  const policy = resolvePolicy(documents, COUNTY, DATE).policy;
  const memo = new Map<string, PayResult>();
  let sum = 0;
  for await (const page of subjectPages(db, SYNTHETIC_COUNTY))
    for (const s of page) sum += gradeAndPayOf(s, DATE, policy, memo).pay.monthlyFen;
  return sum;
}

async function main() {
  const { db, reused } = await openBenchSchema(URL, SCHEMA, KEEP);
  try {
    const actor = systemActor('bench');
    let without: { p50: number; p95: number } | null = null;
    if (!reused) {
      const c = await seedSynthetic(db, { scope: 'county', workers: COUNTY_WORKERS, seed: SEED });
      await db.exec('vacuum analyze');
      // Before any pay policy: the section is all nulls and reads no worker — the figure set without the pay work.
      without = await time(() => statsReader(db, actor, { region: COUNTY }, ctx));
      await db.transaction((tx) =>
        policyRepository.insertDocuments(
          tx,
          [
            {
              ...YUNNAN_GRADES_EXAMPLE,
              ...XISHUANGBANNA_PAY_EXAMPLE,
              id: 'bench-county-1',
              level: 'county',
              regionCode: COUNTY,
              version: 1,
              effectiveFrom: '2025-07-01',
              title: '基准测试：等级序列与薪酬（示例）',
            },
          ],
          'bench',
        ),
      );
      await db.exec('vacuum analyze');
      console.log(`seeded county ${COUNTY} with ${c.workers} workers`);
    }
    const load1 = loadavg()[0];
    const set = await statsReader(db, actor, { region: COUNTY }, ctx);
    const pay = set.sections.find((s) => s.id === 'pay');
    if (!pay || pay.items[1].value === null) throw new Error('no pay figures for the county');
    console.log(`pay section: ${pay.items.map((i) => `${i.label} ${i.value}`).join('; ')}`);
    const whole = await time(() => statsReader(db, actor, { region: COUNTY }, ctx));
    // Live: before each reading a worker gains a qualification (their grade and pay change), not timed;
    // the reading must show the new mean, so the cached pays must see the write.
    const ids = (
      await db.query<{ id: number }>(
        `select id from worker where region_code like $1 and status <> 'exited' order by id`,
        [`${SYNTHETIC_COUNTY}%`],
      )
    ).map((r) => r.id);
    let lastMean: unknown = pay.items[1].value;
    let changed = 0;
    const afterWrite = await time(
      async () => {
        const s = await statsReader(db, actor, { region: COUNTY }, ctx);
        const mean = s.sections.find((x) => x.id === 'pay')!.items[1].value;
        if (mean !== lastMean) changed++;
        lastMean = mean;
      },
      (i) =>
        db.query(
          `insert into worker_qualification (worker_id, level, certificate_no, obtained_on) values ($1, 'senior', 'BENCH-' || $2::int, '2025-01-01')`,
          [ids[(i * 97) % ids.length], i],
        ),
    );
    const own = await time(() => payWork(db));
    const base = await time(() =>
      db.query(`select count(*) from worker where region_code like $1 and status <> 'exited'`, [
        `${SYNTHETIC_COUNTY}%`,
      ]),
    );
    if (without) console.log(`county figure set, no pay policy (pay section null, no worker read): ${fmt(without)}`);
    console.log(
      `county figure set (with pay): ${fmt(whole)}${without ? ` → pay adds ${(whole.p50 - without.p50).toFixed(1)} ms at p50` : ''}`,
    );
    console.log(
      `county figure set (with pay) right after a write that changes one worker's pay: ${fmt(afterWrite)} (the mean moved after ${changed} of ${RUNS + 1} writes)`,
    );
    console.log(`pay section's own work without the cache (subjectPages + gradeAndPayOf): ${fmt(own)}`);
    console.log(
      `baseline count(*) of the same workers: ${fmt(base)} → pay work ${(own.p50 / base.p50).toFixed(1)}×, figure set ${(whole.p50 / base.p50).toFixed(1)}×`,
    );
    console.log(`load average ${load1.toFixed(1)} → ${loadavg()[0].toFixed(1)}, runs ${RUNS}`);
  } finally {
    if (!KEEP) await db.exec(`drop schema if exists ${SCHEMA} cascade`).catch(() => {});
    await db.close();
  }
}

await main();
