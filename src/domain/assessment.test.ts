import { describe, expect, it } from 'vitest';
import { ASSESSMENT_DEFAULTS } from '../policy/defaults.js';
import type { AssessmentPolicy } from '../policy/policy.schema.js';
import {
  type AssessmentResult,
  excellentQuota,
  proposeConsequences,
  rateEntry,
  ratingEligibility,
  satisfactionOf,
} from './assessment.js';

const RULES: AssessmentPolicy = ASSESSMENT_DEFAULTS;

describe('F-ASSESS 优秀 quota per assessing unit: target 15 %, cap 20 %, both rounded down', () => {
  it.each([
    // rated, target, cap
    [0, 0, 0],
    [4, 0, 0], // 0.8 → 0: a unit of four has no 优秀 place
    [5, 0, 1], // 1.0 → 1 exactly
    [6, 0, 1],
    [7, 1, 1], // 1.05 → 1, 1.4 → 1
    [9, 1, 1], // 1.8 → 1 (not rounded up to 2)
    [10, 1, 2],
    [14, 2, 2], // 2.1, 2.8
    [15, 2, 3],
    [20, 3, 4],
    [100, 15, 20],
    [101, 15, 20], // 15.15, 20.2
  ])('%i rated → target %i, cap %i', (rated, target, cap) => {
    const q = excellentQuota(rated, 0, RULES);
    expect([q.target, q.cap]).toEqual([target, cap]);
  });

  it.each([
    [7, 1, 'ok'],
    [7, 2, 'over_cap'],
    [10, 1, 'ok'],
    [10, 2, 'over_target'],
    [10, 3, 'over_cap'],
    [4, 1, 'over_cap'],
  ] as const)('%i rated with %i 优秀 → %s', (rated, excellent, status) => {
    expect(excellentQuota(rated, excellent, RULES).status).toBe(status);
  });

  it('shows its arithmetic', () => {
    expect(excellentQuota(7, 2, RULES).text).toBe(
      '参加定等 7 人：一般掌握 ⌊7 × 15%⌋ = 1 人，最多 ⌊7 × 20%⌋ = 1 人；现评优秀 2 人，超过上限 1 人，不能审定',
    );
  });

  it('a configured cap of 25 % with a target of 20 % (公务员 analogue)', () => {
    expect(excellentQuota(8, 2, { ...RULES, excellentTarget: 0.2, excellentCap: 0.25 })).toMatchObject({
      target: 1,
      cap: 2,
      status: 'over_target',
    });
  });
});

describe('F-ASSESS total, band and result', () => {
  const s = (politicalQuality: number, workPerformance: number, residentSatisfaction: number) => ({
    politicalQuality,
    workPerformance,
    residentSatisfaction,
  });
  it.each([
    [s(95, 92, 90), null, 92.3, 'excellent'],
    [s(90, 90, 90), null, 90, 'excellent'], // the excellent band's edge
    [s(89.99, 90, 90), null, 90, 'excellent'], // 26.997 + 36 + 27 = 89.997 → 90.00 half up
    [s(89.98, 90, 90), null, 89.99, 'competent'],
    [s(80, 80, 80), null, 80, 'competent'],
    [s(70, 70, 70), null, 70, 'competent'],
    [s(65, 65, 65), null, 65, 'basic'],
    [s(50, 50, 70), null, 56, 'fail'],
    [s(95, 92, 90), 'competent', 92.3, 'competent'], // the unit may rate lower
  ] as const)('%o chosen %s → total %d, %s', (scores, chosen, total, result) => {
    const r = rateEntry(scores, RULES, chosen);
    expect('error' in r ? r : { total: r.total, result: r.result }).toEqual({ total, result });
  });

  it('refuses a result above the band', () => {
    expect(rateEntry(s(80, 80, 80), RULES, 'excellent')).toEqual({ error: '总分 80 未达到“优秀”的最低总分 90' });
  });

  describe('hard rule: resident satisfaction below 60 % → 不合格 whatever the total', () => {
    it.each([
      [59.99, 'fail'],
      [59, 'fail'],
      [0, 'fail'],
      [60, 'excellent'],
      [60.01, 'excellent'],
    ] as [number, AssessmentResult][])('satisfaction %d%% with top scores elsewhere → %s', (sat, result) => {
      const r = rateEntry(s(100, 100, sat), { ...RULES, bands: { excellentMin: 80, competentMin: 70, basicMin: 60 } });
      if ('error' in r) throw new Error(r.error);
      expect(r.result).toBe(result);
      expect(r.steps.at(-1)!.text).toContain(result === 'fail' ? '低于 60%，定为“不合格”' : '不低于 60%');
    });
    it('uses the configured floor and labels', () => {
      const r = rateEntry(s(100, 100, 69), {
        ...RULES,
        satisfactionFloor: 0.7,
        labels: { excellent: '优秀', competent: '称职', basic: '基本称职', fail: '不称职' },
      });
      expect(!('error' in r) && r.result).toBe('fail');
      expect(!('error' in r) && r.steps.at(-1)!.text).toBe('居民满意度 69% 低于 70%，定为“不称职”');
    });
  });

  it('explains the total with the weights', () => {
    const r = rateEntry(s(95, 92, 90), RULES);
    expect(!('error' in r) && r.steps[0].text).toBe(
      '总分 = 政治素质 95 × 0.3 + 工作实绩 92 × 0.4 + 居民满意度 90 × 0.3 = 92.3',
    );
  });
});

describe('F-ASSESS who is rated: probation and fewer than 6 months are not rated', () => {
  const p = (startDate: string, endDate: string | null = null) => ({ startDate, endDate });
  it.each([
    ['all year', 'active', [p('2020-01-01')], true, 12],
    ['from 1 July: exactly 6 months', 'active', [p('2025-07-01')], true, 6],
    ['from 2 July: 5 months 30 days', 'active', [p('2025-07-02')], false, 5],
    ['left on 1 July (end exclusive): 6 months', 'active', [p('2024-01-01', '2025-07-01')], true, 6],
    ['two stretches adding up to 6 months', 'active', [p('2025-01-01', '2025-04-01'), p('2025-10-01')], true, 6],
    ['on probation', 'probation', [p('2020-01-01')], false, 12],
    ['started the next year', 'active', [p('2026-01-01')], false, 0],
  ] as const)('%s → rated %s', (_n, status, periods, rated, months) => {
    const r = ratingEligibility({ status, periods, year: 2025, minMonthsWorked: 6 });
    expect([r.rated, r.months]).toEqual([rated, months]);
  });
  it('says why', () => {
    expect(
      ratingEligibility({ status: 'active', periods: [p('2025-07-02')], year: 2025, minMonthsWorked: 6 }).text,
    ).toBe('2025 年在社区工作 5 个月 30 天，不满 6 个月，不定等次');
  });
});

describe('F-ASSESS residents’ satisfaction from ratings', () => {
  it.each([
    [{ satisfied: 0, basic: 0, unsatisfied: 0 }, 10, null, false],
    [{ satisfied: 2, basic: 0, unsatisfied: 1 }, 10, 66.67, false], // 3 votes: shown, not used
    [{ satisfied: 6, basic: 2, unsatisfied: 2 }, 10, 80, true],
    [{ satisfied: 5, basic: 0, unsatisfied: 5 }, 10, 50, true],
  ])('%o (min %i) → %s %%, usable %s', (counts, min, rate, usable) => {
    expect(satisfactionOf(counts, min)).toMatchObject({
      rate,
      usable,
      count: counts.satisfied + counts.basic + counts.unsatisfied,
    });
  });
  it('says when too few ratings were cast', () => {
    expect(satisfactionOf({ satisfied: 2, basic: 0, unsatisfied: 1 }, 10).text).toBe(
      '满意 2 + 基本满意 0 = 2，共 3 票，满意率 66.67%（不足 10 票，仅供参考，不计入考核）',
    );
  });
});

describe('F-ASSESS consequences proposed from a result', () => {
  const prev = (m: Record<number, AssessmentResult>) => new Map(Object.entries(m).map(([y, r]) => [Number(y), r]));
  it.each([
    ['优秀 after 优秀: early step', 'excellent', { 2024: 'excellent' }, ['early_step', 'renewal', 'reward']],
    ['first 优秀: no early step yet', 'excellent', {}, ['renewal', 'reward']],
    [
      'third 优秀 in a row: runs do not overlap',
      'excellent',
      { 2024: 'excellent', 2023: 'excellent' },
      ['renewal', 'reward'],
    ],
    [
      'fourth 优秀 in a row: second early step',
      'excellent',
      { 2024: 'excellent', 2023: 'excellent', 2022: 'excellent' },
      ['early_step', 'renewal', 'reward'],
    ],
    ['合格', 'competent', {}, ['renewal']],
    ['不合格', 'fail', {}, ['delayed_step', 'non_renewal', 'dismissal_review', 'sanction']],
  ] as const)('%s', (_n, result, previous, kinds) => {
    expect(proposeConsequences(2025, result, prev(previous), RULES, 2).map((c) => c.kind)).toEqual(kinds);
  });
});

describe('F-ASSESS policy section checks (policy.validate.ts)', () => {
  const doc = (assessment: Record<string, unknown>) => ({
    level: 'county',
    regionCode: '532822000000',
    version: 2,
    effectiveFrom: '2026-01-01',
    assessment,
  });
  it.each([
    [{ weights: { politicalQuality: 0.3, workPerformance: 0.4, residentSatisfaction: 0.3 } }, []],
    [{ weights: { politicalQuality: 0.3, workPerformance: 0.4, residentSatisfaction: 0.2 } }, ['/assessment/weights']],
    [{ excellentTarget: 0.25, excellentCap: 0.2 }, ['/assessment/excellentTarget']],
    [{ bands: { excellentMin: 80, competentMin: 85 } }, ['/assessment/bands/competentMin']],
    [{ labels: { competent: '称职', basic: '称职' } }, ['/assessment/labels/basic']],
    [{ satisfactionFloor: 0.66666 }, ['/assessment/satisfactionFloor']],
    [{ consequences: { fail: ['expel'] } }, ['/assessment/consequences/fail/0']],
    [{ ratingWindow: { from: '13-01', to: '12-31' } }, ['/assessment/ratingWindow/from']],
  ])('%o → errors at %o', async (assessment, paths) => {
    const { validatePolicy } = await import('../policy/policy.validate.js');
    const r = validatePolicy(doc(assessment));
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(paths);
  });
});
