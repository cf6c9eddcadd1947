import { describe, expect, it } from 'vitest';
import { NATIONAL_DEFAULTS, NATIONAL_LIFECYCLE } from '../policy/defaults.js';
import type { IncentivePolicy, LifecyclePolicy } from '../policy/policy.schema.js';
import {
  continuousService,
  contractState,
  type IncentiveSubject,
  incentiveEligibility,
  probationStatus,
  retirementDate,
  secretaryStints,
} from './lifecycle.js';

const L = NATIONAL_LIFECYCLE as LifecyclePolicy;
const INCENTIVE = NATIONAL_DEFAULTS.incentive as IncentivePolicy;
const C1 = '532822101001';
const C2 = '532822101002';
const OTHER = '370102001001';

describe('F-PROBATION probation end and state', () => {
  it.each([
    ['2026-01-01', '2026-06-30', '2026-05-30', 'running', 31],
    ['2026-01-01', '2026-06-30', '2026-05-31', 'dueSoon', 30],
    ['2026-01-01', '2026-06-30', '2026-06-01', 'dueSoon', 29],
    ['2026-01-01', '2026-06-30', '2026-06-30', 'dueSoon', 0],
    ['2026-01-01', '2026-06-30', '2026-07-01', 'overdue', -1],
    // 31 August + 6 months is clamped to 28 February; the last day is the 27th
    ['2026-08-31', '2027-02-27', '2026-09-01', 'running', 179],
  ])('hired %s → last day %s; on %s %s (%i days left)', (start, due, today, state, left) => {
    const s = probationStatus(start, L.probation, today);
    expect({ dueOn: s.dueOn, state: s.state, daysLeft: s.daysLeft }).toEqual({ dueOn: due, state, daysLeft: left });
    expect(s.arithmetic).toContain('6 个月');
  });
});

describe('F-EXIT statutory retirement date (2025 gradual reform, policy data)', () => {
  it.each([
    // men: 60, +1 month per 4 months of birth from 1965-01, at most 36
    ['1964-12-31', 'male', '2024-12-31', 60, 0, 0],
    ['1965-01-01', 'male', '2025-02-01', 60, 1, 1],
    ['1965-04-30', 'male', '2025-05-30', 60, 1, 1],
    ['1965-05-01', 'male', '2025-07-01', 60, 2, 2],
    ['1976-08-15', 'male', '2039-07-15', 62, 11, 35],
    ['1976-09-01', 'male', '2039-09-01', 63, 0, 36],
    ['1990-03-10', 'male', '2053-03-10', 63, 0, 36],
    // women (former 55): +1 month per 4 months from 1970-01, at most 36
    ['1969-12-31', 'female', '2024-12-31', 55, 0, 0],
    ['1970-01-31', 'female', '2025-02-28', 55, 1, 1],
    ['1981-09-01', 'female', '2039-09-01', 58, 0, 36],
  ] as const)('born %s (%s) retires %s at %i years %i months (delay %i)', (birth, gender, date, y, m, delay) => {
    const r = retirementDate(birth, gender, L.retirement);
    expect({ date: r.date, ageYears: r.ageYears, ageMonths: r.ageMonths, delayMonths: r.delayMonths }).toEqual({
      date,
      ageYears: y,
      ageMonths: m,
      delayMonths: delay,
    });
    expect(r.arithmetic).toContain(date.slice(0, 4));
  });

  it('the former-50 group is a policy setting: +1 month per 2 months from 1975-01, at most 60', () => {
    const r50 = {
      ...L.retirement,
      female: { baseAgeYears: 50, reformFromBirthMonth: '1975-01', monthsPerStep: 2, maxDelayMonths: 60 },
    };
    expect(retirementDate('1974-12-01', 'female', r50).date).toBe('2024-12-01');
    expect(retirementDate('1975-02-01', 'female', r50).date).toBe('2025-03-01');
    expect(retirementDate('1975-03-01', 'female', r50).date).toBe('2025-05-01');
    expect(retirementDate('1984-11-01', 'female', r50)).toMatchObject({
      date: '1984-11-01'.replace('1984', '2039'),
      ageYears: 55,
      delayMonths: 60,
    });
  });
});

describe('F-INCENTIVE continuous years of community work', () => {
  const p = (
    regionCode: string,
    startDate: string,
    endDate: string | null,
    endType: 'transfer' | 'resignation' | null = endDate ? 'transfer' : null,
  ) => ({ regionCode, startDate, endDate, endType });
  it.each([
    ['one period, exactly 10 years', [p(C1, '2016-11-28', null)], '2026-11-28', true, '2016-11-28', 10],
    ['one period, 9 years 364 days', [p(C1, '2016-11-29', null)], '2026-11-28', true, '2016-11-29', 9],
    [
      'a transfer the next day keeps it (policy: moves keep it)',
      [p(C1, '2010-03-01', '2018-02-28'), p(C2, '2018-03-01', null)],
      '2026-11-28',
      true,
      '2010-03-01',
      16,
    ],
    [
      'a same-day transfer keeps it',
      [p(C1, '2010-03-01', '2018-03-01'), p(C2, '2018-03-01', null)],
      '2026-11-28',
      true,
      '2010-03-01',
      16,
    ],
    [
      'a transfer breaks it when the policy says so',
      [p(C1, '2010-03-01', '2018-02-28'), p(C2, '2018-03-01', null)],
      '2026-11-28',
      false,
      '2018-03-01',
      8,
    ],
    [
      'a gap of one day breaks it',
      [p(C1, '2010-03-01', '2018-02-27'), p(C2, '2018-03-01', null)],
      '2026-11-28',
      true,
      '2018-03-01',
      8,
    ],
    [
      'resigning and being hired again breaks it',
      [p(C1, '2010-03-01', '2018-02-28', 'resignation'), p(C1, '2018-03-01', null)],
      '2026-11-28',
      true,
      '2018-03-01',
      8,
    ],
    [
      'a period in another province is not counted',
      [p(OTHER, '2005-01-01', '2015-12-31'), p(C1, '2016-01-01', null)],
      '2026-11-28',
      true,
      '2016-01-01',
      10,
    ],
  ] as const)('%s', (_name, periods, asOf, keep, start, years) => {
    const c = continuousService([...periods], '53', asOf, keep);
    expect({ start: c.startDate, years: c.years }).toEqual({ start, years });
  });

  it('not serving on the date: nothing', () => {
    expect(
      continuousService(
        [{ regionCode: C1, startDate: '2010-01-01', endDate: '2020-01-01', endType: 'resignation' }],
        '53',
        '2026-01-01',
        true,
      ),
    ).toMatchObject({ startDate: null, years: 0 });
  });
});

describe('F-INCENTIVE terms as secretary', () => {
  it.each([
    [
      'a current term of 4 years 11 months is not full',
      [{ position: 'secretary', startDate: '2022-01-01', endDate: null, term: '第十二届' }],
      0,
    ],
    [
      'exactly 5 years is one full term',
      [{ position: 'secretary', startDate: '2021-11-28', endDate: null, term: '第十一届' }],
      1,
    ],
    [
      '书记 then 一肩挑 is one stint: 10 years = 2 terms',
      [
        { position: 'secretary', startDate: '2016-06-01', endDate: '2021-06-01', term: '第十届' },
        { position: 'secretaryDirector', startDate: '2021-06-01', endDate: null, term: '第十一届' },
      ],
      2,
    ],
    [
      'two short stints with a break do not add up',
      [
        { position: 'secretary', startDate: '2010-01-01', endDate: '2013-01-01', term: null },
        { position: 'member', startDate: '2013-01-01', endDate: '2023-01-01', term: null },
        { position: 'secretary', startDate: '2023-01-01', endDate: null, term: null },
      ],
      0,
    ],
  ] as const)('%s', (_n, positions, full) => {
    const stints = secretaryStints([...positions], ['secretary', 'secretaryDirector'], 5, '2026-11-28');
    expect(stints.reduce((a, s) => a + s.fullTerms, 0)).toBe(full);
  });
});

describe('F-INCENTIVE eligibility with evidence per condition', () => {
  const base: IncentiveSubject = {
    position: 'secretary',
    status: 'active',
    provinceCode: '53',
    periods: [{ regionCode: C1, startDate: '2016-11-28', endDate: null, endType: null }],
    positions: [{ position: 'secretary', startDate: '2020-01-01', endDate: null, term: '第十一届' }],
    assessments: [
      { year: 2023, result: 'competent' },
      { year: 2024, result: 'excellent' },
      { year: 2025, result: 'competent' },
    ],
  };
  const run = (s: Partial<IncentiveSubject>, asOf = '2026-11-28') =>
    incentiveEligibility({ ...base, ...s }, INCENTIVE, L.incentiveRules, asOf, 2026);
  const unmet = (s: Partial<IncentiveSubject>, asOf?: string) =>
    run(s, asOf)
      .conditions.filter((c) => !c.met)
      .map((c) => c.code);

  it('10 years, a full term and one 优秀: eligible, every condition with evidence', () => {
    const r = run({});
    expect(r.eligible).toBe(true);
    expect(r.conditions.map((c) => c.code)).toEqual(['position', 'continuousYears', 'fullTerm', 'assessment']);
    for (const c of r.conditions) expect(c.evidence.length).toBeGreaterThan(4);
    expect(r.conditions[1].evidence).toContain('10 ≥ 10');
    expect(r.conditions[3].evidence).toContain('2024 年优秀');
  });
  it.each([
    [
      '9 years 364 days',
      { periods: [{ regionCode: C1, startDate: '2016-11-29', endDate: null, endType: null }] },
      ['continuousYears'],
    ],
    [
      'a term not yet completed',
      { positions: [{ position: 'secretary' as const, startDate: '2022-01-01', endDate: null, term: '第十二届' }] },
      ['fullTerm'],
    ],
    [
      'a break in service',
      {
        periods: [
          { regionCode: C1, startDate: '2010-01-01', endDate: '2019-12-30', endType: 'resignation' as const },
          { regionCode: C1, startDate: '2020-01-01', endDate: null, endType: null },
        ],
      },
      ['continuousYears'],
    ],
    [
      'no 优秀 in the last 3 years',
      {
        assessments: [
          { year: 2022, result: 'excellent' as const },
          { year: 2024, result: 'competent' as const },
        ],
      },
      ['assessment'],
    ],
    [
      'a 不称职 in the window',
      {
        assessments: [
          { year: 2024, result: 'excellent' as const },
          { year: 2025, result: 'fail' as const },
        ],
      },
      ['assessment'],
    ],
    ['no assessment results at all', { assessments: [] }, ['assessment']],
    ['a deputy secretary', { position: 'deputySecretary' as const }, ['position']],
  ])('%s: not eligible', (_n, s, codes) => {
    expect(unmet(s)).toEqual(codes);
    expect(run(s).eligible).toBe(false);
  });
  it.each([
    ['a registered completed term is shown beside the position rows', {}, true],
    [
      'it is evidence only: the position rows stay the rule',
      { positions: [{ position: 'secretary' as const, startDate: '2022-01-01', endDate: null, term: '第十二届' }] },
      false,
    ],
  ])('terms register: %s', (_n, s, met) => {
    const r = run({
      ...s,
      registeredTerms: [{ name: '沿河社区居民委员会第十一届', electedOn: '2021-03-15', closedOn: '2026-02-20' }],
    });
    const full = r.conditions.find((c) => c.code === 'fullTerm')!;
    expect(full.met).toBe(met);
    expect(full.evidence).toContain(
      '届次登记：沿河社区居民委员会第十一届（2021年03月15日—2026年02月20日，换届届满，任书记）',
    );
    expect(run(s).conditions.find((c) => c.code === 'fullTerm')!.evidence).not.toContain('届次登记');
  });
});

describe('F-CONTRACT contract state for the renewal list', () => {
  it.each([
    ['no contract', [], 'none', null],
    ['open-ended', [{ startDate: '2020-01-01', endDate: null }], 'openEnded', null],
    ['ends in 61 days', [{ startDate: '2024-01-28', endDate: '2027-01-28' }], 'valid', 61],
    ['ends in 60 days', [{ startDate: '2024-01-27', endDate: '2027-01-27' }], 'dueSoon', 60],
    ['ends today', [{ startDate: '2023-11-28', endDate: '2026-11-28' }], 'dueSoon', 0],
    ['ended yesterday', [{ startDate: '2023-11-27', endDate: '2026-11-27' }], 'expired', -1],
    [
      'renewed: the latest decides',
      [
        { startDate: '2020-01-01', endDate: '2022-12-31' },
        { startDate: '2023-01-01', endDate: '2028-12-31' },
      ],
      'valid',
      764,
    ],
  ] as const)('%s', (_n, contracts, state, daysLeft) => {
    expect(contractState([...contracts], '2026-11-28', 60)).toMatchObject({ state, daysLeft });
  });
});
