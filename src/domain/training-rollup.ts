/**
 * F-TRAIN-RULE from the roll-up (src/db/migrations/014_training_rollup.sql): under calendar windows
 * with one required training per window, a serving worker's status today follows from the position,
 * the year of the latest completion and the hire year — so a region's counts are a grouped read of
 * counts per (position, latest completion year, hire year) plus this arithmetic on years. The same
 * status as `trainingCompliance` (src/domain/training.ts), checked against it in the tests beside this file.
 *
 * With F the first year of the current window of E years (today in [F-01-01, (F+E−1)-12-31]):
 * - compliant: the latest completion up to today lies in the current window (Y ≥ F);
 * - overdue: hired on or before the previous window's last day (H < F) and no completion in the
 *   previous window, nor since (Y < F − E);
 * - otherwise dueSoon when the window ends within `dueSoonDays`, else pending;
 * - a position no rule names: notApplicable.
 * Both years are kept clamped below at `ROLLUP_YEAR_FLOOR` (also for "never trained"): exact as long
 * as F − E > the floor, which `rolledRules` requires.
 */
import { daysBetween } from './dates.js';
import { type ComplianceStatus, calendarWindow, ruleFor, type TrainingRulePolicy } from './training.js';
import { POSITIONS, type Position } from './worker-vocab.js';

/** Years before this are kept as this year in the roll-up ("this year or earlier, or never"). */
export const ROLLUP_YEAR_FLOOR = 2010;

/** One position's rule on a day, as the roll-up's arithmetic needs it. */
export interface RolledRule {
  everyYears: number;
  /** First year of the current calendar window. */
  windowStart: number;
  /** The current window ends within `dueSoonDays` of the day. */
  dueSoon: boolean;
}

/** The roll-up key of a worker: clamped year of the latest completion (null: never) and of the hire date. */
export function rollupKey(hiredOn: string, lastCompleted: string | null): { lastYear: number; hireYear: number } {
  return {
    lastYear: Math.max(lastCompleted ? +lastCompleted.slice(0, 4) : ROLLUP_YEAR_FLOOR, ROLLUP_YEAR_FLOOR),
    hireYear: Math.max(+hiredOn.slice(0, 4), ROLLUP_YEAR_FLOOR),
  };
}

/**
 * Each position's rule on `today`, or why the roll-up cannot give the statuses under this policy
 * (then the per-worker evaluator does): a rolling window, more than one training per window, or a
 * window starting so early that the clamped years could not tell.
 */
export function rolledRules(
  policy: TrainingRulePolicy,
  today: string,
): { rules: Map<Position, RolledRule> } | { why: string } {
  if (policy.window !== 'calendar') return { why: '滚动周期按人逐一计算' };
  const rules = new Map<Position, RolledRule>();
  for (const position of Object.keys(POSITIONS) as Position[]) {
    const r = ruleFor(policy, position);
    if (!r) continue;
    if (r.minTimes !== 1) return { why: '每周期要求多于 1 次培训时按人逐一计算' };
    const w = calendarWindow(today, r.everyYears, policy.windowStartYear);
    const windowStart = +w.from.slice(0, 4);
    if (windowStart - r.everyYears <= ROLLUP_YEAR_FLOOR)
      return { why: `上一周期早于 ${ROLLUP_YEAR_FLOOR + 1} 年时按人逐一计算` };
    rules.set(position, {
      everyYears: r.everyYears,
      windowStart,
      dueSoon: daysBetween(today, w.to) <= policy.dueSoonDays,
    });
  }
  return { rules };
}

/** The status of a roll-up key (the SQL of training-rollup.repository.ts computes the same). */
export function statusFromYears(
  rule: RolledRule | null | undefined,
  lastYear: number,
  hireYear: number,
): ComplianceStatus {
  if (!rule) return 'notApplicable';
  if (lastYear >= rule.windowStart) return 'compliant';
  if (hireYear < rule.windowStart && lastYear < rule.windowStart - rule.everyYears) return 'overdue';
  return rule.dueSoon ? 'dueSoon' : 'pending';
}
