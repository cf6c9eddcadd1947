import { describe, expect, it } from 'vitest';
import {
  COEFFICIENT_CURVE_18,
  COMPONENT_PAY_EXAMPLE,
  DEFAULT_POLICY_DOCUMENTS,
  FLOOR_RATIO_PAY_EXAMPLE,
} from '../policy/defaults.js';
import type { PayPolicy, PostCategory, ResolvedPolicy } from '../policy/policy.schema.js';
import { resolvePolicy } from '../policy/resolve.js';
import { rng } from '../seed/random.js';
import { DomainError } from './errors.js';
import { budgetCost, computePay, divCeil, divHalfUp, formatFen, type PayInput } from './pay.js';
import type { Position, Qualification } from './worker-vocab.js';

const DATE = '2026-01-01';
/** 西双版纳州 example: 84,000 元 × 0.55 ÷ 12 = 3,850 元 base. */
const POLICY = resolvePolicy(DEFAULT_POLICY_DOCUMENTS, '532822101001', DATE).policy;
const withPay = (pay: Partial<PayPolicy>): ResolvedPolicy => ({ ...POLICY, pay: { ...POLICY.pay!, ...pay } });
const pay = (grade: number, over: Partial<PayInput> = {}) =>
  computePay({ grade, category: 'general', status: 'active', policy: POLICY, date: DATE, ...over });
const fen = (r: ReturnType<typeof computePay>) => Object.fromEntries(r.components.map((c) => [c.code, c.fen]));

describe('helpers', () => {
  it.each([
    [0, '0.00 元'],
    [5, '0.05 元'],
    [385_000, '3,850.00 元'],
    [649_688, '6,496.88 元'],
    [123_456_789, '1,234,567.89 元'],
    [-77_000, '−770.00 元'],
  ])('formatFen(%i) = %s', (n, s) => {
    expect(formatFen(n)).toBe(s);
  });
  it.each([
    [5n, 2n, 3n, 3n],
    [4n, 2n, 2n, 2n],
    [7n, 3n, 2n, 3n],
    [0n, 9n, 0n, 0n],
  ])('%i ÷ %i: half up %i, ceil %i', (n, d, half, ceil) => {
    expect([divHalfUp(n, d), divCeil(n, d)]).toEqual([half, ceil]);
  });
});

describe('F-PAY COEFFICIENT: base × grade coefficient, exact in fen', () => {
  it.each([
    // grade, monthly (base 385,000 fen × coefficient, half up), basic (80 %, half up), performance (rest)
    [1, 385_000, 308_000, 77_000],
    [4, 418_688, 334_950, 83_738], // 418,687.5 → 418,688
    [7, 457_188, 365_750, 91_438], // 457,187.5 → 457,188; 365,750.4 → 365,750
    [12, 535_381, 428_305, 107_076], // 535,381 exactly; 428,304.8 → 428,305
    [15, 591_938, 473_550, 118_388], // 591,937.5
    [18, 649_688, 519_750, 129_938], // 649,687.5
  ])('grade %i → %i fen (basic %i + performance %i)', (grade, monthly, basic, performance) => {
    const r = pay(grade);
    expect(r.monthlyFen).toBe(monthly);
    expect(fen(r)).toEqual({ basic, performance });
    expect(r.example).toBe(true);
  });

  it('explains each figure', () => {
    const r = pay(7);
    expect(r.steps.map((s) => s.arithmetic)).toEqual([
      '',
      '84,000.00 元 ÷ 12 × 0.55 = 3,850.00 元',
      '3,850.00 元 × 1.1875 = 4,571.88 元',
      '基本 4,571.88 元 × 0.8 = 3,657.50 元；绩效 4,571.88 元 − 3,657.50 元 = 914.38 元',
      '3,657.50 元 + 914.38 元 = 4,571.88 元',
    ]);
    expect(r.steps[0].text).toContain('示例');
  });

  it('probation is paid at 80 %, shown as a negative component so the parts add up', () => {
    const r = pay(1, { status: 'probation' });
    expect(r.monthlyFen).toBe(308_000);
    expect(fen(r)).toEqual({ basic: 308_000, performance: 77_000, probation: -77_000 });
    const r7 = pay(7, { status: 'probation' });
    expect(r7.monthlyFen).toBe(365_750); // 457,188 × 0.8 = 365,750.4 → 365,750
    expect(r7.components.reduce((s, c) => s + c.fen, 0)).toBe(r7.monthlyFen);
  });

  it("sanity: a fixed base of 3,200 元 reproduces Xi'an's published endpoints (research §3.1)", () => {
    const xian = withPay({ baseMonthlyFen: 320_000 });
    const at = (g: number) => pay(g, { policy: xian }).monthlyFen;
    // 一般 3,200–4,450 (g1–g12), 副职 3,480–4,920 (g4–g15), 正职 3,800–5,400 (g7–g18)
    expect([at(1), at(4), at(7), at(12), at(15), at(18)]).toEqual([
      320_000, 348_000, 380_000, 444_992, 492_000, 540_000,
    ]);
  });

  it('sanity: the example pays 3,850–6,497 元 a month, inside the range reported after reforms (§3.3: 4,417–6,817 元 in 阿拉善左旗, 5,267 元 top case in Hohhot)', () => {
    const all = COEFFICIENT_CURVE_18.map((_, i) => pay(i + 1).monthlyFen);
    expect(Math.min(...all)).toBe(385_000);
    expect(Math.max(...all)).toBeLessThan(681_700);
    for (let i = 1; i < all.length; i++) expect(all[i]).toBeGreaterThan(all[i - 1]);
  });

  it('property: exact integer arithmetic for any average wage, uplift and grade', () => {
    const r = rng(99);
    for (let i = 0; i < 2000; i++) {
      const averageWageFen = r.int(1_000_000, 30_000_000);
      const upliftE4 = r.int(5000, 20000);
      const grade = r.int(1, 18);
      const result = pay(grade, {
        policy: withPay({ averageWageFen, uplift: upliftE4 / 10000 }),
        status: r.chance(0.2) ? 'probation' : 'active',
      });
      const base = divHalfUp(BigInt(averageWageFen) * BigInt(upliftE4), 120000n);
      let expected = divHalfUp(base * BigInt(Math.round(COEFFICIENT_CURVE_18[grade - 1] * 10000)), 10000n);
      if (result.components.some((c) => c.code === 'probation')) expected = divHalfUp(expected * 8000n, 10000n);
      expect(result.monthlyFen).toBe(Number(expected));
      expect(Number.isInteger(result.monthlyFen)).toBe(true);
      expect(result.components.reduce((s, c) => s + c.fen, 0)).toBe(result.monthlyFen);
    }
  });

  it('refuses a grade outside the coefficient table, and refuses without a pay policy', () => {
    expect(() => pay(19)).toThrow(DomainError);
    expect(() => pay(0)).toThrow(DomainError);
    expect(() =>
      pay(1, { policy: resolvePolicy(DEFAULT_POLICY_DOCUMENTS, '532822101001', '2025-06-30').policy }),
    ).toThrow(/没有生效的薪酬政策/);
  });
});

describe('F-PAY COMPONENT: post + seniority + qualification + basic performance', () => {
  const policy = withPay(COMPONENT_PAY_EXAMPLE);
  it.each<[string, PostCategory, Position, number, Qualification | null, Record<string, number>, number]>([
    ['new staff', 'general', 'staff', 0, null, { post: 230_000, seniority: 5_000, basicPerformance: 20_000 }, 255_000],
    [
      'staff, 2 full years: still level 1',
      'general',
      'staff',
      2,
      null,
      { post: 230_000, seniority: 5_000, basicPerformance: 20_000 },
      255_000,
    ],
    [
      'staff, 3 full years: level 2',
      'general',
      'staff',
      3,
      'assistant',
      { post: 230_000, seniority: 11_000, qualification: 30_000, basicPerformance: 20_000 },
      291_000,
    ],
    [
      '一肩挑, 7 years, 社会工作师',
      'leader',
      'secretaryDirector',
      7,
      'intermediate',
      { post: 280_000, dualRole: 30_000, seniority: 17_000, qualification: 50_000, basicPerformance: 20_000 },
      397_000,
    ],
    [
      'deputy, 40 years: level capped at 12 (710 元)',
      'deputy',
      'deputyDirector',
      40,
      'senior',
      { post: 250_000, seniority: 71_000, qualification: 80_000, basicPerformance: 20_000 },
      421_000,
    ],
  ])('%s', (_n, category, position, serviceYears, qualification, components, monthly) => {
    const r = computePay({
      grade: 1,
      category,
      position,
      serviceYears,
      qualification,
      status: 'active',
      policy,
      date: DATE,
    });
    expect(fen(r)).toEqual(components);
    expect(r.monthlyFen).toBe(monthly);
  });

  it('probation: 255,000 × 0.8 = 204,000', () => {
    const r = computePay({ grade: 1, category: 'general', status: 'probation', policy, date: DATE });
    expect(r.monthlyFen).toBe(204_000);
    expect(fen(r).probation).toBe(-51_000);
  });
});

describe('F-PAY FLOOR_RATIO: a share of the average wage (南京 2018)', () => {
  const policy = withPay(FLOOR_RATIO_PAY_EXAMPLE);
  it('the floor includes employer contributions: the smallest pay that meets it', () => {
    // floor 98,000 元 × 100 % ÷ 12 = 8,166.666… → 816,667 fen (up); ÷ (1 + 0.254 + 0.12) → 594,372 (up)
    const r = computePay({ grade: 7, category: 'leader', status: 'active', policy, date: DATE });
    expect(r.monthlyFen).toBe(594_372);
    expect(594_372 * 13_740).toBeGreaterThanOrEqual(816_667 * 10_000);
    expect(594_371 * 13_740).toBeLessThan(816_667 * 10_000);
    expect(fen(r)).toEqual({ basic: 475_498, performance: 118_874 });
  });

  it('others at 80 %, without contributions, plus an amount per grade above the category floor', () => {
    const p = withPay({
      ...FLOOR_RATIO_PAY_EXAMPLE,
      floorRatio: {
        ...FLOOR_RATIO_PAY_EXAMPLE.floorRatio!,
        includesEmployerContributions: false,
        gradeStepFen: 10_000,
      },
    });
    // 9,800,000 × 0.8 ÷ 12 = 653,333.3… → 653,334; + 100 元 × (5 − 1)
    const r = computePay({ grade: 5, category: 'general', status: 'active', policy: p, date: DATE });
    expect(r.monthlyFen).toBe(693_334);
  });
});

describe('F-BUDGET yearly cost = pay × months + employer social insurance + housing fund', () => {
  it('two workers, 12 months', () => {
    const r = budgetCost({ workers: [{ monthlyFen: 385_000 }, { monthlyFen: 457_188 }], policy: POLICY });
    // 842,188 × 12 = 10,106,256; × 0.254 = 2,566,989.024 → 2,566,989; × 0.12 = 1,212,750.72 → 1,212,751
    expect(r.breakdown).toMatchObject({
      workers: 2,
      monthlyTotalFen: 842_188,
      months: 12,
      payrollFen: 10_106_256,
      socialInsuranceFen: 2_566_989,
      housingFundFen: 1_212_751,
    });
    expect(r.annualFen).toBe(13_885_996);
    expect(r.breakdown.steps.at(-1)?.arithmetic).toBe('101,062.56 元 + 25,669.89 元 + 12,127.51 元 = 138,859.96 元');
  });

  it('13 months with a year-end bonus; an empty workforce costs nothing', () => {
    const p13: ResolvedPolicy = { ...POLICY, budget: { ...POLICY.budget!, months: 13 } };
    expect(budgetCost({ workers: [{ monthlyFen: 100_000 }], policy: p13 }).breakdown.payrollFen).toBe(1_300_000);
    expect(budgetCost({ workers: [], policy: POLICY }).annualFen).toBe(0);
  });

  it('refuses fractional fen and a missing budget policy', () => {
    expect(() => budgetCost({ workers: [{ monthlyFen: 1.5 }], policy: POLICY })).toThrow(RangeError);
    expect(() => budgetCost({ workers: [], policy: {} })).toThrow(DomainError);
  });
});
