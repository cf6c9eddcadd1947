/**
 * F-TRAIN-RULE compliance list (issue 5 targets, PostgreSQL): a county of 2,000 workers ≤ 100 ms, a
 * province of 300,000 ≤ 2 s. `complianceReader` = the policy in force per county, every serving worker
 * with their completion dates (one index probe each), the rule evaluated for each, counts per child
 * region, the first page (20, overdue first) with names and explanations. Also `trainingComplianceSummary`
 * (the statistics seam). Baseline in the same run: a plain count(*) of the same serving workers.
 * For the province also the statistics' training section from the roll-up (`rolledUpComplianceByChild`,
 * 014_training_rollup.sql; checked equal to `trainingComplianceByChild` in the run) and the whole figure
 * set (`statsReader`, target ≤ 300 ms for a province), beside the per-worker evaluator.
 * Synthetic data: `seedSynthetic` (county 417002 with 2,000 workers; province 37 with 300,000) and
 * `seedSyntheticTraining` (one program a year 2021–2026 per county, ~20–55 % completing).
 *
 *   npx tsx bench/training-compliance.ts
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_PROVINCE_WORKERS (300000),
 * BENCH_COUNTY_WORKERS (2000), BENCH_RUNS (20). Schema `bench_training` (BENCH_SCHEMA), dropped at the end (BENCH_KEEP=1 keeps it).
 */
import { availableParallelism, loadavg } from 'node:os';
import { systemActor } from '../src/domain/permissions.js';
import { SYNTHETIC_COUNTY, SYNTHETIC_PROVINCE, seedSynthetic } from '../src/seed/synthetic.js';
import { seedSyntheticTraining } from '../src/seed/synthetic-training.js';
import { statsReader } from '../src/services/stats.service.js';
import {
  complianceReader,
  trainingComplianceByChild,
  trainingComplianceSummary,
} from '../src/services/training.service.js';
import { rolledUpComplianceByChild } from '../src/services/training-rollup.js';
import { openBenchSchema, pct } from './harness.js';

const URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = process.env.BENCH_SCHEMA ?? 'bench_training';
const PROVINCE_WORKERS = Number(process.env.BENCH_PROVINCE_WORKERS ?? 300_000);
const COUNTY_WORKERS = Number(process.env.BENCH_COUNTY_WORKERS ?? 2_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const KEEP = process.env.BENCH_KEEP === '1';
const SEED = 20261128;
const DATE = '2026-11-28';
const ctx = { now: () => new Date('2026-11-28T04:00:00Z') };

async function time(n: number, fn: () => Promise<unknown>) {
  await fn();
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
  const { db, reused } = await openBenchSchema(URL, SCHEMA, KEEP);
  try {
    if (!reused) {
      const c = await seedSynthetic(db, { scope: 'county', workers: COUNTY_WORKERS, seed: SEED });
      const p = await seedSynthetic(db, { scope: 'province', workers: PROVINCE_WORKERS, seed: SEED + 1 });
      console.log(
        `seeded county ${c.workers} and province ${p.workers} workers in ${((c.ms + p.ms) / 1000).toFixed(1)} s`,
      );
      for (const prefix of [SYNTHETIC_COUNTY, SYNTHETIC_PROVINCE]) {
        const t = performance.now();
        const s = await seedSyntheticTraining(db, prefix);
        console.log(
          `training for ${prefix}: ${s.programs} programs, ${s.completions} completions in ${((performance.now() - t) / 1000).toFixed(1)} s`,
        );
      }
      await db.exec('vacuum analyze');
    }
    const actor = systemActor('bench');
    const load1 = loadavg()[0];
    const lines: string[] = [];
    for (const [label, prefix] of [
      ['county', SYNTHETIC_COUNTY],
      ['province', SYNTHETIC_PROVINCE],
    ] as const) {
      const code = prefix.padEnd(12, '0');
      console.error(`measuring ${label} ${code} …`);
      const first = await complianceReader(db, actor, { region: code }, ctx);
      const s = first.summary;
      lines.push(
        `${label} ${code}: ${s.total} serving workers — compliant ${s.compliant}, due soon ${s.dueSoon}, pending ${s.pending}, overdue ${s.overdue}, n/a ${s.notApplicable}`,
      );
      const list = await time(RUNS, () => complianceReader(db, actor, { region: code }, ctx));
      const summary = await time(RUNS, () => trainingComplianceSummary(db, code, DATE));
      const base = await time(RUNS, () =>
        db.query(
          `select count(*)::int as n from worker where region_code between $1 and $2 and status in ('active', 'probation')`,
          [prefix.padEnd(12, '0'), prefix.padEnd(12, '9')],
        ),
      );
      lines.push(
        `  compliance list (complianceReader, first page + counts + children): ${fmt(list)}  → ${(list.p50 / base.p50).toFixed(1)}× the baseline`,
      );
      lines.push(`  trainingComplianceSummary: ${fmt(summary)}`);
      lines.push(`  baseline plain count(*) of the same serving workers: ${fmt(base)}`);
      if (label === 'province') {
        // The statistics' training section per child region (cities): the roll-up beside the per-worker evaluator.
        const rolled = await rolledUpComplianceByChild(db, code, DATE, 4);
        if (!('counts' in rolled)) throw new Error(`roll-up not usable: ${rolled.why}`);
        const reference = await trainingComplianceByChild(db, code, DATE, 4);
        const norm = (m: Map<string, unknown>) => JSON.stringify([...m].sort(([a], [b]) => a.localeCompare(b)));
        lines.push(
          `  roll-up counts per city equal the evaluator's: ${norm(rolled.counts) === norm(reference) ? 'yes' : `NO\n    ${norm(rolled.counts)}\n    ${norm(reference)}`}`,
        );
        const fromRollup = await time(RUNS, () => rolledUpComplianceByChild(db, code, DATE, 4));
        const evaluated = await time(RUNS, () => trainingComplianceByChild(db, code, DATE, 4));
        const figures = await time(RUNS, () => statsReader(db, actor, { region: code }, ctx));
        const rows = await db.query<{ n: number }>(
          `select count(*)::int as n from training_rollup where digits = 4 and region_code between $1 and $2 and n <> 0`,
          [code, prefix.padEnd(12, '9')],
        );
        lines.push(
          `  training section per city from the roll-up (rolledUpComplianceByChild, ${rows[0].n} roll-up rows read): ${fmt(fromRollup)}  → ${(fromRollup.p50 / base.p50).toFixed(2)}× the baseline`,
        );
        lines.push(`  the same per city by the per-worker evaluator (trainingComplianceByChild): ${fmt(evaluated)}`);
        lines.push(
          `  whole figure set of the province (statsReader, training section from the roll-up): ${fmt(figures)}`,
        );
      }
    }
    console.log(
      `\nload average (1 min) before/after: ${load1.toFixed(1)} / ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; ${RUNS} runs each after a warm-up`,
    );
    for (const l of lines) console.log(l);
  } finally {
    if (!KEEP) await db.exec(`drop schema if exists ${SCHEMA} cascade`).catch(() => {});
    await db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
