import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_DOCUMENTS } from '../policy/defaults.js';
import type { PolicyDocument } from '../policy/policy.schema.js';
import { resolvePolicy } from '../policy/resolve.js';
import { rng } from '../seed/random.js';
import { addDays, addYears } from './dates.js';
import { DomainError } from './errors.js';
import { type AssessmentResult, computeGrade, type GradeInput } from './grade.js';
import { serviceYears } from './worker.js';
import { EDUCATIONS, type Education, POSITIONS, type Position, type Qualification } from './worker-vocab.js';

const COMMUNITY = '532822101001';
const policyOn = (date: string, docs: PolicyDocument[] = DEFAULT_POLICY_DOCUMENTS) =>
  resolvePolicy(docs, COMMUNITY, date).policy;
/** The example 三岗十八级 (in force from 2025-01-01), used for any as-of date: the grade rule reads history, not the clock. */
const POLICY = policyOn('2026-01-01');

/** A staff member (其他, 1–12) with one continuing period from `start`. */
function worker(start: string, date: string, over: Partial<GradeInput> = {}): GradeInput {
  return {
    position: 'staff',
    education: null,
    qualifications: [],
    periods: [{ regionCode: COMMUNITY, startDate: start, endDate: null }],
    assessments: [],
    date,
    policy: POLICY,
    ...over,
  };
}
const gradeOf = (input: GradeInput) => computeGrade(input).grade;
const excellent = (...years: number[]) => years.map((year) => ({ year, result: 'excellent' as AssessmentResult }));

describe('F-GRADE years of community work: one grade per full 3 years, by calendar', () => {
  it.each([
    ['2021-01-01', '2023-12-31', 2, 1], // 2 years 364 days
    ['2021-01-01', '2024-01-01', 3, 2], // exactly 3 years
    ['2020-03-01', '2023-02-28', 2, 1], // 2 years 11 months 27 days (leap year inside)
    ['2020-02-29', '2023-02-28', 3, 2], // 29 Feb: anniversary on 28 Feb in common years
    ['2020-01-01', '2025-12-31', 5, 2], // 5 years 364 days
    ['2020-01-01', '2026-01-01', 6, 3],
    ['2026-01-01', '2026-01-01', 0, 1], // first day
  ])('start %s, on %s: %i full years → grade %i', (start, date, years, grade) => {
    const r = computeGrade(worker(start, date));
    expect([r.countedYears, r.grade]).toEqual([years, grade]);
  });

  it.each([
    ['2019-12-21', 3, 2], // 1y11m20d + 1y0m15d = 2y11m35d → 3y0m4d
    ['2019-12-16', 2, 1], // 1y11m15d + 1y0m15d = 2y11m30d: 30 leftover days are not a month
  ])('separate stretches are added by calendar (first ends %s): %i years → grade %i', (end, years, grade) => {
    const periods = [
      { regionCode: COMMUNITY, startDate: '2018-01-01', endDate: end, endType: 'resignation' as const },
      { regionCode: COMMUNITY, startDate: '2021-01-01', endDate: '2022-01-16', endType: 'resignation' as const },
    ];
    const r = computeGrade(worker('2018-01-01', '2023-01-01', { periods }));
    expect([r.countedYears, r.grade]).toEqual([years, grade]);
  });

  it('counted days agree with serviceYears when nothing is excluded', () => {
    const periods = [
      { regionCode: '532801001001', startDate: '2012-03-01', endDate: '2016-05-01', endType: 'transfer' as const },
      { regionCode: COMMUNITY, startDate: '2016-05-01', endDate: null },
      { regionCode: '370102001001', startDate: '2005-01-01', endDate: '2010-01-01', endType: 'resignation' as const },
    ];
    const r = computeGrade(worker('2012-03-01', '2026-03-01', { periods }));
    const sy = serviceYears(periods, '53', '2026-03-01');
    expect(r.steps[1].input.countedDays).toBe(sy.days);
    expect(r.countedYears).toBe(sy.years); // 14: the Shandong years are not counted
    expect(r.steps[1].text).toContain('省外工作经历，不累计');
  });
});

describe('F-GRADE education counts as equivalent years (本科 3, 硕士 5, 博士 7)', () => {
  it.each<[Education | null, string, number]>([
    [null, '2026-01-01', 1],
    ['secondary', '2026-01-01', 1],
    ['associate', '2026-01-01', 1],
    ['bachelor', '2026-01-01', 2], // 0 + 3 → +1
    ['master', '2026-01-01', 2], // 0 + 5 → +1
    ['master', '2027-01-01', 3], // 1 + 5 → +2
    ['doctorate', '2026-01-01', 3], // 0 + 7 → +2
    ['bachelor', '2028-12-31', 2], // 2 years 364 days + 3 = 5 → +1
    ['bachelor', '2029-01-01', 3], // 3 + 3 = 6 → +2
  ])('%s, started 2026-01-01, on %s → grade %i', (education, date, grade) => {
    expect(gradeOf(worker('2026-01-01', date, { education }))).toBe(grade);
  });
});

describe('F-QUAL qualification: the highest held only (就高不叠加)', () => {
  const q = (level: Qualification, obtainedOn = '2020-01-01') => ({ level, obtainedOn });
  it.each<[string, { level: Qualification; obtainedOn: string }[], number]>([
    ['none', [], 1],
    ['助理', [q('assistant')], 2],
    ['社会工作师', [q('intermediate')], 3],
    ['高级', [q('senior')], 4],
    ['助理 + 社会工作师 → +2, not +3', [q('assistant'), q('intermediate')], 3],
    ['all three → +3, not +6', [q('assistant'), q('intermediate'), q('senior')], 4],
    ['社会工作师 obtained after the date does not count yet', [q('assistant'), q('intermediate', '2026-01-02')], 2],
    ['obtained on the date counts', [q('intermediate', '2026-01-01')], 3],
  ])('%s', (_n, qualifications, grade) => {
    expect(gradeOf(worker('2026-01-01', '2026-01-01', { qualifications }))).toBe(grade);
  });

  it('the explanation says the lower one is not added', () => {
    const r = computeGrade(worker('2026-01-01', '2026-01-01', { qualifications: [q('assistant'), q('intermediate')] }));
    expect(r.steps.find((s) => s.rule === 'qualification')?.text).toBe(
      '职业水平按最高一项计算、不叠加：社会工作师 +2 级（另持有助理社会工作师，不再加级），为第 3 级',
    );
  });
});

describe('F-ASSESS a year with a failed assessment is not counted', () => {
  it.each<[string, { year: number; result: AssessmentResult }[], number, number]>([
    ['no fail: 6 years', [], 6, 3],
    ['2020 failed: 5 years', [{ year: 2020, result: 'fail' }], 5, 2],
    ['basic (基本合格) is counted', [{ year: 2020, result: 'basic' }], 6, 3],
    [
      'two failed years: 4 years',
      [
        { year: 2019, result: 'fail' },
        { year: 2022, result: 'fail' },
      ],
      4,
      2,
    ],
    ['a fail in the current year is not known yet', [{ year: 2024, result: 'fail' }], 6, 3],
    ['a fail before the worker started changes nothing', [{ year: 2015, result: 'fail' }], 6, 3],
  ])('%s', (_n, assessments, years, grade) => {
    const r = computeGrade(worker('2018-01-01', '2024-01-01', { assessments }));
    expect([r.countedYears, r.grade]).toEqual([years, grade]);
  });

  it('only the overlap of the failed year is removed (joined in October, failed that year)', () => {
    const r = computeGrade(worker('2020-10-01', '2024-01-01', { assessments: [{ year: 2020, result: 'fail' }] }));
    expect(r.steps[1].input.excludedDays).toEqual({ 2020: 92 });
    expect(r.countedYears).toBe(3); // 2021–2023 still make 3 full years
    expect(r.steps[1].text).toContain('扣除年度考核不合格年度 2020 年 92 天');
  });

  it('a county that does not exclude failed years', () => {
    const county: PolicyDocument = {
      level: 'county',
      regionCode: '532822000000',
      version: 1,
      effectiveFrom: '2023-01-01',
      grades: { excludeFailedYears: false },
    };
    const policy = policyOn('2026-01-01', [...DEFAULT_POLICY_DOCUMENTS, county]);
    expect(gradeOf(worker('2018-01-01', '2024-01-01', { policy, assessments: [{ year: 2020, result: 'fail' }] }))).toBe(
      3,
    );
  });
});

describe('F-ASSESS two consecutive 优秀 give one early step, at most twice', () => {
  it.each<[string, { year: number; result: AssessmentResult }[], number]>([
    ['one 优秀', excellent(2020), 0],
    ['two in a row', excellent(2020, 2021), 1],
    ['three in a row (runs do not overlap)', excellent(2019, 2020, 2021), 1],
    ['four in a row', excellent(2019, 2020, 2021, 2022), 2],
    ['six in a row: capped at 2', excellent(2018, 2019, 2020, 2021, 2022, 2023), 2],
    ['two pairs apart', excellent(2018, 2019, 2022, 2023), 2],
    ['a missing year breaks the run', excellent(2019, 2021), 0],
    ['合格 between breaks the run', [...excellent(2019), { year: 2020, result: 'competent' }, ...excellent(2021)], 0],
    ['the current year is not known yet', excellent(2023, 2024), 0],
  ])('%s', (_n, assessments, early) => {
    const r = computeGrade(worker('2023-01-01', '2024-06-01', { assessments }));
    expect(r.steps.find((s) => s.rule === 'earlySteps')?.effect).toBe(early);
  });
});

describe('F-GRADE category base and cap', () => {
  it.each<[Position, number]>([
    ['secretaryDirector', 7],
    ['secretary', 7],
    ['director', 7],
    ['deputySecretary', 4],
    ['deputyDirector', 4],
    ['member', 1],
    ['staff', 1],
  ])('%s starts at %i', (position, grade) => {
    expect(gradeOf(worker('2026-01-01', '2026-01-01', { position }))).toBe(grade);
  });

  const veteran = (position: Position) =>
    computeGrade(
      worker('1990-01-01', '2026-01-01', {
        position,
        education: 'doctorate',
        qualifications: [{ level: 'senior', obtainedOn: '2010-01-01' }],
        assessments: excellent(2020, 2021, 2022, 2023),
      }),
    );
  it.each<[Position, number]>([
    ['staff', 12],
    ['deputyDirector', 15],
    ['secretary', 18],
  ])('%s with 36 years, a doctorate, 高级 and 优秀 is capped at %i', (position, cap) => {
    const r = veteran(position);
    expect(r.grade).toBe(cap);
    const capStep = r.steps[r.steps.length - 1];
    expect(capStep.rule).toBe('cap');
    expect(capStep.input.applied).toBe(true);
    expect(capStep.text).toContain(`按上限封顶`);
  });

  it('exactly at the cap is not "capped"', () => {
    // 其他: 1 + ⌊33 ÷ 3⌋ = 12
    const r = computeGrade(worker('1993-01-01', '2026-01-01'));
    expect(r.grade).toBe(12);
    expect(r.steps[r.steps.length - 1]).toMatchObject({ rule: 'cap', effect: 0, input: { applied: false } });
  });
});

describe('computeGrade: the full explanation', () => {
  it('explains every step in order', () => {
    const r = computeGrade({
      position: 'deputyDirector',
      education: 'bachelor',
      qualifications: [
        { level: 'assistant', obtainedOn: '2019-05-01' },
        { level: 'intermediate', obtainedOn: '2022-06-01' },
      ],
      periods: [{ regionCode: COMMUNITY, startDate: '2017-03-01', endDate: null }],
      assessments: [...excellent(2019, 2020), { year: 2021, result: 'fail' }],
      date: '2026-03-01',
      policy: policyOn('2026-03-01'),
    });
    expect(r).toMatchObject({
      category: 'deputy',
      categoryName: '副职',
      minGrade: 4,
      maxGrade: 15,
      countedYears: 8,
      equivalentYears: 11,
      grade: 10,
    });
    expect(r.steps.map((s) => [s.rule, s.effect, s.grade])).toEqual([
      ['category', 4, 4],
      ['serviceYears', 0, 4],
      ['education', 0, 4],
      ['yearSteps', 3, 7],
      ['qualification', 2, 9],
      ['earlySteps', 1, 10],
      ['cap', 0, 10],
    ]);
    expect(r.steps.map((s) => s.text)).toEqual([
      '职务“居委会副主任”属于副职岗位（4–15 级），起点为第 4 级',
      '社区工作年限：2017年03月01日 至 今（532822101001）计入：现任。省内累计 3287 天；扣除年度考核不合格年度 2021 年 365 天，计入 2922 天，折合 8年0个月0天，满 8 年',
      '学历大学本科视同社区工作 3 年',
      '每满 3 年晋升一级：⌊(8 + 3) ÷ 3⌋ = 3 级，为第 7 级',
      '职业水平按最高一项计算、不叠加：社会工作师 +2 级（另持有助理社会工作师，不再加级），为第 9 级',
      '连续 2 年优秀提前晋升一级，最多 2 次：2019–2020 年连续优秀 2 年（1 次），共 1 次，+1 级，为第 10 级',
      '未超过副职岗位上限第 15 级，最终为第 10 级',
    ]);
  });

  it('refuses without a grade policy in force, or for a position without a category', () => {
    expect(() => computeGrade(worker('2020-01-01', '2024-12-31', { policy: policyOn('2024-12-31') }))).toThrow(
      DomainError,
    );
    const policy = structuredClone(POLICY);
    policy.grades!.categories = policy.grades!.categories.filter((c) => c.code !== 'general');
    expect(() => computeGrade(worker('2020-01-01', '2026-01-01', { policy }))).toThrow(/未归入岗位等级序列/);
  });
});

describe('computeGrade properties (seeded)', () => {
  const positions = Object.keys(POSITIONS) as Position[];
  const educations = [null, ...Object.keys(EDUCATIONS)] as (Education | null)[];
  const results: AssessmentResult[] = ['excellent', 'excellent', 'competent', 'basic', 'fail'];
  const quals: Qualification[] = ['assistant', 'intermediate', 'senior'];
  const day = (r: ReturnType<typeof rng>, from: string, maxDays: number) => addDays(from, r.int(0, maxDays));

  function randomWorker(r: ReturnType<typeof rng>): GradeInput {
    const date = day(r, '2025-07-01', 365 * 5);
    const first = day(r, '1985-01-01', 365 * 40);
    const periods = [];
    let start = first;
    for (let i = r.int(1, 3); i > 0 && start < date; i--) {
      const end = r.chance(0.5) ? null : day(r, start, 365 * 8);
      periods.push({ regionCode: r.chance(0.9) ? COMMUNITY : '370102001001', startDate: start, endDate: end });
      if (!end) break;
      start = day(r, end, 365 * 2);
    }
    const assessments = [];
    for (let y = +first.slice(0, 4); y <= +date.slice(0, 4); y++)
      if (r.chance(0.8)) assessments.push({ year: y, result: r.pick(results) });
    return {
      position: r.pick(positions),
      education: r.pick(educations),
      qualifications: quals
        .filter(() => r.chance(0.3))
        .map((level) => ({ level, obtainedOn: day(r, '2000-01-01', 365 * 30) })),
      periods,
      provinceCode: '53',
      assessments,
      date,
      policy: POLICY,
    };
  }

  it('the grade always stays inside its category range', () => {
    const r = rng(20260101);
    for (let i = 0; i < 1000; i++) {
      const w = randomWorker(r);
      const g = computeGrade(w);
      expect(g.grade).toBeGreaterThanOrEqual(g.minGrade);
      expect(g.grade).toBeLessThanOrEqual(g.maxGrade);
      expect(g.steps.reduce((s, x) => s + x.effect, 0)).toBe(g.grade);
    }
  });

  it('more years never lower the grade: an earlier start', () => {
    const r = rng(42);
    for (let i = 0; i < 1000; i++) {
      const w = randomWorker(r);
      const earlier = {
        ...w,
        periods: w.periods.map((p, j) => (j === 0 ? { ...p, startDate: addDays(p.startDate, -r.int(1, 365 * 6)) } : p)),
      };
      expect(gradeOf(earlier)).toBeGreaterThanOrEqual(gradeOf(w));
    }
  });

  it('more years never lower the grade: a later date, with the same assessments known', () => {
    const r = rng(7);
    for (let i = 0; i < 1000; i++) {
      const w = randomWorker(r);
      const later = addDays(w.date, r.int(1, 365 * 4));
      // Only assessments already known on both dates, so the same years are excluded.
      const assessments = w.assessments.filter((a) => a.year < +w.date.slice(0, 4));
      const a = gradeOf({ ...w, assessments });
      const b = gradeOf({ ...w, assessments, date: later });
      expect(b).toBeGreaterThanOrEqual(a);
    }
  });

  it('2 years 364 days never reaches the 3-year step; 3 years always does (any start date)', () => {
    const r = rng(3);
    for (let i = 0; i < 500; i++) {
      const start = day(r, '2000-01-01', 365 * 20);
      const three = addYears(start, 3);
      expect(gradeOf(worker(start, addDays(three, -1)))).toBe(1);
      expect(gradeOf(worker(start, three))).toBe(2);
    }
  });
});

describe('F-ASSESS consequences the grade engine honours: delayed steps and 容错纠错', () => {
  // A staff member from 2018-01-01, on 2024-01-01: 6 full years → 1 + ⌊6 ÷ 3⌋ = grade 3 when every year counts.
  it.each([
    ['nothing recorded', [], 6, 3],
    ['2020 不合格 (not counted)', [{ year: 2020, result: 'fail' }], 5, 2],
    ['2020 不合格 with 容错纠错 (counted)', [{ year: 2020, result: 'fail', faultTolerance: true }], 6, 3],
    [
      '2021 基本合格 with a confirmed delayed step (not counted)',
      [{ year: 2021, result: 'basic', delayedStep: true }],
      5,
      2,
    ],
    [
      '2021 基本合格, delayed step and 容错纠错 (counted)',
      [{ year: 2021, result: 'basic', delayedStep: true, faultTolerance: true }],
      6,
      3,
    ],
    ['2021 合格 without a delayed step', [{ year: 2021, result: 'competent' }], 6, 3],
    ['a delayed step for 2024 is not known on 2024-01-01', [{ year: 2024, result: 'basic', delayedStep: true }], 6, 3],
  ] as [string, GradeInput['assessments'], number, number][])(
    '%s → %i years, grade %i',
    (_name, assessments, years, grade) => {
      const r = computeGrade(worker('2018-01-01', '2024-01-01', { assessments }));
      expect([r.countedYears, r.grade]).toEqual([years, grade]);
    },
  );

  it('the explanation names the delayed and the tolerated years', () => {
    const r = computeGrade(
      worker('2018-01-01', '2024-01-01', {
        assessments: [
          { year: 2020, result: 'fail', faultTolerance: true },
          { year: 2021, result: 'basic', delayedStep: true },
        ],
      }),
    );
    expect(r.steps[1].input).toMatchObject({ failedYears: [2021], delayedYears: [2021], toleratedYears: [2020] });
    expect(r.steps[1].text).toContain('扣除年度考核不合格或延缓晋级的年度 2021 年 365 天');
    expect(r.steps[1].text).toContain('2020 年已作容错纠错认定，照常计入');
  });
});

describe('F-ASSESS early steps are applied on confirmation', () => {
  it.each([
    [
      'no flags: by the rule alone',
      [
        { year: 2022, result: 'excellent' },
        { year: 2023, result: 'excellent' },
      ],
      1,
    ],
    [
      'confirmed',
      [
        { year: 2022, result: 'excellent' },
        { year: 2023, result: 'excellent', earlyStep: true },
      ],
      1,
    ],
    [
      'not confirmed (proposed or rejected)',
      [
        { year: 2022, result: 'excellent' },
        { year: 2023, result: 'excellent', earlyStep: false },
      ],
      0,
    ],
    [
      'four in a row, the second step unconfirmed',
      [
        { year: 2020, result: 'excellent' },
        { year: 2021, result: 'excellent', earlyStep: true },
        { year: 2022, result: 'excellent' },
        { year: 2023, result: 'excellent', earlyStep: false },
      ],
      1,
    ],
  ] as [string, GradeInput['assessments'], number][])('%s → %i early steps', (_n, assessments, early) => {
    const r = computeGrade(worker('2019-06-01', '2024-01-01', { assessments }));
    expect(r.steps.find((s) => s.rule === 'earlySteps')!.effect).toBe(early);
  });
  it('says which early step is unconfirmed', () => {
    const r = computeGrade(
      worker('2019-06-01', '2024-01-01', {
        assessments: [
          { year: 2022, result: 'excellent' },
          { year: 2023, result: 'excellent', earlyStep: false },
        ],
      }),
    );
    expect(r.steps.find((s) => s.rule === 'earlySteps')!.text).toContain(
      '2022–2023 年连续优秀 2 年（0 次；2023 年的提前晋升未经确认，不计）',
    );
  });
});
