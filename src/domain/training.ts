/**
 * F-TRAIN-RULE (《意见》§3.8) 培训频次: community party secretaries and residents' committee directors
 * are trained at least once a year, every other worker at least once in every 3 years. The rules, the
 * way a cycle is measured and the "due soon" horizon come from the policy in force (`training` section);
 * this file only evaluates them, with the rule, the inputs and the arithmetic for every answer.
 *
 * Decisions (docs/api-training.md):
 * - The rule of a worker is the first rule whose `appliesTo` holds the worker's current position; a
 *   position no rule names is 不适用 (notApplicable).
 * - A training counts on its completion date (the day the enrolment was marked completed).
 * - calendar windows: fixed blocks of `everyYears` calendar years counted from `windowStartYear`
 *   (negative offsets too: 2021–2023 before 2024–2026). The current window is compliant once it holds
 *   `minTimes` completions up to today. Otherwise the worker is overdue (逾期) when the previous window
 *   was assessed and missed; a window is assessed when the worker was hired on or before its last day.
 *   Else due soon (即将到期) when the current window ends within `dueSoonDays`, else pending (待培训).
 * - rolling windows: the window is the `everyYears` years ending today (today − N years + 1 day … today).
 *   With `minTimes` completions in it, the deadline is the `minTimes`-th latest completion + N years − 1
 *   day: compliant, or due soon when that deadline is within `dueSoonDays`. Without, the deadline is
 *   the hire date + N years − 1 day: overdue after it, else due soon / pending as above.
 */
import { addDays, addYears, chineseDate, daysBetween } from './dates.js';
import { POSITIONS, type Position } from './worker-vocab.js';

export interface TrainingRule {
  appliesTo: readonly Position[];
  everyYears: number;
  minTimes: number;
}

export interface TrainingRulePolicy {
  rules: readonly TrainingRule[];
  window: 'calendar' | 'rolling';
  windowStartYear: number;
  dueSoonDays: number;
}

/** compliant 已达标 · dueSoon 即将到期 · pending 待培训 · overdue 逾期 · notApplicable 不适用 */
export const COMPLIANCE_STATUSES = ['compliant', 'dueSoon', 'pending', 'overdue', 'notApplicable'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];
export const COMPLIANCE_LABELS: Record<ComplianceStatus, string> = {
  compliant: '已达标',
  dueSoon: '即将到期',
  pending: '待培训',
  overdue: '逾期',
  notApplicable: '不适用',
};

export interface Completion {
  /** YYYY-MM-DD */
  date: string;
  title?: string;
}

export interface ComplianceInput {
  position: Position;
  /** Start of the current employment (入职/任职日期). */
  hiredOn: string;
  /** Completed trainings, any order. */
  completions: readonly Completion[];
  today: string;
  policy: TrainingRulePolicy;
}

export interface ComplianceResult {
  status: ComplianceStatus;
  rule: string;
  /** The current window (calendar) or the rolling window ending today. */
  window: { from: string; to: string } | null;
  completionsInWindow: number;
  required: number;
  /** The day by which the next required training must be done (null when compliant in calendar mode or not applicable). */
  deadline: string | null;
  /** Days from today to the deadline (negative when past). */
  daysLeft: number | null;
  lastCompleted: Completion | null;
  arithmetic: string;
}

/** The rule for a position: the first that names it. */
export function ruleFor(policy: Pick<TrainingRulePolicy, 'rules'>, position: Position): TrainingRule | null {
  for (const r of policy.rules) if (r.appliesTo.includes(position)) return r;
  return null;
}

/** The calendar window (of `years` years, counted from `startYear`) that holds `date`. */
export function calendarWindow(date: string, years: number, startYear: number): { from: string; to: string } {
  const k = Math.floor((+date.slice(0, 4) - startYear) / years);
  const first = startYear + k * years;
  return { from: `${first}-01-01`, to: `${first + years - 1}-12-31` };
}

const ruleText = (r: TrainingRule, p: TrainingRulePolicy) =>
  `${r.appliesTo.map((x) => POSITIONS[x]).join('、')}：每 ${r.everyYears} 年至少培训 ${r.minTimes} 次（${
    p.window === 'calendar'
      ? r.everyYears === 1
        ? '按自然年计算'
        : `按自然年对齐的 ${r.everyYears} 年周期计算，自 ${p.windowStartYear} 年起`
      : `按截至当日的滚动 ${r.everyYears} 年计算`
  }；距截止不超过 ${p.dueSoonDays} 天列为即将到期）`;

function newestFirst(a: Completion, b: Completion): number {
  return a.date < b.date ? 1 : a.date > b.date ? -1 : 0;
}

function countBetween(done: readonly Completion[], from: string, to: string): number {
  let n = 0;
  for (const c of done) if (c.date >= from && c.date <= to) n++;
  return n;
}

const range = (w: { from: string; to: string }) => `${chineseDate(w.from)}至${chineseDate(w.to)}`;

/**
 * F-TRAIN-RULE: one worker's training compliance on `today`, explained. With `explain: false` the
 * texts (`rule`, `arithmetic`) are left empty — the same status, window and deadline, for lists of
 * hundreds of thousands where only one page is shown (the page is then evaluated again with texts).
 */
export function trainingCompliance(input: ComplianceInput, explain = true): ComplianceResult {
  const { policy, today } = input;
  // Plain loops and no closures here: this runs for every worker of a province.
  const done: Completion[] = [];
  for (const c of input.completions) if (c.date <= today) done.push(c);
  if (done.length > 1) done.sort(newestFirst);
  const lastCompleted = done[0] ?? null;
  const rule = ruleFor(policy, input.position);
  if (!rule) {
    return {
      status: 'notApplicable',
      rule: `培训规则未列出职务“${POSITIONS[input.position] ?? input.position}”`,
      window: null,
      completionsInWindow: 0,
      required: 0,
      deadline: null,
      daysLeft: null,
      lastCompleted,
      arithmetic: '不适用',
    };
  }
  const text = explain ? ruleText(rule, policy) : '';
  const last = !explain
    ? ''
    : lastCompleted
      ? `最近一次完成：${chineseDate(lastCompleted.date)}${lastCompleted.title ? `（${lastCompleted.title}）` : ''}`
      : '从未完成培训';

  if (policy.window === 'calendar') {
    const w = calendarWindow(today, rule.everyYears, policy.windowStartYear);
    const n = countBetween(done, w.from, today);
    const base = { rule: text, window: w, completionsInWindow: n, required: rule.minTimes, lastCompleted };
    if (n >= rule.minTimes) {
      return {
        ...base,
        status: 'compliant',
        deadline: null,
        daysLeft: null,
        arithmetic: !explain ? '' : `本周期 ${range(w)} 内完成 ${n} 次 ≥ 要求 ${rule.minTimes} 次 → 已达标；${last}`,
      };
    }
    const first = +w.from.slice(0, 4);
    const prev = { from: `${first - rule.everyYears}-01-01`, to: `${first - 1}-12-31` };
    const prevN = countBetween(done, prev.from, prev.to);
    const assessed = input.hiredOn <= prev.to;
    const daysLeft = daysBetween(today, w.to);
    if (assessed && prevN < rule.minTimes) {
      return {
        ...base,
        status: 'overdue',
        deadline: prev.to,
        daysLeft: daysBetween(today, prev.to),
        arithmetic: !explain
          ? ''
          : `上一周期 ${range(prev)} 内完成 ${prevN} 次 < 要求 ${rule.minTimes} 次（${chineseDate(input.hiredOn)}入职，该周期应考核），本周期 ${range(w)} 内完成 ${n} 次，尚未补训 → 逾期；${last}`,
      };
    }
    const why = assessed
      ? `上一周期 ${range(prev)} 完成 ${prevN} 次，已达标`
      : `${chineseDate(input.hiredOn)}入职，上一周期不考核`;
    const status: ComplianceStatus = daysBetween(today, w.to) <= policy.dueSoonDays ? 'dueSoon' : 'pending';
    return {
      ...base,
      status,
      deadline: w.to,
      daysLeft,
      arithmetic: !explain
        ? ''
        : `本周期 ${range(w)} 内完成 ${n} 次 < 要求 ${rule.minTimes} 次；${why}；距周期截止 ${chineseDate(w.to)} 还有 ${daysLeft} 天 ${status === 'dueSoon' ? '≤' : '>'} ${policy.dueSoonDays} 天 → ${COMPLIANCE_LABELS[status]}；${last}`,
    };
  }

  // rolling
  const w = { from: addDays(addYears(today, -rule.everyYears), 1), to: today };
  const n = countBetween(done, w.from, today);
  const inWindow = done;
  const base = { rule: text, window: w, completionsInWindow: n, required: rule.minTimes, lastCompleted };
  if (n >= rule.minTimes) {
    const anchor = inWindow[rule.minTimes - 1].date;
    const deadline = addDays(addYears(anchor, rule.everyYears), -1);
    const daysLeft = daysBetween(today, deadline);
    const status: ComplianceStatus = daysLeft <= policy.dueSoonDays ? 'dueSoon' : 'compliant';
    return {
      ...base,
      status,
      deadline,
      daysLeft,
      arithmetic: !explain
        ? ''
        : `近 ${rule.everyYears} 年（${range(w)}）内完成 ${n} 次 ≥ 要求 ${rule.minTimes} 次；第 ${rule.minTimes} 近一次 ${chineseDate(anchor)} + ${rule.everyYears} 年 − 1 天 = ${chineseDate(deadline)} 前须再次培训，还有 ${daysLeft} 天 ${status === 'dueSoon' ? '≤' : '>'} ${policy.dueSoonDays} 天 → ${COMPLIANCE_LABELS[status]}；${last}`,
    };
  }
  const deadline = addDays(addYears(input.hiredOn, rule.everyYears), -1);
  const daysLeft = daysBetween(today, deadline);
  const status: ComplianceStatus = daysLeft < 0 ? 'overdue' : daysLeft <= policy.dueSoonDays ? 'dueSoon' : 'pending';
  return {
    ...base,
    status,
    deadline,
    daysLeft,
    arithmetic: !explain
      ? ''
      : `近 ${rule.everyYears} 年（${range(w)}）内完成 ${n} 次 < 要求 ${rule.minTimes} 次；入职 ${chineseDate(input.hiredOn)} + ${rule.everyYears} 年 − 1 天 = ${chineseDate(deadline)}，${
          daysLeft < 0 ? `已过 ${-daysLeft} 天` : `还有 ${daysLeft} 天`
        } → ${COMPLIANCE_LABELS[status]}；${last}`,
  };
}

/** 培训层级 tier: 示范 (province and above), 重点 (city), 骨干 (county), 全员 (street). */
export const TIERS = { demonstration: '示范培训', key: '重点培训', backbone: '骨干培训', all: '全员培训' } as const;
export type Tier = keyof typeof TIERS;
/** 培训类型 */
export const TRAINING_TYPES = {
  initial: '初任培训',
  inService: '在职培训',
  special: '专项培训',
  practice: '实践锻炼',
} as const;
export type TrainingType = keyof typeof TRAINING_TYPES;
/** 培训内容 (《意见》§3.5–3.6) */
export const SUBJECTS = {
  politicalTheory: '政治理论',
  policyLaw: '政策法规',
  integrity: '廉洁自律',
  massWork: '群众工作',
  organising: '组织动员',
  mediation: '矛盾调解',
  emergency: '应急处置',
  coordination: '统筹协调',
  it: '信息技术',
  caseTeaching: '案例教学',
} as const;
export type Subject = keyof typeof SUBJECTS;
export const MODES = { offline: '线下', online: '线上' } as const;
export type Mode = keyof typeof MODES;
/** 组织层级: the organiser's region level. */
export const ORGANISER_LEVELS = { province: '省级', city: '市级', county: '县级', street: '街道（乡镇）' } as const;
export type OrganiserLevel = keyof typeof ORGANISER_LEVELS;
/** enrolled 已报名 · completed 已结业 · absent 缺席/未结业 */
export const ENROLMENT_STATUSES = { enrolled: '已报名', completed: '已结业', absent: '未结业' } as const;
export type EnrolmentStatus = keyof typeof ENROLMENT_STATUSES;
