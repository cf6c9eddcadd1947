/**
 * F-GRADE (§2.4) 岗位等级: a worker's grade from the policy in force and their history, with every
 * step explained in Chinese. F-QUAL (§2.4) qualification bonus; F-ASSESS (§4.10) assessments feed the
 * grade (failed years not counted, consecutive 优秀 give early steps).
 *
 * The rule, in order (each a step of the explanation):
 * 1. category: the position's 岗位类别; the grade starts at its minGrade.
 * 2. serviceYears: the in-province employment periods up to `date` (serviceYears, overlaps once),
 *    cut into calendar-year pieces; with `excludeFailedYears`, the pieces in a calendar year whose
 *    assessment was 不合格 are removed (only that year's overlap with the periods). What is left is a
 *    set of unbroken stretches; each is measured by calendar (dates.ts calendarDiff) and the lengths
 *    are added (leftover days carry to a month per 31, months to a year per 12). Full years = the
 *    years of that sum. For one unbroken period this is the plain calendar difference: 2 years 364
 *    days → 2, exactly 3 years → 3; 2018-01-01 to 2024-01-01 with 2020 failed → 2 + 3 = 5.
 * 3. education: 学历 counts as whole equivalent years (本科 3, 硕士 5, 博士 7 by default).
 * 4. yearSteps: + floor((full years + education years) ÷ yearsPerStep).
 * 5. qualification: + the bonus of the highest-ranked qualification obtained on or before `date`
 *    only (就高不叠加: 助理 and 社会工作师 held together give +2, not +3).
 * 6. earlySteps: each run of consecutive calendar years rated 优秀 gives floor(run ÷ k) steps
 *    (k = consecutiveExcellent, 2 by default; runs do not overlap, so 3 in a row give 1 and 4 give 2);
 *    a missing year or any other result ends a run; total capped at maxTimes (2).
 * 7. cap: the grade never exceeds the category's maxGrade (nor falls below its minGrade).
 *
 * Assessments are considered only for years before the year of `date`: the result of year Y is known
 * from 1 January of Y + 1 (the common "从次年1月起"), so recomputing a past date uses only what was
 * known then.
 */

import type { GradeCategory, PostCategory, ResolvedPolicy } from '../policy/policy.schema.js';
import { requireSection } from '../policy/resolve.js';
import { calendarDiff, chineseDate, daysBetween } from './dates.js';
import { DomainError } from './errors.js';
import { type PeriodForYears, serviceYears } from './worker.js';
import {
  EDUCATIONS,
  type Education,
  POSITIONS,
  type Position,
  QUALIFICATION_RANK,
  QUALIFICATIONS,
  type Qualification,
} from './worker-vocab.js';

/** 年度考核结果: 优秀 excellent, 合格 competent, 基本合格 basic, 不合格 fail. */
export type AssessmentResult = 'excellent' | 'competent' | 'basic' | 'fail';
export const ASSESSMENT_LABELS: Record<AssessmentResult, string> = {
  excellent: '优秀',
  competent: '合格',
  basic: '基本合格',
  fail: '不合格',
};

export interface GradeInput {
  position: Position;
  education: Education | null;
  qualifications: readonly { level: Qualification; obtainedOn: string }[];
  periods: readonly PeriodForYears[];
  /** Province whose periods count (省内累计). Defaults to the province of the latest period. */
  provinceCode?: string;
  /**
   * Approved yearly results. `delayedStep`: a confirmed 延缓晋级 consequence (the year is not counted,
   * whatever the result); `faultTolerance`: a 容错纠错 decision (the year's 不合格 or a delayed step is
   * not held against the worker: the year counts); `earlyStep: false`: the early step this year would
   * close is not (yet) confirmed, so it is not given (absent: given by the rule alone).
   */
  assessments: readonly {
    year: number;
    result: AssessmentResult;
    delayedStep?: boolean;
    faultTolerance?: boolean;
    earlyStep?: boolean;
  }[];
  /** As-of date (the injected clock). */
  date: string;
  policy: ResolvedPolicy;
}

export type GradeRule =
  | 'category'
  | 'serviceYears'
  | 'education'
  | 'yearSteps'
  | 'qualification'
  | 'earlySteps'
  | 'cap';

export interface GradeStep {
  rule: GradeRule;
  input: Record<string, unknown>;
  /** Change to the grade made by this step. */
  effect: number;
  /** The grade after this step. */
  grade: number;
  text: string;
}

export interface GradeResult {
  category: PostCategory;
  categoryName: string;
  minGrade: number;
  maxGrade: number;
  grade: number;
  /** Full years of community work counted (after exclusions), and the equivalent years used for steps. */
  countedYears: number;
  equivalentYears: number;
  steps: GradeStep[];
}

/** [start, end) date ranges; end exclusive, as daysBetween counts. */
type Span = [string, string];

/** Merges overlapping or touching spans (sorted by start). */
function mergeSpans(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a[0].localeCompare(b[0]))) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) {
      if (s[1] > last[1]) last[1] = s[1];
    } else out.push([s[0], s[1]]);
  }
  return out;
}

/** Removes from the spans every day of the given calendar years; returns what is left and, per year, the days removed. */
function removeYears(spans: Span[], years: ReadonlySet<number>): { kept: Span[]; removed: Map<number, number> } {
  const kept: Span[] = [];
  const removed = new Map<number, number>();
  for (const [a, b] of spans) {
    for (let y = +a.slice(0, 4); y <= +b.slice(0, 4); y++) {
      const from = a > `${y}-01-01` ? a : `${y}-01-01`;
      const to = b < `${y + 1}-01-01` ? b : `${y + 1}-01-01`;
      if (from >= to) continue;
      if (years.has(y)) removed.set(y, (removed.get(y) ?? 0) + daysBetween(from, to));
      else kept.push([from, to]);
    }
  }
  return { kept: mergeSpans(kept), removed };
}

type Duration = { years: number; months: number; days: number };
const ymd = (d: Duration) => `${d.years}年${d.months}个月${d.days}天`;

/**
 * The calendar length of separate stretches: each stretch by calendar (calendarDiff), then added;
 * leftover days carry to a month per 31 (never more than a real month, so one stretch keeps its exact
 * calendar length: 2 years 11 months 30 days stays under 3 years), months to a year per 12.
 */
function sumDurations(spans: readonly Span[]): Duration {
  let years = 0;
  let months = 0;
  let days = 0;
  for (const [a, b] of spans) {
    const d = calendarDiff(a, b);
    years += d.years;
    months += d.months;
    days += d.days;
  }
  months += Math.floor(days / 31);
  days %= 31;
  years += Math.floor(months / 12);
  months %= 12;
  return { years, months, days };
}

/** The category a position belongs to under the grade policy, or a domain error. */
export function categoryOf(position: Position, categories: readonly GradeCategory[]): GradeCategory {
  const c = categories.find((x) => x.positions.includes(position));
  if (!c)
    throw new DomainError(
      'validation',
      'GRADE_NO_CATEGORY',
      `职务“${POSITIONS[position] ?? position}”未归入岗位等级序列的任何类别`,
      [{ field: 'position', message: '职务未归入任何岗位类别' }],
    );
  return c;
}

/**
 * F-GRADE: the grade on `date` with its explanation (see the module comment for the exact rule).
 * Throws a domain error when no grade policy is in force or the position has no category.
 */
export function computeGrade(input: GradeInput): GradeResult {
  const g = requireSection(input.policy, 'grades');
  const { date } = input;
  const category = categoryOf(input.position, g.categories);
  const steps: GradeStep[] = [];
  let grade = category.minGrade;
  steps.push({
    rule: 'category',
    input: {
      position: input.position,
      category: category.code,
      minGrade: category.minGrade,
      maxGrade: category.maxGrade,
    },
    effect: category.minGrade,
    grade,
    text: `职务“${POSITIONS[input.position]}”属于${category.name}岗位（${category.minGrade}–${category.maxGrade} 级），起点为第 ${category.minGrade} 级`,
  });

  // 2. Years of community work.
  const latest = [...input.periods].sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
  const provinceCode = input.provinceCode ?? latest?.regionCode.slice(0, 2) ?? '';
  const sy = serviceYears([...input.periods], provinceCode, date);
  const spans = mergeSpans(
    sy.breakdown
      .filter((b) => b.counted)
      .map((b): Span => [b.startDate, b.endDate && b.endDate < date ? b.endDate : date])
      .filter(([a, b]) => a < b),
  );
  const assessments = new Map<number, AssessmentResult>();
  const known = [...input.assessments].sort((x, y) => x.year - y.year).filter((a) => a.year < +date.slice(0, 4));
  for (const a of known) assessments.set(a.year, a.result);
  // Years not counted: 不合格 (when the policy says so) or a confirmed delayed step, unless 容错纠错 was decided.
  const failedYears = new Set(
    known
      .filter((a) => !a.faultTolerance && (a.delayedStep || (g.excludeFailedYears && a.result === 'fail')))
      .map((a) => a.year),
  );
  const toleratedYears = known
    .filter((a) => a.faultTolerance && (a.delayedStep || a.result === 'fail' || a.result === 'basic'))
    .map((a) => a.year);
  const delayedYears = known
    .filter((a) => !a.faultTolerance && a.delayedStep && a.result !== 'fail')
    .map((a) => a.year);
  const { kept, removed } = removeYears(spans, failedYears);
  const countedDays = kept.reduce((s, [a, b]) => s + daysBetween(a, b), 0);
  const diff = sumDurations(kept);
  const countedYears = diff.years;
  const excluded = [...removed].filter(([, d]) => d > 0);
  const periodsText = sy.breakdown.length
    ? sy.breakdown
        .map(
          (b) =>
            `${chineseDate(b.startDate)} 至 ${b.endDate ? chineseDate(b.endDate) : '今'}（${b.regionCode}）${b.counted ? '计入' : '不计入'}：${b.note}`,
        )
        .join('；')
    : '无社区工作经历';
  const excludedText =
    (excluded.length
      ? `；扣除${delayedYears.length ? '年度考核不合格或延缓晋级的' : '年度考核不合格'}年度 ${excluded.map(([y, d]) => `${y} 年 ${d} 天`).join('、')}`
      : '') + (toleratedYears.length ? `；${toleratedYears.join('、')} 年已作容错纠错认定，照常计入` : '');
  steps.push({
    rule: 'serviceYears',
    input: {
      provinceCode,
      periods: sy.breakdown,
      serviceDays: sy.days,
      failedYears: [...failedYears].sort(),
      delayedYears,
      toleratedYears,
      excludedDays: Object.fromEntries(excluded),
      countedDays,
      counted: diff,
    },
    effect: 0,
    grade,
    text: `社区工作年限：${periodsText}。省内累计 ${sy.days} 天${excludedText}，计入 ${countedDays} 天，折合 ${ymd(diff)}，满 ${countedYears} 年`,
  });

  // 3. Education as equivalent years.
  const eduYears = input.education ? g.educationYears[input.education] : 0;
  steps.push({
    rule: 'education',
    input: { education: input.education, years: eduYears },
    effect: 0,
    grade,
    text: input.education
      ? `学历${EDUCATIONS[input.education]}视同社区工作 ${eduYears} 年`
      : '未登记学历，视同年限 0 年',
  });

  // 4. One grade per full yearsPerStep years.
  const equivalentYears = countedYears + eduYears;
  const yearSteps = Math.floor(equivalentYears / g.yearsPerStep);
  grade += yearSteps;
  steps.push({
    rule: 'yearSteps',
    input: { countedYears, educationYears: eduYears, equivalentYears, yearsPerStep: g.yearsPerStep },
    effect: yearSteps,
    grade,
    text: `每满 ${g.yearsPerStep} 年晋升一级：⌊(${countedYears} + ${eduYears}) ÷ ${g.yearsPerStep}⌋ = ${yearSteps} 级，为第 ${grade} 级`,
  });

  // 5. Highest qualification only.
  const held = input.qualifications.filter((q) => q.obtainedOn <= date);
  const highest = held.reduce<Qualification | null>(
    (best, q) => (best === null || QUALIFICATION_RANK[q.level] > QUALIFICATION_RANK[best] ? q.level : best),
    null,
  );
  const qualSteps = highest ? g.qualificationSteps[highest] : 0;
  grade += qualSteps;
  const others = [...new Set(held.map((q) => q.level))].filter((l) => l !== highest);
  const notYet = input.qualifications.filter((q) => q.obtainedOn > date);
  steps.push({
    rule: 'qualification',
    input: { held: held.map((q) => q.level), highest, steps: qualSteps },
    effect: qualSteps,
    grade,
    text: highest
      ? `职业水平按最高一项计算、不叠加：${QUALIFICATIONS[highest]} +${qualSteps} 级${others.length ? `（另持有${others.map((l) => QUALIFICATIONS[l]).join('、')}，不再加级）` : ''}，为第 ${grade} 级`
      : `无${notYet.length ? '当日已取得的' : ''}职业水平证书，不加级${notYet.length ? `（${notYet.map((q) => `${QUALIFICATIONS[q.level]} ${q.obtainedOn} 取得`).join('、')}，晚于计算日期）` : ''}`,
  });

  // 6. Early steps from runs of consecutive 优秀.
  const k = g.earlyStep.consecutiveExcellent;
  const runs: { from: number; to: number; steps: number; unconfirmed: number[] }[] = [];
  let runStart: number | null = null;
  let prev: number | null = null;
  const years = [...assessments.keys()].sort((a, b) => a - b);
  const earlyFlag = new Map(known.map((a) => [a.year, a.earlyStep]));
  const close = () => {
    if (runStart !== null && prev !== null) {
      // Each k-th year of a run closes one step; a step whose year says earlyStep: false is not given.
      let steps = 0;
      const unconfirmed: number[] = [];
      for (let i = k; i <= prev - runStart + 1; i += k) {
        if (earlyFlag.get(runStart + i - 1) === false) unconfirmed.push(runStart + i - 1);
        else steps++;
      }
      runs.push({ from: runStart, to: prev, steps, unconfirmed });
    }
    runStart = null;
  };
  for (const y of years) {
    if (assessments.get(y) !== 'excellent') {
      close();
    } else if (runStart === null || prev === null || y !== prev + 1) {
      close();
      runStart = y;
    }
    prev = y;
  }
  close();
  const earned = runs.reduce((s, r) => s + r.steps, 0);
  const early = Math.min(earned, g.earlyStep.maxTimes);
  grade += early;
  const runsText = runs
    .filter((r) => r.steps > 0 || r.unconfirmed.length > 0)
    .map(
      (r) =>
        `${r.from}–${r.to} 年连续优秀 ${r.to - r.from + 1} 年（${r.steps} 次${r.unconfirmed.length ? `；${r.unconfirmed.join('、')} 年的提前晋升未经确认，不计` : ''}）`,
    );
  steps.push({
    rule: 'earlySteps',
    input: { runs, earned, maxTimes: g.earlyStep.maxTimes, consecutiveExcellent: k },
    effect: early,
    grade,
    text: runsText.length
      ? `连续 ${k} 年优秀提前晋升一级，最多 ${g.earlyStep.maxTimes} 次：${runsText.join('、')}，共 ${earned} 次${earned > early ? `，按上限计 ${early} 次` : ''}，+${early} 级，为第 ${grade} 级`
      : `无连续 ${k} 年优秀的记录，不提前晋升`,
  });

  // 7. Cap.
  const capped = Math.min(Math.max(grade, category.minGrade), category.maxGrade);
  steps.push({
    rule: 'cap',
    input: { before: grade, maxGrade: category.maxGrade, applied: capped !== grade },
    effect: capped - grade,
    grade: capped,
    text:
      capped !== grade
        ? `${category.name}岗位最高为第 ${category.maxGrade} 级，按上限封顶：第 ${grade} 级 → 第 ${capped} 级`
        : `未超过${category.name}岗位上限第 ${category.maxGrade} 级，最终为第 ${capped} 级`,
  });

  return {
    category: category.code,
    categoryName: category.name,
    minGrade: category.minGrade,
    maxGrade: category.maxGrade,
    grade: capped,
    countedYears,
    equivalentYears,
    steps,
  };
}
