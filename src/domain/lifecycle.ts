/**
 * Rules of a worker's life cycle (issue 6), pure and table-tested: the end of probation (F-PROBATION),
 * the statutory retirement date (F-EXIT), and the yearly eligibility of community party secretaries
 * for public-institution posts (F-INCENTIVE §5.13). Every figure comes with its rule and arithmetic.
 */

import type { IncentivePolicy, LifecyclePolicy, RetirementRule } from '../policy/policy.schema.js';
import { addDays, addMonths, calendarDiff, chineseDate, daysBetween } from './dates.js';
import type { AssessmentResult } from './grade.js';
import { GENDERS, type Gender, PERIOD_ENDS, type PeriodEnd, POSITIONS, type Position } from './worker-vocab.js';

// ---------------------------------------------------------------- F-PROBATION

export type ProbationState = 'running' | 'dueSoon' | 'overdue';
export const PROBATION_STATES: Record<ProbationState, string> = {
  running: '试用中',
  dueSoon: '即将期满',
  overdue: '已期满待考核',
};

export interface ProbationStatus {
  startDate: string;
  /** The last day of probation. */
  dueOn: string;
  /** Days from today to the last day (negative once it has passed). */
  daysLeft: number;
  state: ProbationState;
  rule: string;
  arithmetic: string;
}

/**
 * Probation of `months` months from the first day of work ends the day before the same date `months`
 * later (2026-01-01 + 6 months → last day 2026-06-30; 2026-08-31 + 6 → 2027-02-27, the month clamped).
 * Within `reminderDays` of the last day it is due soon; after it, overdue until decided.
 */
export function probationStatus(startDate: string, p: LifecyclePolicy['probation'], today: string): ProbationStatus {
  const dueOn = addDays(addMonths(startDate, p.months), -1);
  const daysLeft = daysBetween(today, dueOn);
  const state: ProbationState = daysLeft < 0 ? 'overdue' : daysLeft <= p.reminderDays ? 'dueSoon' : 'running';
  return {
    startDate,
    dueOn,
    daysLeft,
    state,
    rule: `试用期 ${p.months} 个月，期满前 ${p.reminderDays} 天提醒；期满考核合格转为在岗，不合格解除聘用（F-PROBATION）`,
    arithmetic: `${chineseDate(startDate)} + ${p.months} 个月 − 1 天 = ${chineseDate(dueOn)}；距今 ${daysLeft} 天`,
  };
}

// ---------------------------------------------------------------- F-EXIT retirement

export interface RetirementDate {
  date: string;
  ageYears: number;
  ageMonths: number;
  delayMonths: number;
  rule: string;
  arithmetic: string;
}

const monthIndex = (ym: string) => +ym.slice(0, 4) * 12 + (+ym.slice(5, 7) - 1);

/**
 * The statutory retirement date: the day the person reaches the retirement age of their gender's rule.
 * Born before `reformFromBirthMonth`: the base age. Born in it or later: one month more for each
 * started group of `monthsPerStep` birth months (the first group +1), at most `maxDelayMonths`.
 * Men (60, 1965-01, 4, 36): born 1964-12-31 → 60; 1965-01-01 → 60 + 1 month; 1965-05 → + 2; 1976-09 on → 63.
 */
export function retirementDate(birthDate: string, gender: Gender, r: LifecyclePolicy['retirement']): RetirementDate {
  const rule: RetirementRule = r[gender];
  const since = monthIndex(birthDate.slice(0, 7)) - monthIndex(rule.reformFromBirthMonth);
  const delayMonths = since < 0 ? 0 : Math.min(rule.maxDelayMonths, Math.floor(since / rule.monthsPerStep) + 1);
  const total = rule.baseAgeYears * 12 + delayMonths;
  const date = addMonths(birthDate, total);
  const ageYears = Math.floor(total / 12);
  const ageMonths = total % 12;
  const age = `${ageYears} 周岁${ageMonths ? ` ${ageMonths} 个月` : ''}`;
  const delayText =
    since < 0
      ? `出生于 ${rule.reformFromBirthMonth} 之前，不延迟`
      : `出生年月距 ${rule.reformFromBirthMonth} 共 ${since} 个月，每 ${rule.monthsPerStep} 个月延迟 1 个月：⌊${since} ÷ ${rule.monthsPerStep}⌋ + 1 = ${Math.floor(since / rule.monthsPerStep) + 1}${Math.floor(since / rule.monthsPerStep) + 1 > rule.maxDelayMonths ? `，以 ${rule.maxDelayMonths} 个月为限` : ''}，延迟 ${delayMonths} 个月`;
  return {
    date,
    ageYears,
    ageMonths,
    delayMonths,
    rule: `${GENDERS[gender]}：原法定退休年龄 ${rule.baseAgeYears} 周岁；${rule.reformFromBirthMonth} 起出生的，每 ${rule.monthsPerStep} 个月延迟 1 个月，最多延迟 ${rule.maxDelayMonths} 个月（${r.basis}）`,
    arithmetic: `${delayText}；退休年龄 ${age}；${chineseDate(birthDate)} + ${age} = ${chineseDate(date)}`,
  };
}

// ---------------------------------------------------------------- F-INCENTIVE

export interface PeriodForContinuity {
  regionCode: string;
  startDate: string;
  endDate: string | null;
  endType: PeriodEnd | null;
}

export interface ContinuousService {
  /** First day of the unbroken stretch that reaches `asOf`; null when not serving on `asOf`. */
  startDate: string | null;
  years: number;
  months: number;
  days: number;
  text: string;
  /** Why the stretch starts where it does. */
  breakReason: string | null;
}

/**
 * 连续从事社区工作年限: the unbroken stretch of employment periods that reaches `asOf`. Walking back from
 * the current period, the stretch stops at a gap (the earlier period ended more than one day before),
 * at an exit (resignation, dismissal … then hired again), at a period outside the province, and — when
 * the policy says moves break it — at a transfer.
 */
export function continuousService(
  periods: PeriodForContinuity[],
  provinceCode: string,
  asOf: string,
  provinceMovesKeepContinuity: boolean,
): ContinuousService {
  const list = periods.filter((p) => p.startDate <= asOf).sort((a, b) => b.startDate.localeCompare(a.startDate));
  const current = list.find((p) => p.endDate === null || p.endDate >= asOf);
  if (!current?.regionCode.startsWith(provinceCode))
    return { startDate: null, years: 0, months: 0, days: 0, text: '0年0个月', breakReason: '计算日期不在岗' };
  let start = current.startDate;
  let breakReason: string | null = null;
  for (const p of list) {
    if (p === current) continue;
    if (p.endDate === null || p.endDate >= asOf) {
      // another period still running on `asOf` (concurrent posts): it extends the stretch when it started earlier
      if (p.regionCode.startsWith(provinceCode) && p.startDate < start) start = p.startDate;
      continue;
    }
    if (p.endDate < addDays(start, -1)) {
      breakReason = `${chineseDate(p.endDate)} 离开后至 ${chineseDate(start)} 重新任职，中断 ${daysBetween(p.endDate, start) - 1} 天`;
      break;
    }
    if (!p.regionCode.startsWith(provinceCode)) {
      breakReason = `${chineseDate(start)} 之前为省外工作经历，不计入`;
      break;
    }
    if (p.endType !== 'transfer') {
      breakReason = `${chineseDate(p.endDate)} ${PERIOD_ENDS[p.endType ?? 'resignation']}，此后重新任职，连续计算中断`;
      break;
    }
    if (!provinceMovesKeepContinuity) {
      breakReason = `${chineseDate(p.endDate)} 省内调动；按政策，调动中断连续计算`;
      break;
    }
    if (p.startDate < start) start = p.startDate;
  }
  const d = calendarDiff(start, asOf);
  return {
    startDate: start,
    years: d.years,
    months: d.months,
    days: d.days,
    text: `${d.years}年${d.months}个月${d.days}天`,
    breakReason,
  };
}

export interface PositionForTerms {
  position: Position;
  startDate: string;
  endDate: string | null;
  term: string | null;
}

export interface SecretaryStint {
  startDate: string;
  endDate: string | null;
  years: number;
  months: number;
  fullTerms: number;
  terms: string[];
}

/**
 * Time as secretary (the incentive's positions), adjacent rows joined (书记 → 一肩挑 is one stint).
 * A stint of `fullTermYears` or more up to `asOf` counts as one full term per `fullTermYears`
 * (4 years 11 months in a current term is not yet a full term).
 */
export function secretaryStints(
  positions: PositionForTerms[],
  secretaryPositions: readonly Position[],
  fullTermYears: number,
  asOf: string,
): SecretaryStint[] {
  const rows = positions
    .filter((p) => secretaryPositions.includes(p.position) && p.startDate <= asOf)
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  const stints: { startDate: string; endDate: string | null; terms: string[] }[] = [];
  for (const p of rows) {
    const last = stints[stints.length - 1];
    if (last && (last.endDate === null || last.endDate >= addDays(p.startDate, -1))) {
      if (last.endDate !== null && (p.endDate === null || p.endDate > last.endDate)) last.endDate = p.endDate;
      if (p.term) last.terms.push(p.term);
    } else stints.push({ startDate: p.startDate, endDate: p.endDate, terms: p.term ? [p.term] : [] });
  }
  return stints.map((s) => {
    const end = s.endDate === null || s.endDate > asOf ? asOf : s.endDate;
    const d = calendarDiff(s.startDate, end);
    return { ...s, years: d.years, months: d.months, fullTerms: Math.floor(d.years / fullTermYears) };
  });
}

export interface IncentiveSubject {
  position: Position;
  status: 'active' | 'probation' | 'exited';
  provinceCode: string;
  periods: PeriodForContinuity[];
  positions: PositionForTerms[];
  assessments: { year: number; result: AssessmentResult }[];
  /**
   * Completed terms (届满, closed by the next election) from the terms register in which the person was
   * secretary: shown as evidence beside the position-based computation, which stays the rule.
   */
  registeredTerms?: { name: string; electedOn: string; closedOn: string }[];
}

export interface IncentiveCondition {
  code: 'position' | 'continuousYears' | 'fullTerm' | 'assessment';
  label: string;
  met: boolean;
  rule: string;
  evidence: string;
}

export interface IncentiveResult {
  eligible: boolean;
  conditions: IncentiveCondition[];
  continuousYears: number;
  continuousText: string;
  fullTerms: number;
}

const RESULT_LABELS: Record<AssessmentResult, string> = {
  excellent: '优秀',
  competent: '称职',
  basic: '基本称职',
  fail: '不称职',
};

/**
 * F-INCENTIVE (§5.13): on `asOf` (the year `year`), a serving secretary with ≥ `secretaryYears`
 * continuous years of community work, at least one full term as secretary (when required) and
 * excellent records (≥ `minExcellent` 优秀 and no 不称职 in the `assessmentYears` years before `year`)
 * is eligible. Each condition carries its evidence; all must hold.
 */
export function incentiveEligibility(
  s: IncentiveSubject,
  incentive: IncentivePolicy,
  rules: LifecyclePolicy['incentiveRules'],
  asOf: string,
  year: number,
): IncentiveResult {
  const conditions: IncentiveCondition[] = [];
  const posNames = incentive.positions.map((p) => POSITIONS[p]).join('、');
  conditions.push({
    code: 'position',
    label: '现任社区党组织书记',
    met: s.status !== 'exited' && incentive.positions.includes(s.position),
    rule: `现任 ${posNames}`,
    evidence: s.status === 'exited' ? '已离岗' : `现任${POSITIONS[s.position]}`,
  });

  const c = continuousService(s.periods, s.provinceCode, asOf, rules.provinceMovesKeepContinuity);
  conditions.push({
    code: 'continuousYears',
    label: `连续从事社区工作满 ${incentive.secretaryYears} 年`,
    met: c.years >= incentive.secretaryYears,
    rule: `截至 ${chineseDate(asOf)} 连续从事社区工作不少于 ${incentive.secretaryYears} 年；省内调动${rules.provinceMovesKeepContinuity ? '不中断' : '中断'}连续计算（政策设置）`,
    evidence: c.startDate
      ? `自 ${chineseDate(c.startDate)} 起连续任职至 ${chineseDate(asOf)}，共 ${c.text}${c.breakReason ? `（${c.breakReason}）` : ''}；${c.years} ${c.years >= incentive.secretaryYears ? '≥' : '<'} ${incentive.secretaryYears}`
      : '计算日期不在岗',
  });

  const stints = secretaryStints(s.positions, incentive.positions, rules.fullTermYears, asOf);
  const fullTerms = stints.reduce((a, x) => a + x.fullTerms, 0);
  conditions.push({
    code: 'fullTerm',
    label: '任满一届书记',
    met: !incentive.fullTermRequired || fullTerms >= 1,
    rule: incentive.fullTermRequired
      ? `至少任满一届（连续担任书记满 ${rules.fullTermYears} 年为一届）`
      : '政策未要求任满一届',
    evidence:
      (stints.length
        ? stints
            .map(
              (x) =>
                `${chineseDate(x.startDate)}—${x.endDate && x.endDate <= asOf ? chineseDate(x.endDate) : '至今'} 任书记 ${x.years}年${x.months}个月${x.terms.length ? `（${x.terms.join('、')}）` : ''}，${x.fullTerms ? `满 ${x.fullTerms} 届` : '未满一届'}`,
            )
            .join('；')
        : '无任书记记录') + registeredTermsText(s.registeredTerms ?? []),
  });

  const from = year - rules.assessmentYears;
  const window = s.assessments.filter((a) => a.year >= from && a.year < year).sort((a, b) => a.year - b.year);
  const excellent = window.filter((a) => a.result === 'excellent').length;
  const failed = window.filter((a) => a.result === 'fail');
  conditions.push({
    code: 'assessment',
    label: '表现优秀',
    met: excellent >= rules.minExcellent && failed.length === 0,
    rule: `${from}—${year - 1} 年度考核至少 ${rules.minExcellent} 次优秀，且无不称职`,
    evidence: window.length
      ? `${window.map((a) => `${a.year} 年${RESULT_LABELS[a.result]}`).join('、')}；优秀 ${excellent} 次${failed.length ? `，不称职 ${failed.length} 次` : ''}`
      : `${from}—${year - 1} 年度无已审定的考核结果`,
  });
  return {
    eligible: conditions.every((x) => x.met),
    conditions,
    continuousYears: c.years,
    continuousText: c.text,
    fullTerms,
  };
}

const registeredTermsText = (terms: { name: string; electedOn: string; closedOn: string }[]): string =>
  terms.length
    ? `；届次登记：${terms.map((t) => `${t.name}（${chineseDate(t.electedOn)}—${chineseDate(t.closedOn)}，换届届满，任书记）`).join('、')}`
    : '';

// ---------------------------------------------------------------- F-CONTRACT

export type ContractState = 'none' | 'expired' | 'dueSoon' | 'valid' | 'openEnded';
export const CONTRACT_STATES: Record<ContractState, string> = {
  none: '未签订',
  expired: '已到期未续签',
  dueSoon: '即将到期',
  valid: '履行中',
  openEnded: '无固定期限',
};

/**
 * The state of a worker's labour contract on `today`: the latest contract by start date decides.
 * Ending within `reminderDays` (inclusive) is due soon; ended before today without a newer one, expired.
 */
export function contractState(
  contracts: { startDate: string; endDate: string | null }[],
  today: string,
  reminderDays: number,
): { state: ContractState; endDate: string | null; daysLeft: number | null } {
  const latest = [...contracts].sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
  if (!latest) return { state: 'none', endDate: null, daysLeft: null };
  if (latest.endDate === null) return { state: 'openEnded', endDate: null, daysLeft: null };
  const daysLeft = daysBetween(today, latest.endDate);
  return {
    state: daysLeft < 0 ? 'expired' : daysLeft <= reminderDays ? 'dueSoon' : 'valid',
    endDate: latest.endDate,
    daysLeft,
  };
}
