import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_DOCUMENTS, NATIONAL_DEFAULTS } from '../policy/defaults.js';
import type { ResolvedPolicy } from '../policy/policy.schema.js';
import { resolvePolicy } from '../policy/resolve.js';
import { rng } from '../seed/random.js';
import { DomainError } from './errors.js';
import { allocateQuota, staffingNorm, staffingQuota } from './staffing.js';

const policy = resolvePolicy(DEFAULT_POLICY_DOCUMENTS, '532822000000', '2026-01-01').policy;
const withStaffing = (over: Partial<NonNullable<ResolvedPolicy['staffing']>>): ResolvedPolicy => ({
  ...policy,
  staffing: { ...policy.staffing!, ...over },
});

describe('F-NORM quota: ceil(urban residents ÷ 10,000 × 18)', () => {
  it.each([
    [0, 0],
    [1, 1],
    [5_555, 10], // 9.999
    [5_556, 11], // 10.0008
    [10_000, 18],
    [10_001, 19], // 18.0018
    [20_000, 36],
    [205_842, 371], // 370.5156
    [1_000_000, 1_800],
  ])('%i residents → %i', (pop, quota) => {
    expect(staffingQuota(pop, policy.staffing!).quota).toBe(quota);
  });

  it.each<['round' | 'floor', number, number]>([
    ['round', 205_842, 371],
    ['round', 10_277, 18], // 18.4986
    ['round', 10_278, 19], // 18.5004
    ['floor', 10_001, 18],
    ['floor', 205_842, 370],
  ])('rounding %s: %i → %i', (rounding, pop, quota) => {
    expect(staffingQuota(pop, { perTenThousand: 18, rounding }).quota).toBe(quota);
  });

  it('a non-integer ratio (e.g. 18.5) is still exact', () => {
    expect(staffingQuota(20_000, { perTenThousand: 18.5, rounding: 'ceil' })).toEqual({ quota: 37, exact: '37' });
    expect(staffingQuota(10_001, { perTenThousand: 18.5, rounding: 'ceil' })).toEqual({ quota: 19, exact: '18.50185' });
  });

  it('refuses a negative or fractional population', () => {
    expect(() => staffingQuota(-1, policy.staffing!)).toThrow(RangeError);
    expect(() => staffingQuota(1.5, policy.staffing!)).toThrow(RangeError);
  });
});

describe('staffingNorm: quota, headcount, gap, per 10,000, status, explanation', () => {
  it('explains the arithmetic', () => {
    const r = staffingNorm({ urbanPopulation: 205_842, headcountByCategory: { committee: 120, staff: 245 }, policy });
    expect(r).toMatchObject({ quota: 371, headcount: 365, gap: 6, per10k: 17.73, status: 'short' });
    expect(r.explanation.arithmetic).toBe('ceil(205,842 ÷ 10,000 × 18) = ceil(370.5156) = 371');
    expect(r.explanation.headcount).toBe('“两委”专职成员 120 + 专职工作人员 245 = 365');
    expect(r.explanation.gap).toBe('371 − 365 = 6');
    expect(r.explanation.per10k).toBe('365 ÷ 205,842 × 10,000 = 17.73（四舍五入保留 2 位小数）');
    expect(r.explanation.rule).toContain('每万城镇常住人口配备社区工作者 18 人，在县级总量控制');
    expect(r.explanation.status).toBe('实有 365 人少于职数 371 人：缺员 6 人');
  });

  it.each<[number, number, 'short' | 'within' | 'over', number]>([
    [0, 370, 'short', 1],
    [0, 371, 'within', 0],
    [0, 372, 'over', -1],
    // 5 % of 371 = 18.55 → ±18 persons
    [0.05, 352, 'short', 19],
    [0.05, 353, 'within', 18],
    [0.05, 389, 'within', -18],
    [0.05, 390, 'over', -19],
  ])('tolerance %s, headcount %i → %s (gap %i)', (withinTolerance, headcount, status, gap) => {
    const r = staffingNorm({
      urbanPopulation: 205_842,
      headcountByCategory: { all: headcount },
      policy: withStaffing({ withinTolerance }),
    });
    expect([r.status, r.gap]).toEqual([status, gap]);
  });

  it('no urban residents: quota 0, per 10,000 not computed, anyone is over', () => {
    const r = staffingNorm({ urbanPopulation: 0, headcountByCategory: { staff: 2 }, policy });
    expect(r).toMatchObject({ quota: 0, headcount: 2, gap: -2, per10k: null, status: 'over' });
    expect(r.explanation.gap).toBe('0 − 2 = −2');
    expect(staffingNorm({ urbanPopulation: 0, headcountByCategory: {}, policy }).status).toBe('within');
  });

  it('per 10,000 rounds half up to 2 decimals', () => {
    // 1 ÷ 80,000 × 10,000 = 0.125 → 0.13
    expect(staffingNorm({ urbanPopulation: 80_000, headcountByCategory: { a: 1 }, policy }).per10k).toBe(0.13);
    expect(staffingNorm({ urbanPopulation: 10_000, headcountByCategory: { a: 18 }, policy }).per10k).toBe(18);
  });

  it('a given quota (adjusted, allocated or summed) replaces the computed one, with its own arithmetic', () => {
    const r = staffingNorm({
      urbanPopulation: 205_842,
      headcountByCategory: { all: 365 },
      policy,
      quota: { value: 380, arithmetic: '调整后职数 380' },
    });
    expect(r).toMatchObject({ quota: 380, gap: 15, status: 'short' });
    expect(r.explanation.arithmetic).toBe('调整后职数 380');
    expect(() =>
      staffingNorm({ urbanPopulation: 1, headcountByCategory: {}, policy, quota: { value: -1, arithmetic: '' } }),
    ).toThrow(RangeError);
  });

  it('without a staffing policy in force it refuses', () => {
    expect(() => staffingNorm({ urbanPopulation: 1, headcountByCategory: {}, policy: {} })).toThrow(DomainError);
  });

  it('a county that sets 25 per 10,000 (as 昌吉州 does) is used', () => {
    const docs = [
      NATIONAL_DEFAULTS,
      {
        level: 'county' as const,
        regionCode: '532822000000',
        version: 1,
        effectiveFrom: '2026-01-01',
        staffing: { perTenThousand: 25 },
      },
    ];
    const p = resolvePolicy(docs, '532822000000', '2026-01-01').policy;
    expect(staffingNorm({ urbanPopulation: 10_001, headcountByCategory: {}, policy: p }).quota).toBe(26);
  });
});

describe('allocateQuota: largest remainder, shares add up to the total', () => {
  it('splits in proportion to population', () => {
    expect(
      allocateQuota(10, [
        { code: 'a', urbanPopulation: 5_000 },
        { code: 'b', urbanPopulation: 3_000 },
        { code: 'c', urbanPopulation: 2_000 },
      ]),
    ).toEqual([
      { code: 'a', quota: 5 },
      { code: 'b', quota: 3 },
      { code: 'c', quota: 2 },
    ]);
    expect(
      allocateQuota(2, [
        { code: 'a', urbanPopulation: 1 },
        { code: 'b', urbanPopulation: 1 },
        { code: 'c', urbanPopulation: 1 },
      ]).map((x) => x.quota),
    ).toEqual([1, 1, 0]);
  });

  it('property: always sums to the total, each share within 1 of its exact proportion', () => {
    const r = rng(7);
    for (let i = 0; i < 300; i++) {
      const parts = Array.from({ length: r.int(1, 12) }, (_, j) => ({
        code: `c${j}`,
        urbanPopulation: r.int(0, 50_000),
      }));
      const pop = parts.reduce((s, p) => s + p.urbanPopulation, 0);
      const total = r.int(0, 500);
      const out = allocateQuota(total, parts);
      expect(out.reduce((s, x) => s + x.quota, 0)).toBe(pop === 0 ? 0 : total);
      if (pop > 0)
        for (const [j, x] of out.entries())
          expect(Math.abs(x.quota - (total * parts[j].urbanPopulation) / pop)).toBeLessThan(1);
    }
  });
});
