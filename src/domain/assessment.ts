/**
 * F-ASSESS (§4.10) 年度考核: who is rated, the weighted total, the result with its hard rules, the 优秀
 * quota of an assessing unit, residents' satisfaction from ratings, and the consequences the results
 * propose (F-REWARD). Pure functions; the numbers come from the plan's rules (policy `assessment`).
 *
 * Decisions where the sources are silent (research-domain-rules.md §4):
 * - Quota: per assessing unit (street by default), counted over the workers who are rated; target and
 *   cap are both ROUNDED DOWN (7 workers × 20 % = 1.4 → at most 1; 4 workers → 0): a cap is a maximum,
 *   and rounding it up would let a unit exceed the stated share.
 * - Total: Σ score × weight with scores to 2 decimals and weights to 4, computed with integers and
 *   rounded half up to 2 decimals.
 * - Result: the band of the total (≥ excellentMin may be 优秀, ≥ competentMin 合格, ≥ basicMin 基本合格,
 *   else 不合格); the unit may choose a lower result but never a higher one; resident satisfaction below
 *   the floor makes it 不合格 whatever the total (北京 2012: 满意度低于 60% 定为不合格).
 * - Months worked: the worker's employment periods inside the year, summed by calendar (days carry to a
 *   month per 31); fewer than `minMonthsWorked` full months → not rated (不定等次); probation → not rated.
 */

import type { AssessmentPolicy } from '../policy/policy.schema.js';
import { ratioE4 } from '../policy/policy.schema.js';
import { calendarDiff } from './dates.js';

import type { AssessmentResult } from './grade.js';

export type { AssessmentResult };
export const RESULT_ORDER: AssessmentResult[] = ['fail', 'basic', 'competent', 'excellent'];
const rank = (r: AssessmentResult) => RESULT_ORDER.indexOf(r);

export type ConsequenceKind = AssessmentPolicy['consequences']['fail'][number];
export const CONSEQUENCE_LABELS: Record<ConsequenceKind, string> = {
  early_step: '提前晋升岗位等级',
  delayed_step: '延缓晋升岗位等级（当年不计入晋级年限）',
  renewal: '续聘',
  non_renewal: '不再续聘',
  dismissal_review: '启动解聘审查',
  reward: '奖励',
  sanction: '惩戒',
};
/** Consequences a 容错纠错 decision cancels: the negative ones. */
export const NEGATIVE_CONSEQUENCES: readonly ConsequenceKind[] = [
  'delayed_step',
  'non_renewal',
  'dismissal_review',
  'sanction',
];

export interface Scores {
  politicalQuality: number;
  workPerformance: number;
  residentSatisfaction: number;
}
export const DIMENSION_LABELS: Record<keyof Scores, string> = {
  politicalQuality: '政治素质',
  workPerformance: '工作实绩',
  residentSatisfaction: '居民满意度',
};

export const labelOf = (rules: Pick<AssessmentPolicy, 'labels'>, r: AssessmentResult): string => rules.labels[r];

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ''));
const pct = (e4: number) => `${fmt(e4 / 100)}%`;

// ------------------------------------------------------------------ who is rated

export interface EligibilityInput {
  status: string;
  periods: readonly { startDate: string; endDate: string | null }[];
  year: number;
  minMonthsWorked: number;
}

/** Whether a worker is rated for `year`, with the months worked and why not. */
export function ratingEligibility(i: EligibilityInput): {
  rated: boolean;
  months: number;
  days: number;
  reason: string | null;
  text: string;
} {
  const from = `${i.year}-01-01`;
  const to = `${i.year + 1}-01-01`;
  const spans = i.periods
    .map(
      (p) =>
        [p.startDate > from ? p.startDate : from, p.endDate && p.endDate < to ? p.endDate : to] as [string, string],
    )
    .filter(([a, b]) => a < b)
    .sort((a, b) => a[0].localeCompare(b[0]));
  const merged: [string, string][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) {
      if (s[1] > last[1]) last[1] = s[1];
    } else merged.push([s[0], s[1]]);
  }
  let months = 0;
  let days = 0;
  for (const [a, b] of merged) {
    const d = calendarDiff(a, b);
    months += d.years * 12 + d.months;
    days += d.days;
  }
  months += Math.floor(days / 31);
  days %= 31;
  const worked = `${i.year} 年在社区工作 ${months} 个月${days ? ` ${days} 天` : ''}`;
  if (i.status === 'probation')
    return { rated: false, months, days, reason: 'probation', text: `试用期人员不定等次（${worked}）` };
  if (months < i.minMonthsWorked)
    return {
      rated: false,
      months,
      days,
      reason: 'short_service',
      text: `${worked}，不满 ${i.minMonthsWorked} 个月，不定等次`,
    };
  return { rated: true, months, days, reason: null, text: `${worked}，满 ${i.minMonthsWorked} 个月，参加定等` };
}

// ------------------------------------------------------------------ total and result

export interface RateStep {
  rule: 'total' | 'band' | 'chosen' | 'satisfactionFloor';
  text: string;
}

export interface Rated {
  total: number;
  band: AssessmentResult;
  result: AssessmentResult;
  steps: RateStep[];
}

/** Scores to hundredths, as integers. */
const e2 = (x: number) => Math.round(x * 100);

/**
 * The weighted total, the band and the result (see the module comment). `chosen` is the unit's
 * decision; a result above the band is refused with `{ error }` (the field is `result`).
 */
export function rateEntry(
  scores: Scores,
  rules: AssessmentPolicy,
  chosen?: AssessmentResult | null,
): Rated | { error: string } {
  const w = rules.weights;
  const keys = ['politicalQuality', 'workPerformance', 'residentSatisfaction'] as const;
  const e6 = keys.reduce((s, k) => s + e2(scores[k]) * ratioE4(w[k]), 0);
  const total = Math.round(e6 / 10000) / 100;
  const steps: RateStep[] = [
    {
      rule: 'total',
      text: `总分 = ${keys.map((k) => `${DIMENSION_LABELS[k]} ${fmt(scores[k])} × ${w[k]}`).join(' + ')} = ${fmt(total)}`,
    },
  ];
  const b = rules.bands;
  const band: AssessmentResult =
    total >= b.excellentMin
      ? 'excellent'
      : total >= b.competentMin
        ? 'competent'
        : total >= b.basicMin
          ? 'basic'
          : 'fail';
  steps.push({
    rule: 'band',
    text: `总分 ${fmt(total)}：${band === 'excellent' ? `≥ ${b.excellentMin}，可评${rules.labels.excellent}` : band === 'competent' ? `≥ ${b.competentMin}，${rules.labels.competent}` : band === 'basic' ? `≥ ${b.basicMin}，${rules.labels.basic}` : `< ${b.basicMin}，${rules.labels.fail}`}`,
  });
  let result = band;
  if (chosen && chosen !== band) {
    if (rank(chosen) > rank(band)) {
      const need = chosen === 'excellent' ? b.excellentMin : chosen === 'competent' ? b.competentMin : b.basicMin;
      return { error: `总分 ${fmt(total)} 未达到“${rules.labels[chosen]}”的最低总分 ${need}` };
    }
    result = chosen;
    steps.push({
      rule: 'chosen',
      text: `考核单位评定为“${rules.labels[chosen]}”（低于总分对应等次“${rules.labels[band]}”）`,
    });
  }
  const floorE4 = ratioE4(rules.satisfactionFloor);
  // Hundredths of a percent are ten-thousandths of 1, the unit of floorE4: 59.99 % → 5999 < 6000.
  if (e2(scores.residentSatisfaction) < floorE4) {
    result = 'fail';
    steps.push({
      rule: 'satisfactionFloor',
      text: `居民满意度 ${fmt(scores.residentSatisfaction)}% 低于 ${pct(floorE4)}，定为“${rules.labels.fail}”`,
    });
  } else {
    steps.push({
      rule: 'satisfactionFloor',
      text: `居民满意度 ${fmt(scores.residentSatisfaction)}% 不低于 ${pct(floorE4)}`,
    });
  }
  return { total, band, result, steps };
}

// ------------------------------------------------------------------ quota

export interface Quota {
  rated: number;
  excellent: number;
  target: number;
  cap: number;
  /** ok; over_target: a warning; over_cap: approval refused. */
  status: 'ok' | 'over_target' | 'over_cap';
  text: string;
}

/** The 优秀 quota of one assessing unit: floor(rated × target), floor(rated × cap). */
export function excellentQuota(
  rated: number,
  excellent: number,
  rules: Pick<AssessmentPolicy, 'excellentTarget' | 'excellentCap' | 'labels'>,
): Quota {
  const t = ratioE4(rules.excellentTarget);
  const c = ratioE4(rules.excellentCap);
  const target = Math.floor((rated * t) / 10000);
  const cap = Math.floor((rated * c) / 10000);
  const status = excellent > cap ? 'over_cap' : excellent > target ? 'over_target' : 'ok';
  const label = rules.labels.excellent;
  const arithmetic = `参加定等 ${rated} 人：一般掌握 ⌊${rated} × ${pct(t)}⌋ = ${target} 人，最多 ⌊${rated} × ${pct(c)}⌋ = ${cap} 人；现评${label} ${excellent} 人`;
  const verdict =
    status === 'over_cap'
      ? `，超过上限 ${excellent - cap} 人，不能审定`
      : status === 'over_target'
        ? '，超过一般掌握比例（提醒）'
        : '';
  return { rated, excellent, target, cap, status, text: arithmetic + verdict };
}

// ------------------------------------------------------------------ residents' satisfaction

export type RatingScore = 'satisfied' | 'basic' | 'unsatisfied';
export const RATING_LABELS: Record<RatingScore, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

export interface Satisfaction {
  count: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  /** (满意 + 基本满意) ÷ 票数 as a percentage to 2 decimals; null without ratings. */
  rate: number | null;
  /** Enough ratings to feed the satisfaction dimension. */
  usable: boolean;
  text: string;
}

/** Satisfaction from residents' ratings: (满意 + 基本满意) ÷ all, usable only from `minRatings` ratings. */
export function satisfactionOf(
  c: { satisfied: number; basic: number; unsatisfied: number },
  minRatings: number,
): Satisfaction {
  const count = c.satisfied + c.basic + c.unsatisfied;
  const rate = count ? Math.round(((c.satisfied + c.basic) * 10000) / count) / 100 : null;
  const usable = count > 0 && count >= minRatings;
  const text = count
    ? `满意 ${c.satisfied} + 基本满意 ${c.basic} = ${c.satisfied + c.basic}，共 ${count} 票，满意率 ${fmt(rate!)}%${usable ? '' : `（不足 ${minRatings} 票，仅供参考，不计入考核）`}`
    : '尚无居民测评';
  return { count, ...c, rate, usable, text };
}

// ------------------------------------------------------------------ consequences

export interface ProposedConsequence {
  kind: ConsequenceKind;
  reason: string;
}

/**
 * The consequences the policy attaches to `result` in `year` (F-ASSESS, F-REWARD). An early step only
 * when this year closes a run of `consecutiveExcellent` 优秀 years (the grade engine counts the runs the
 * same way: runs do not overlap); `previous` holds the approved results of earlier years.
 */
export function proposeConsequences(
  year: number,
  result: AssessmentResult,
  previous: ReadonlyMap<number, AssessmentResult>,
  rules: Pick<AssessmentPolicy, 'consequences' | 'labels'>,
  consecutiveExcellent: number,
): ProposedConsequence[] {
  const label = rules.labels[result];
  const out: ProposedConsequence[] = [];
  for (const kind of rules.consequences[result]) {
    if (kind === 'early_step') {
      let run = 1;
      while (previous.get(year - run) === 'excellent') run++;
      if (run % consecutiveExcellent !== 0) continue;
      out.push({
        kind,
        reason: `${year - run + 1}–${year} 年连续 ${run} 年${label}，满 ${consecutiveExcellent} 年提前晋升一级（由岗位等级计算执行，最多 2 次）`,
      });
    } else out.push({ kind, reason: `${year} 年度考核“${label}”：${CONSEQUENCE_LABELS[kind]}` });
  }
  return out;
}
