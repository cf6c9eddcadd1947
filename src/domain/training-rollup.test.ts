import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_DOCUMENTS } from '../policy/defaults.js';
import { resolvePolicy } from '../policy/resolve.js';
import { type TrainingRulePolicy, trainingCompliance } from './training.js';
import { ROLLUP_YEAR_FLOOR, rolledRules, rollupKey, statusFromYears } from './training-rollup.js';
import type { Position } from './worker-vocab.js';

const national: TrainingRulePolicy = resolvePolicy(DEFAULT_POLICY_DOCUMENTS, '532822000000', '2026-01-01').policy
  .training!;

/** The status from the roll-up's key, with the completions up to today (the reader corrects for later ones). */
function fromKey(policy: TrainingRulePolicy, position: Position, hiredOn: string, dates: string[], today: string) {
  const r = rolledRules(policy, today);
  if (!('rules' in r)) throw new Error(r.why);
  const done = dates.filter((d) => d <= today).sort();
  const k = rollupKey(hiredOn, done.at(-1) ?? null);
  return statusFromYears(r.rules.get(position), k.lastYear, k.hireYear);
}
const reference = (policy: TrainingRulePolicy, position: Position, hiredOn: string, dates: string[], today: string) =>
  trainingCompliance({ position, hiredOn, completions: dates.map((date) => ({ date })), today, policy }, false).status;

describe('F-TRAIN-RULE from the roll-up: the same status as the per-worker rule', () => {
  // The edges: last day of a window, first day of the next, the dueSoon horizon (90 days before 2026-12-31 is 2026-10-02).
  const days = [
    '2024-01-01',
    '2024-10-02',
    '2025-06-30',
    '2025-12-31',
    '2026-01-01',
    '2026-10-01',
    '2026-10-02',
    '2026-11-28',
    '2026-12-31',
    '2027-01-01',
    '2027-10-03',
    '2029-12-31',
    '2030-01-01',
  ];
  const hires = [
    '1998-05-01',
    '2010-12-31',
    '2020-06-01',
    '2023-12-31',
    '2024-01-01',
    '2025-12-31',
    '2026-01-01',
    '2026-12-31',
    '2027-01-01',
  ];
  const histories: string[][] = [
    [],
    ['2005-03-01'],
    ['2020-12-31'],
    ['2023-12-31'],
    ['2024-01-01'],
    ['2025-12-31'],
    ['2026-01-01'],
    ['2026-12-31'],
    ['2027-01-01'],
    ['2023-06-01', '2026-11-28'],
    ['2024-05-01', '2029-12-31'],
  ];
  const positions: Position[] = ['secretary', 'secretaryDirector', 'director', 'deputySecretary', 'member', 'staff'];
  const cases: [string, Position, string, string[]][] = [];
  for (const d of days)
    for (const p of positions) for (const h of hires) for (const c of histories) cases.push([d, p, h, c]);

  it(`${cases.length} combinations of day, position, hire date and completions agree`, () => {
    const diffs = cases.filter(([d, p, h, c]) => fromKey(national, p, h, c, d) !== reference(national, p, h, c, d));
    expect(diffs).toEqual([]);
  });

  it.each<[string, Position, string, string[], string]>([
    ['2026-12-31', 'secretary', '2020-01-01', ['2025-12-31'], 'dueSoon'],
    ['2027-01-01', 'secretary', '2020-01-01', ['2025-12-31'], 'overdue'],
    ['2027-01-01', 'secretary', '2020-01-01', ['2026-12-31'], 'pending'],
    ['2027-01-01', 'secretary', '2027-01-01', [], 'pending'],
    ['2027-01-01', 'secretary', '2026-12-31', [], 'overdue'],
    ['2026-10-01', 'staff', '2020-01-01', ['2023-05-05'], 'pending'],
    ['2026-10-02', 'staff', '2020-01-01', ['2023-05-05'], 'dueSoon'],
    ['2026-10-02', 'staff', '2020-01-01', ['2020-05-05'], 'overdue'],
    ['2026-10-02', 'staff', '2024-01-01', [], 'dueSoon'],
    ['2026-10-02', 'staff', '2023-12-31', [], 'overdue'],
    ['2026-11-28', 'staff', '2020-01-01', ['2024-01-01'], 'compliant'],
    ['2026-11-28', 'staff', '2020-01-01', ['2026-11-29'], 'overdue'],
  ])('on %s a %s hired %s with %j is %s', (today, position, hired, dates, expected) => {
    expect(fromKey(national, position, hired, dates, today)).toBe(expected);
    expect(reference(national, position, hired, dates, today)).toBe(expected);
  });

  it('a position no rule names is notApplicable', () => {
    const onlySecretaries: TrainingRulePolicy = { ...national, rules: [national.rules[0]] };
    expect(fromKey(onlySecretaries, 'staff', '2020-01-01', [], '2026-11-28')).toBe('notApplicable');
    expect(reference(onlySecretaries, 'staff', '2020-01-01', [], '2026-11-28')).toBe('notApplicable');
  });
});

describe('when the roll-up cannot give the statuses (the per-worker evaluator does)', () => {
  it.each<[string, TrainingRulePolicy, string, string]>([
    ['rolling window', { ...national, window: 'rolling' }, '2026-11-28', '滚动周期按人逐一计算'],
    [
      'two trainings per window',
      { ...national, rules: [{ ...national.rules[0], minTimes: 2 }, national.rules[1]] },
      '2026-11-28',
      '每周期要求多于 1 次培训时按人逐一计算',
    ],
    [
      'a previous window starting at the floor',
      national,
      `${ROLLUP_YEAR_FLOOR + 1}-06-01`,
      `上一周期早于 ${ROLLUP_YEAR_FLOOR + 1} 年时按人逐一计算`,
    ],
    [
      'a 10-year window whose previous one starts at the floor',
      { ...national, rules: [{ ...national.rules[1], everyYears: 10 }] },
      '2023-06-01',
      `上一周期早于 ${ROLLUP_YEAR_FLOOR + 1} 年时按人逐一计算`,
    ],
  ])('%s', (_, policy, today, why) => {
    expect(rolledRules(policy, today)).toEqual({ why });
  });

  it('the first usable days: the previous window starts after the floor', () => {
    expect('rules' in rolledRules(national, `${ROLLUP_YEAR_FLOOR + 2}-01-01`)).toBe(false); // triennial 2009–2011 before 2012–2014
    expect('rules' in rolledRules(national, '2015-01-01')).toBe(true); // 2012–2014 before 2015–2017; yearly 2014 before 2015
  });

  it('the key clamps both years at the floor (never trained is the floor)', () => {
    expect(rollupKey('1990-05-01', null)).toEqual({ lastYear: ROLLUP_YEAR_FLOOR, hireYear: ROLLUP_YEAR_FLOOR });
    expect(rollupKey('2026-05-01', '2003-01-01')).toEqual({ lastYear: ROLLUP_YEAR_FLOOR, hireYear: 2026 });
    expect(rollupKey('2011-01-01', '2011-12-31')).toEqual({ lastYear: 2011, hireYear: 2011 });
  });
});
