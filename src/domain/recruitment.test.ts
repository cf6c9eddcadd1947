import { describe, expect, it } from 'vitest';
import { type ApplicantFacts, eligibilityOf, type PlanRules, rankPost, totalOf } from './recruitment.js';

const RULES: PlanRules = {
  referenceDate: '2026-12-01',
  maxAge: 35,
  minEducation: 'associate',
  residence: { prefix: '532822', name: '勐海县' },
  writtenPercent: 40,
  bonus: { graduate: 200, veteran: 300, socialWork: 200, gridWorker: 500 },
};
const facts = (f: Partial<ApplicantFacts> = {}): ApplicantFacts => ({
  birthDate: '1995-01-01',
  education: 'bachelor',
  homeRegionCode: '532822101001',
  groups: [],
  writtenScore: 8000,
  interviewScore: 9000,
  vetting: 'passed',
  ...f,
});

describe('F-RECRUIT eligibility with a reason for each rule', () => {
  it.each([
    ['35 on the reference date is eligible', { birthDate: '1991-12-01' }, true, null],
    ['36 the day before the reference date is not', { birthDate: '1990-12-01' }, false, '年龄不超过 35 周岁（按 2026年12月01日 计算）'],
    ['大学专科 meets 专科 and above', { education: 'associate' as const }, true, null],
    ['中专 does not', { education: 'secondary' as const }, false, '学历大学专科及以上'],
    ['no education given does not', { education: null }, false, '学历大学专科及以上'],
    ['living in another county does not', { homeRegionCode: '532801001003' }, false, '户籍或居住地在勐海县'],
  ])('%s', (_n, f, eligible, failedRule) => {
    const e = eligibilityOf(facts(f), RULES);
    expect(e.eligible).toBe(eligible);
    expect(e.checks).toHaveLength(3);
    expect(e.checks.find((c) => !c.met)?.rule ?? null).toBe(failedRule);
  });
  it('a plan without rules admits everyone', () => {
    expect(eligibilityOf(facts({ education: null, homeRegionCode: null }), { ...RULES, maxAge: null, minEducation: null, residence: null })).toEqual({ eligible: true, checks: [] });
  });
});

describe('F-RECRUIT weighted total and bonus (highest group only)', () => {
  it.each([
    ['no group', [], 8600, '笔试 80.00 × 40% + 面试 90.00 × 60% = 86.00 = 86.00'],
    ['a graduate', ['graduate'], 8800, '笔试 80.00 × 40% + 面试 90.00 × 60% = 86.00 + 高校毕业生加分 2.00 = 88.00'],
    ['a veteran grid worker: the higher bonus only', ['veteran', 'gridWorker'], 9100, '笔试 80.00 × 40% + 面试 90.00 × 60% = 86.00 + 网格员转聘加分 5.00 = 91.00'],
  ] as const)('%s', (_n, groups, total, arithmetic) => {
    const t = totalOf(facts({ groups: [...groups] }), RULES);
    expect(t.total).toBe(total);
    expect(t.arithmetic).toBe(arithmetic);
  });
  it('rounds half up to hundredths', () => {
    // 80.01 × 40% + 90.00 × 60% = 32.004 + 54 = 86.004 → 86.00; 80.05 → 86.02
    expect(totalOf(facts({ writtenScore: 8001 }), RULES).total).toBe(8600);
    expect(totalOf(facts({ writtenScore: 8005 }), RULES).total).toBe(8602);
  });
  it('no total until both scores are in', () => {
    expect(totalOf(facts({ interviewScore: null }), RULES).total).toBeNull();
  });
});

describe('F-RECRUIT ranking and tie-break', () => {
  const a = (id: number, f: Partial<ApplicantFacts>) => ({ id, facts: facts(f) });
  it('by total, then written, then interview; equal on all three share a rank and are marked tied', () => {
    const ranked = rankPost(
      [
        a(1, { writtenScore: 8000, interviewScore: 9000 }), // 86.00
        a(2, { writtenScore: 9500, interviewScore: 8000 }), // 38 + 48 = 86.00, written higher
        a(3, { writtenScore: 7000, interviewScore: 9000, groups: ['veteran'] }), // 28 + 54 + 3 = 85.00
        a(4, { writtenScore: 8000, interviewScore: 9000 }), // same as 1 → tied
        a(5, { birthDate: '1980-01-01' }), // too old
        a(6, { vetting: 'failed' }),
        a(7, { interviewScore: null }),
      ],
      RULES,
    );
    expect(ranked.map((r) => [r.item.id, r.rank, r.tied, r.note])).toEqual([
      [2, 1, false, null],
      [1, 2, true, null],
      [4, 2, true, null],
      [3, 4, false, null],
      [5, null, false, '资格审查未通过'],
      [6, null, false, '政治把关未通过'],
      [7, null, false, '成绩未录入完整'],
    ]);
  });
});
