import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.js';
import { DEFAULT_POLICY_DOCUMENTS, NATIONAL_DEFAULTS, YUNNAN_GRADES_EXAMPLE } from './defaults.js';
import type { PolicyDocument } from './policy.schema.js';
import { appliesTo, deepMerge, requireSection, resolvePolicy, selectDocuments } from './resolve.js';

const MENGHAI_COMMUNITY = '532822101001';
const doc = (over: Partial<PolicyDocument> & Pick<PolicyDocument, 'level' | 'regionCode'>): PolicyDocument => ({
  version: 1,
  effectiveFrom: '2025-01-01',
  ...over,
});

describe('appliesTo: ancestor-or-self by code prefix', () => {
  it.each<[PolicyDocument['level'], string, string, boolean]>([
    ['nation', '000000000000', MENGHAI_COMMUNITY, true],
    ['province', '530000000000', MENGHAI_COMMUNITY, true],
    ['province', '370000000000', MENGHAI_COMMUNITY, false],
    ['city', '532800000000', MENGHAI_COMMUNITY, true],
    ['county', '532822000000', MENGHAI_COMMUNITY, true],
    ['county', '532801000000', MENGHAI_COMMUNITY, false],
    ['county', '532822000000', '532822000000', true],
    ['county', '532822000000', '532800000000', false],
  ])('%s %s → %s: %s', (level, regionCode, region, expected) => {
    expect(appliesTo({ level, regionCode }, region)).toBe(expected);
  });
});

describe('resolvePolicy: merge precedence nation < province < city < county', () => {
  const countyStaffing = doc({
    level: 'county',
    regionCode: '532822000000',
    id: 'menghai-1',
    title: '勐海县配备标准',
    effectiveFrom: '2026-01-01',
    staffing: { perTenThousand: 20 },
  });
  const docs = [...DEFAULT_POLICY_DOCUMENTS, countyStaffing];

  it('a county number overrides the nation; the fields it leaves out are inherited', () => {
    const r = resolvePolicy(docs, MENGHAI_COMMUNITY, '2026-06-01');
    expect(r.policy.staffing).toEqual({
      perTenThousand: 20,
      quotaLevel: 'county',
      rounding: 'ceil',
      withinTolerance: 0,
    });
    expect(r.sources.staffing?.map((s) => [s.level, s.version, s.fields])).toEqual([
      ['nation', 1, ['perTenThousand', 'quotaLevel', 'rounding', 'withinTolerance']],
      ['county', 1, ['perTenThousand']],
    ]);
    expect(r.sources.grades?.map((s) => s.regionCode)).toEqual(['530000000000']);
    expect(r.sources.pay?.map((s) => s.regionCode)).toEqual(['532800000000']);
    expect(r.documents.map((d) => d.level)).toEqual(['nation', 'province', 'city', 'county']);
    expect(r.problems).toEqual([]);
  });

  it('a sibling county does not get the override', () => {
    expect(resolvePolicy(docs, '532801001001', '2026-06-01').policy.staffing?.perTenThousand).toBe(18);
  });

  it('nested objects merge key by key; arrays replace whole', () => {
    const c = doc({
      level: 'county',
      regionCode: '532822000000',
      grades: { educationYears: { bachelor: 4 } },
      training: { rules: [{ appliesTo: ['staff'], everyYears: 2, minTimes: 1 }] },
    });
    const p = resolvePolicy([...DEFAULT_POLICY_DOCUMENTS, c], MENGHAI_COMMUNITY, '2026-01-01').policy;
    expect(p.grades?.educationYears).toEqual({ doctorate: 7, master: 5, bachelor: 4, associate: 0, secondary: 0 });
    expect(p.training?.rules).toEqual([{ appliesTo: ['staff'], everyYears: 2, minTimes: 1 }]);
  });

  it('does not change the documents it merges', () => {
    const before = structuredClone(docs);
    const r = resolvePolicy(docs, MENGHAI_COMMUNITY, '2026-06-01');
    r.policy.grades!.categories[0].maxGrade = 99;
    r.policy.training!.rules.pop();
    expect(docs).toEqual(before);
  });
});

describe('resolvePolicy: effective dates and versions', () => {
  const future = doc({
    level: 'county',
    regionCode: '532822000000',
    effectiveFrom: '2027-01-01',
    staffing: { perTenThousand: 25 },
  });
  it.each([
    ['2026-12-31', 18],
    ['2027-01-01', 25],
    ['2030-06-01', 25],
  ])('county doc effective 2027-01-01, on %s: %i per 10,000', (date, expected) => {
    expect(resolvePolicy([NATIONAL_DEFAULTS, future], MENGHAI_COMMUNITY, date).policy.staffing?.perTenThousand).toBe(
      expected,
    );
  });

  it('before the national defaults take effect nothing is in force', () => {
    const r = resolvePolicy([NATIONAL_DEFAULTS], MENGHAI_COMMUNITY, '2024-03-27');
    expect(r.policy).toEqual({});
    expect(() => requireSection(r.policy, 'staffing')).toThrow(DomainError);
  });

  it('old versions are kept: each date gets the version in force then', () => {
    const v1 = doc({
      level: 'province',
      regionCode: '530000000000',
      version: 1,
      effectiveFrom: '2025-01-01',
      staffing: { perTenThousand: 19 },
    });
    const v2 = doc({
      level: 'province',
      regionCode: '530000000000',
      version: 2,
      effectiveFrom: '2026-01-01',
      staffing: { perTenThousand: 21 },
    });
    const v3 = doc({
      level: 'province',
      regionCode: '530000000000',
      version: 3,
      effectiveFrom: '2026-01-01',
      staffing: { perTenThousand: 22 },
    }); // a corrected re-issue
    const docs = [v3, NATIONAL_DEFAULTS, v2, v1];
    const at = (d: string) => resolvePolicy(docs, MENGHAI_COMMUNITY, d).policy.staffing?.perTenThousand;
    expect([at('2024-12-31'), at('2025-01-01'), at('2025-12-31'), at('2026-01-01')]).toEqual([18, 19, 19, 22]);
    expect(selectDocuments(docs, MENGHAI_COMMUNITY, '2026-01-01').map((d) => d.version)).toEqual([1, 3]);
  });

  it('grades start with the provincial example; pay with the city example', () => {
    expect(resolvePolicy(DEFAULT_POLICY_DOCUMENTS, MENGHAI_COMMUNITY, '2024-12-31').policy.grades).toBeUndefined();
    expect(resolvePolicy(DEFAULT_POLICY_DOCUMENTS, MENGHAI_COMMUNITY, '2025-01-01').policy.grades?.yearsPerStep).toBe(
      3,
    );
    expect(resolvePolicy(DEFAULT_POLICY_DOCUMENTS, MENGHAI_COMMUNITY, '2025-06-30').policy.pay).toBeUndefined();
    expect(resolvePolicy(DEFAULT_POLICY_DOCUMENTS, MENGHAI_COMMUNITY, '2025-07-01').policy.pay?.example).toBe(true);
    // The example applies to Yunnan only.
    expect(resolvePolicy(DEFAULT_POLICY_DOCUMENTS, '370102001001', '2026-01-01').policy.grades).toBeUndefined();
  });
});

describe('resolvePolicy: a section incomplete after merging is left out and reported', () => {
  it('a county sets one grade field where no province set a sequence', () => {
    const c = doc({ level: 'county', regionCode: '370102000000', grades: { yearsPerStep: 2 } });
    const r = resolvePolicy([NATIONAL_DEFAULTS, c], '370102001001', '2026-01-01');
    expect(r.policy.grades).toBeUndefined();
    expect(r.policy.staffing).toBeDefined();
    expect(r.problems.map((p) => p.path)).toContain('/grades/categories');
    expect(r.problems[0].message).toContain('合并后不完整');
  });

  it('pay whose coefficients do not cover the grades is left out, grades stay', () => {
    const c = doc({
      level: 'county',
      regionCode: '532822000000',
      effectiveFrom: '2026-01-01',
      pay: { coefficients: [1, 1.1, 1.2] },
    });
    const r = resolvePolicy([...DEFAULT_POLICY_DOCUMENTS, c], MENGHAI_COMMUNITY, '2026-01-01');
    expect(r.policy.pay).toBeUndefined();
    expect(r.policy.grades).toBeDefined();
    expect(r.problems.map((p) => p.path)).toEqual(['/pay/coefficients']);
  });
});

describe('deepMerge', () => {
  it.each<[string, unknown, unknown, unknown]>([
    ['objects merge', { a: 1, b: { c: 2, d: 3 } }, { b: { d: 4 } }, { a: 1, b: { c: 2, d: 4 } }],
    ['arrays replace', { a: [1, 2, 3] }, { a: [9] }, { a: [9] }],
    ['undefined leaves the value', { a: 1 }, { a: undefined }, { a: 1 }],
    ['scalars replace objects', { a: { b: 1 } }, { a: 2 }, { a: 2 }],
  ])('%s', (_n, base, over, expected) => {
    expect(deepMerge(base, over)).toEqual(expected);
  });

  it('the province example merges over the nation without touching either', () => {
    const before = structuredClone([NATIONAL_DEFAULTS, YUNNAN_GRADES_EXAMPLE]);
    deepMerge(NATIONAL_DEFAULTS, YUNNAN_GRADES_EXAMPLE);
    expect([NATIONAL_DEFAULTS, YUNNAN_GRADES_EXAMPLE]).toEqual(before);
  });
});
