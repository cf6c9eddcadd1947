import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_DOCUMENTS } from '../policy/defaults.js';
import { resolvePolicy } from '../policy/resolve.js';
import {
  type ComplianceStatus,
  calendarWindow,
  ruleFor,
  type TrainingRulePolicy,
  trainingCompliance,
} from './training.js';
import type { Position } from './worker-vocab.js';

const national = resolvePolicy(DEFAULT_POLICY_DOCUMENTS, '532822000000', '2026-01-01').policy.training!;
const calendar: TrainingRulePolicy = national;
const rolling: TrainingRulePolicy = { ...national, window: 'rolling' };

const check = (policy: TrainingRulePolicy, position: Position, hiredOn: string, dates: string[], today: string) =>
  trainingCompliance({ position, hiredOn, completions: dates.map((date) => ({ date })), today, policy });

describe('the national policy in force carries the training rule', () => {
  it('secretaries and directors yearly, everyone else every 3 years, calendar windows from 2024, 90 days', () => {
    expect(ruleFor(national, 'secretary')).toMatchObject({ everyYears: 1, minTimes: 1 });
    expect(ruleFor(national, 'secretaryDirector')).toMatchObject({ everyYears: 1 });
    expect(ruleFor(national, 'director')).toMatchObject({ everyYears: 1 });
    expect(ruleFor(national, 'staff')).toMatchObject({ everyYears: 3, minTimes: 1 });
    expect(national).toMatchObject({ window: 'calendar', windowStartYear: 2024, dueSoonDays: 90 });
  });
});

describe('calendar windows', () => {
  it.each([
    ['2024-01-01', 1, { from: '2024-01-01', to: '2024-12-31' }],
    ['2023-12-31', 1, { from: '2023-01-01', to: '2023-12-31' }],
    ['2024-01-01', 3, { from: '2024-01-01', to: '2026-12-31' }],
    ['2026-12-31', 3, { from: '2024-01-01', to: '2026-12-31' }],
    ['2027-01-01', 3, { from: '2027-01-01', to: '2029-12-31' }],
    ['2023-12-31', 3, { from: '2021-01-01', to: '2023-12-31' }],
  ])('%s in a %i-year window from 2024 → %o', (date, years, w) => {
    expect(calendarWindow(date, years, 2024)).toEqual(w);
  });
});

describe('F-TRAIN-RULE yearly rule (secretary), calendar windows', () => {
  const hired = '2020-03-01';
  it.each<[string, string[], string, ComplianceStatus]>([
    // The year boundary: trained on 2023-12-31 counts for 2023, not 2024.
    ['trained 2023-12-31, asked 2024-06-30', ['2023-12-31'], '2024-06-30', 'pending'],
    ['trained 2024-01-01, asked 2024-06-30', ['2024-01-01'], '2024-06-30', 'compliant'],
    ['trained 2023-12-31, asked 2024-10-03 (89 days left)', ['2023-12-31'], '2024-10-03', 'dueSoon'],
    ['trained 2023-12-31, asked 2024-10-02 (90 days left, the edge)', ['2023-12-31'], '2024-10-02', 'dueSoon'],
    ['trained 2023-12-31, asked 2024-10-01 (91 days left)', ['2023-12-31'], '2024-10-01', 'pending'],
    ['trained 2023-12-31, asked 2024-12-31 (last day of the year)', ['2023-12-31'], '2024-12-31', 'dueSoon'],
    ['trained 2023-12-31, asked 2025-01-01 (2024 missed)', ['2023-12-31'], '2025-01-01', 'overdue'],
    ['trained 2024-01-01, asked 2025-01-01 (2024 met)', ['2024-01-01'], '2025-01-01', 'pending'],
    ['missed 2024, trained again 2025-02-01', ['2023-05-01', '2025-02-01'], '2025-03-01', 'compliant'],
    ['never trained', [], '2024-06-30', 'overdue'],
    ['a future completion does not count', ['2024-08-01'], '2024-06-30', 'overdue'],
  ])('%s → %s', (_, dates, today, status) => {
    expect(check(calendar, 'secretary', hired, dates, today).status).toBe(status);
  });

  it('a worker hired during the previous window is assessed on it; hired in the current one is not', () => {
    expect(check(calendar, 'director', '2023-12-31', [], '2024-03-01').status).toBe('overdue');
    expect(check(calendar, 'director', '2024-01-01', [], '2024-03-01').status).toBe('pending');
  });

  it('explains the rule, the window and the arithmetic', () => {
    const r = check(calendar, 'secretary', hired, ['2023-12-31'], '2025-01-01');
    expect(r).toMatchObject({
      window: { from: '2025-01-01', to: '2025-12-31' },
      completionsInWindow: 0,
      required: 1,
      deadline: '2024-12-31',
      daysLeft: -1,
      lastCompleted: { date: '2023-12-31' },
    });
    expect(r.rule).toContain('社区党组织书记');
    expect(r.rule).toContain('每 1 年至少培训 1 次');
    expect(r.arithmetic).toBe(
      '上一周期 2024年01月01日至2024年12月31日 内完成 0 次 < 要求 1 次（2020年03月01日入职，该周期应考核），本周期 2025年01月01日至2025年12月31日 内完成 0 次，尚未补训 → 逾期；最近一次完成：2023年12月31日',
    );
  });
});

describe('F-TRAIN-RULE 3-year rule (staff), calendar windows 2024–2026', () => {
  const hired = '2015-01-01';
  it.each<[string, string[], string, ComplianceStatus]>([
    [
      'trained on the first day 2024-01-01, asked on the last day 2026-12-31',
      ['2024-01-01'],
      '2026-12-31',
      'compliant',
    ],
    ['trained on the last day 2026-12-31, asked that day', ['2026-12-31'], '2026-12-31', 'compliant'],
    ['trained the day before the window 2023-12-31, asked 2026-12-31', ['2023-12-31'], '2026-12-31', 'dueSoon'],
    ['trained 2023-12-31, asked 2026-06-01 (213 days left)', ['2023-12-31'], '2026-06-01', 'pending'],
    ['trained 2023-12-31, asked 2027-01-01 (2024–2026 missed)', ['2023-12-31'], '2027-01-01', 'overdue'],
    ['trained 2026-12-31, asked the next window’s first day 2027-01-01', ['2026-12-31'], '2027-01-01', 'pending'],
    ['trained 2024-01-01, asked 2029-10-03 (89 days before 2029-12-31)', ['2024-01-01'], '2029-10-03', 'dueSoon'],
  ])('%s → %s', (_, dates, today, status) => {
    expect(check(calendar, 'staff', hired, dates, today).status).toBe(status);
  });

  it('two trainings needed when the policy says minTimes 2', () => {
    const twice: TrainingRulePolicy = { ...calendar, rules: [{ appliesTo: ['staff'], everyYears: 3, minTimes: 2 }] };
    // Hired in 2024: the 2021–2023 window is not assessed.
    expect(check(twice, 'staff', '2024-01-01', ['2024-05-01'], '2025-01-01').status).toBe('pending');
    expect(check(twice, 'staff', hired, ['2024-05-01'], '2025-01-01').status).toBe('overdue');
    expect(check(twice, 'staff', hired, ['2024-05-01', '2025-01-01'], '2025-01-01')).toMatchObject({
      status: 'compliant',
      completionsInWindow: 2,
      required: 2,
    });
  });
});

describe('F-TRAIN-RULE rolling windows (policy window: rolling)', () => {
  const hired = '2015-01-01';
  it.each<[string, Position, string[], string, ComplianceStatus, string | null]>([
    // A training on 2021-06-01 covers 2021-06-01 … 2024-05-31 (3 years − 1 day).
    ['3-year: last day covered', 'staff', ['2021-06-01'], '2024-05-31', 'dueSoon', '2024-05-31'],
    ['3-year: the day after', 'staff', ['2021-06-01'], '2024-06-01', 'overdue', '2017-12-31'],
    ['3-year: 91 days before the deadline', 'staff', ['2021-06-01'], '2024-03-01', 'compliant', '2024-05-31'],
    [
      'yearly: trained 2023-12-31, asked 2024-12-30',
      'secretary',
      ['2023-12-31'],
      '2024-12-30',
      'dueSoon',
      '2024-12-30',
    ],
    [
      'yearly: trained 2023-12-31, asked 2024-12-31',
      'secretary',
      ['2023-12-31'],
      '2024-12-31',
      'overdue',
      '2015-12-31',
    ],
    ['new hire: 3 years from the hire date', 'staff', [], '2016-01-01', 'pending', '2017-12-31'],
  ])('%s', (_, position, dates, today, status, deadline) => {
    const r = check(rolling, position, hired, dates, today);
    expect([r.status, r.deadline]).toEqual([status, deadline]);
  });

  it('shows the arithmetic of the deadline', () => {
    const r = check(rolling, 'staff', hired, ['2021-06-01'], '2024-05-31');
    expect(r.window).toEqual({ from: '2021-06-01', to: '2024-05-31' });
    expect(r.arithmetic).toContain('第 1 近一次 2021年06月01日 + 3 年 − 1 天 = 2024年05月31日');
    expect(r.daysLeft).toBe(0);
  });
});

describe('positions no rule names', () => {
  it('are not applicable', () => {
    const narrow: TrainingRulePolicy = {
      ...calendar,
      rules: [{ appliesTo: ['secretary'], everyYears: 1, minTimes: 1 }],
    };
    expect(check(narrow, 'staff', '2020-01-01', [], '2026-01-01')).toMatchObject({
      status: 'notApplicable',
      window: null,
      deadline: null,
    });
  });
});

describe('status only (explain = false) gives the same answer without the texts', () => {
  it.each([calendar, rolling])('for both window kinds', (policy) => {
    const days = ['2023-12-31', '2024-01-01', '2024-06-30', '2025-01-01', '2026-12-31', '2027-01-01'];
    for (const position of ['secretary', 'staff'] as Position[])
      for (const today of days)
        for (const dates of [[], ['2023-12-31'], ['2024-01-01'], ['2021-06-01', '2025-03-01']]) {
          const input = {
            position,
            hiredOn: '2019-05-01',
            completions: dates.map((date) => ({ date })),
            today,
            policy,
          };
          const full = trainingCompliance(input);
          const lean = trainingCompliance(input, false);
          expect({ ...lean, rule: full.rule, arithmetic: full.arithmetic }).toEqual(full);
          expect([lean.rule, lean.arithmetic]).toEqual(['', '']);
        }
  });
});
