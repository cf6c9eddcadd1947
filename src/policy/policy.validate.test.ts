import { describe, expect, it } from 'vitest';
import { POSITIONS } from '../domain/worker-vocab.js';
import {
  DEFAULT_POLICY_DOCUMENTS,
  NATIONAL_DEFAULTS,
  XISHUANGBANNA_PAY_EXAMPLE,
  YUNNAN_GRADES_EXAMPLE,
} from './defaults.js';
import type { PolicyDocument } from './policy.schema.js';
import { validatePolicy } from './policy.validate.js';
import { resolvePolicy, validatePolicyEdit } from './resolve.js';

const county = (over: Record<string, unknown>): Record<string, unknown> => ({
  level: 'county',
  regionCode: '532822000000',
  version: 1,
  effectiveFrom: '2026-01-01',
  ...over,
});
const paths = (doc: unknown) => {
  const r = validatePolicy(doc);
  return r.ok ? [] : r.errors.map((e) => e.path);
};

describe('validatePolicy: the shipped documents', () => {
  it.each(DEFAULT_POLICY_DOCUMENTS.map((d) => [d.title, d]))('%s is valid', (_t, d) => {
    expect(validatePolicy(d)).toEqual({ ok: true });
  });
});

describe('validatePolicy: an invalid document names the exact path (F-GRADE F-PAY F-NORM)', () => {
  const leader = { code: 'leader', name: '正职', positions: ['secretary'], minGrade: 7, maxGrade: 18 };
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'maxGrade below minGrade',
      county({ grades: { categories: [{ ...leader, minGrade: 9, maxGrade: 8 }] } }),
      ['/grades/categories/0/maxGrade'],
    ],
    ['a misspelt field', county({ grades: { yearsPerStp: 3 } }), ['/grades/yearsPerStp']],
    ['a number given as text', county({ staffing: { perTenThousand: '18' } }), ['/staffing/perTenThousand']],
    ['a level outside the enum', county({ staffing: { quotaLevel: 'province' } }), ['/staffing/quotaLevel']],
    [
      'an unknown position',
      county({ training: { rules: [{ appliesTo: ['mayor'], everyYears: 1, minTimes: 1 }] } }),
      ['/training/rules/0/appliesTo/0'],
    ],
    [
      'a position in two categories',
      county({
        grades: {
          categories: [
            leader,
            { code: 'deputy', name: '副职', positions: ['secretary', 'deputyDirector'], minGrade: 4, maxGrade: 15 },
          ],
        },
      }),
      ['/grades/categories/1/positions/0'],
    ],
    [
      'two categories with one code',
      county({ grades: { categories: [leader, { ...leader, positions: ['director'] }] } }),
      ['/grades/categories/1/code'],
    ],
    [
      'coefficients not increasing',
      county({ pay: { coefficients: [1, 1.1, 1.2, 1.2, 1.3] } }),
      ['/pay/coefficients/3'],
    ],
    [
      'coefficients fewer than the grades',
      county({ grades: { categories: [leader] }, pay: { coefficients: [1, 1.1, 1.2] } }),
      ['/pay/coefficients'],
    ],
    [
      'shares not adding up to 1',
      county({ pay: { basicShare: 0.8, performanceShare: 0.3 } }),
      ['/pay/performanceShare'],
    ],
    ['a ratio with 5 decimals', county({ pay: { uplift: 1.00001 } }), ['/pay/uplift']],
    ['a negative rate', county({ budget: { housingFundRate: -0.1 } }), ['/budget/housingFundRate']],
    ['13 months is fine but 15 is not', county({ budget: { months: 15 } }), ['/budget/months']],
    [
      'qualification bonuses out of order',
      county({ grades: { qualificationSteps: { assistant: 2, intermediate: 1 } } }),
      ['/grades/qualificationSteps/intermediate'],
    ],
    ['level and region code disagree', county({ regionCode: '532800000000' }), ['/regionCode']],
    ['the nation with a province code', { ...NATIONAL_DEFAULTS, regionCode: '530000000000' }, ['/regionCode']],
    ['an impossible effective date', county({ effectiveFrom: '2026-02-30' }), ['/effectiveFrom']],
    ['missing version', { level: 'county', regionCode: '532822000000', effectiveFrom: '2026-01-01' }, ['/version']],
    [
      'several problems at once',
      county({ staffing: { perTenThousand: 0, rounding: 'up' } }),
      ['/staffing/perTenThousand', '/staffing/rounding'],
    ],
  ])('%s', (_name, doc, expected) => {
    expect(paths(doc)).toEqual(expected);
  });

  it('messages are Chinese and start with the path', () => {
    const r = validatePolicy(county({ grades: { categories: [{ ...leader, minGrade: 9, maxGrade: 8 }] } }));
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          path: '/grades/categories/0/maxGrade',
          message: '/grades/categories/0/maxGrade：最高等级（8）不能低于最低等级（9）',
        },
      ],
    });
    const e = validatePolicy(county({ staffing: { quotaLevel: 'province' } }));
    expect(e.ok === false && e.errors[0].message).toContain('可选：county、city');
  });
});

describe('validatePolicyEdit: the merged result is checked, and nothing changes', () => {
  const existing: PolicyDocument[] = structuredClone(DEFAULT_POLICY_DOCUMENTS);
  const snapshot = structuredClone(existing);

  it('accepts a county override that keeps the policy whole', () => {
    expect(validatePolicyEdit(existing, county({ staffing: { perTenThousand: 20 } }))).toEqual({ ok: true });
  });

  it('refuses a version that is not newer than the stored one (old versions are kept)', () => {
    const r = validatePolicyEdit(existing, { ...XISHUANGBANNA_PAY_EXAMPLE, version: 1 });
    expect(r.ok === false && r.errors.map((e) => e.path)).toEqual(['/version']);
  });

  it('refuses a county grade sequence that no longer matches the city coefficients', () => {
    const r = validatePolicyEdit(
      existing,
      county({
        grades: {
          categories: [{ code: 'general', name: '其他', positions: Object.keys(POSITIONS), minGrade: 1, maxGrade: 15 }],
        },
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.path)).toEqual(['/pay/coefficients']);
      expect(r.errors[0].message).toContain('等级系数应有 15 个');
    }
  });

  it('refuses a province edit that breaks a city below it, naming the region', () => {
    const v2 = structuredClone(YUNNAN_GRADES_EXAMPLE);
    v2.version = 2;
    v2.effectiveFrom = '2026-01-01';
    v2.grades!.categories![0].maxGrade = 20;
    const r = validatePolicyEdit(existing, v2);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.path)).toEqual(['/pay/coefficients']);
      expect(r.errors[0].message).toContain('区划 532800000000 于 2026-01-01 合并后');
    }
  });

  it('a refused edit leaves the stored documents and the policy in force unchanged', () => {
    const before = resolvePolicy(existing, '532822101001', '2026-06-01');
    validatePolicyEdit(existing, county({ pay: { coefficients: [1, 0.9] } }));
    expect(existing).toEqual(snapshot);
    expect(resolvePolicy(existing, '532822101001', '2026-06-01')).toEqual(before);
  });
});
