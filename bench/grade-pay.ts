/**
 * F-GRADE + F-PAY batch over 1,000,000 workers on PostgreSQL (target ≤ 60 s): every serving worker of a
 * province, read in pages with their employment periods, positions and qualifications
 * (`subjectPages`, as the budget and the yearly review read them), grade and monthly pay computed by
 * the engine (`gradeAndPayOf`). Baseline in the same run: a plain keyset `select` streaming of the
 * same rows of the four tables, no computation.
 *
 *   npx tsx bench/grade-pay.ts
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_WORKERS (1000000),
 * BENCH_PAGE (5000). Works in a fresh schema `bench_grade`, dropped at the end (BENCH_KEEP=1 keeps it;
 * BENCH_REUSE=1 then measures a kept schema again without re-seeding).
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Database } from '../src/db/database.js';
import { policyRepository, toPolicyDocument } from '../src/db/repositories/policy.repository.js';
import { XISHUANGBANNA_PAY_EXAMPLE, YUNNAN_GRADES_EXAMPLE } from '../src/policy/defaults.js';
import { SYNTHETIC_PROVINCE, seedSynthetic } from '../src/seed/synthetic.js';
import { gradeAndPayOf, subjectPages } from '../src/services/grade.service.js';
import { policyCache } from '../src/services/policy.service.js';
import { openBenchSchema } from './harness.js';

const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_grade';
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1_000_000);
const PAGE = Number(process.env.BENCH_PAGE ?? 5000);
const SEED = 20261128;
const DATE = '2026-11-28';
const KEEP = process.env.BENCH_KEEP === '1';
const REUSE = process.env.BENCH_REUSE === '1';
const PROVINCE = `${SYNTHETIC_PROVINCE}0000000000`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The example grade sequence and pay standard, published for the synthetic province as one document. */
async function publishPolicy(db: Database): Promise<void> {
  await db.transaction((tx) =>
    policyRepository.insertDocuments(
      tx,
      [
        {
          ...YUNNAN_GRADES_EXAMPLE,
          ...XISHUANGBANNA_PAY_EXAMPLE,
          id: 'bench-province-1',
          level: 'province',
          regionCode: PROVINCE,
          version: 1,
          effectiveFrom: '2025-07-01',
          title: '基准测试：等级序列与薪酬（示例）',
        },
      ],
      'bench',
    ),
  );
}

/** The physical baseline: the same rows of the four tables, streamed by keyset pages, nothing computed. */
async function baseline(db: Database): Promise<{ ms: number; rows: number }> {
  const t = performance.now();
  let rows = 0;
  const tables: [string, string][] = [
    [
      'worker',
      `id, name, region_code, category, position, status, education, grade, grade_effective_from from worker where region_code between '${SYNTHETIC_PROVINCE}0000000000' and '${SYNTHETIC_PROVINCE}9999999999' and status <> 'exited'`,
    ],
    ['worker_period', 'id, worker_id, region_code, start_date, end_date, end_type from worker_period where true'],
    ['worker_position', 'id, worker_id, position, start_date, end_date from worker_position where true'],
    ['worker_qualification', 'id, worker_id, level, obtained_on from worker_qualification where true'],
  ];
  for (const [, sql] of tables) {
    let after = 0;
    for (;;) {
      const page = await db.query<{ id: number }>(`select ${sql} and id > $1 order by id limit ${PAGE}`, [after]);
      if (page.length === 0) break;
      rows += page.length;
      after = page[page.length - 1].id;
    }
  }
  return { ms: performance.now() - t, rows };
}

async function batch(db: Database) {
  const t = performance.now();
  const documents = (await policyRepository.forRegionAndBelow(db, PROVINCE, SYNTHETIC_PROVINCE)).map(toPolicyDocument);
  const policyAt = policyCache(documents, DATE);
  let workers = 0;
  let monthlyFen = 0;
  let computeMs = 0;
  const grades = new Map<number, number>();
  for await (const page of subjectPages(db, SYNTHETIC_PROVINCE, PAGE)) {
    const c = performance.now();
    for (const subject of page) {
      const { grade, pay } = gradeAndPayOf(subject, DATE, policyAt(subject.worker.region_code).policy);
      workers++;
      monthlyFen += pay.monthlyFen;
      grades.set(grade.grade, (grades.get(grade.grade) ?? 0) + 1);
    }
    computeMs += performance.now() - c;
  }
  return { ms: performance.now() - t, computeMs, workers, monthlyFen, grades };
}

async function main() {
  const { db, reused: reuse } = await openBenchSchema(URL, SCHEMA, REUSE);
  try {
    if (!reuse) {
      let last = 0;
      const seeded = await seedSynthetic(db, {
        scope: 'province',
        workers: WORKERS,
        seed: SEED,
        onProgress: (p) => {
          if (p.phase === 'workers' && (p.done - last >= 200_000 || p.done === p.total)) {
            last = p.done;
            console.log(`  inserted ${p.done.toLocaleString()} / ${p.total.toLocaleString()}`);
          }
        },
      });
      console.log(`seeded ${seeded.regions} regions and ${seeded.workers} workers in ${s(seeded.ms)}`);
      await publishPolicy(db);
      await db.exec('vacuum analyze');
    }
    const load1 = loadavg()[0];
    // Warm the cache the same way for both: the baseline first, then the batch, then the baseline again.
    const b1 = await baseline(db);
    const run = await batch(db);
    const b2 = await baseline(db);
    console.log(
      `\nload average (1 min) before/after: ${load1.toFixed(1)} / ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
    );
    console.log(
      `grade + pay batch: ${run.workers.toLocaleString()} workers in ${s(run.ms)} (engine ${s(run.computeMs)}, reading ${s(run.ms - run.computeMs)} not overlapped); monthly total ${(run.monthlyFen / 100).toLocaleString()} 元`,
    );
    console.log(
      `grades: ${[...run.grades]
        .sort((a, b) => a[0] - b[0])
        .map(([g, n]) => `${g}:${n}`)
        .join(' ')}`,
    );
    console.log(
      `baseline plain select of the same rows (${b1.rows.toLocaleString()} rows in pages of ${PAGE}): ${s(b1.ms)} before, ${s(b2.ms)} after`,
    );
  } finally {
    if (!KEEP) await db.exec(`drop schema if exists ${SCHEMA} cascade`).catch(() => {});
    await db.close();
  }
}

await main();
