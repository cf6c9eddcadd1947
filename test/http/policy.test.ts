/** Policy as data over HTTP on both engines: versions per level, the policy in force with sources, publishing with section rights. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_DEFAULTS, YUNNAN_EXAMPLE } from '../../src/policy/defaults.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { createUser, expectError, signInFirstTime } from '../helpers/http.js';

const COUNTY = '532822000000'; // 勐海县
const JINGHONG = '532801000000'; // 景洪市, outside demo-county's scope
const PROVINCE = '530000000000';
const VIEW_KEYS = [
  'basis',
  'createdAt',
  'createdBy',
  'document',
  'effectiveFrom',
  'id',
  'level',
  'regionCode',
  'regionName',
  'title',
  'version',
];

/** The injected clock: the demo's data run to this day (DEMO_YEARS end in 2026). */
const TODAY = new Date('2026-11-28T04:00:00Z');

describe.each(ENGINES)('policies (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let province: Client;
  const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from policy_document'))[0].n;

  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    county = await t.login('demo-county');
    const admin = await t.login('demo-admin');
    await createUser(admin, {
      username: `yn-province-${engine}`,
      role: 'province',
      regionCode: PROVINCE,
    });
    province = await signInFirstTime(t, `yn-province-${engine}`);
  });
  afterAll(() => t.close());

  it('401 without a session, 403 for a region outside the caller’s subtree', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/policies' }), 401, 'UNAUTHENTICATED');
    expectError(await county.request({ method: 'GET', url: `/api/policies?region=${JINGHONG}` }), 403, 'OUT_OF_SCOPE');
    expectError(
      await county.request({ method: 'GET', url: `/api/policies/effective?region=${JINGHONG}` }),
      403,
      'OUT_OF_SCOPE',
    );
    const res = await county.request({
      method: 'POST',
      url: '/api/policies',
      payload: {
        level: 'county',
        regionCode: JINGHONG,
        effectiveFrom: '2027-01-01',
        title: '外县',
        document: { staffing: { perTenThousand: 20 } },
      },
    });
    expectError(res, 403, 'OUT_OF_SCOPE');
    // A worker account reads no policy documents.
    expectError(
      await (await t.login('demo-worker')).request({ method: 'GET', url: '/api/policies' }),
      403,
      'FORBIDDEN',
    );
  });

  it('lists every version of every level that applies, newest first; the migrated national defaults equal defaults.ts', async () => {
    const res = await county.request({ method: 'GET', url: '/api/policies' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      id: string;
      level: string;
      effectiveFrom: string;
      document: Record<string, unknown>;
      regionName: string;
    }[];
    for (const i of items) expect(Object.keys(i).sort()).toEqual(VIEW_KEYS);
    expect(items.map((i) => i.id)).toEqual(['xishuangbanna-pay-example-1', 'yunnan-grades-example-1', 'nation-2024-1']);
    const {
      id: _i,
      level: _l,
      regionCode: _r,
      version: _v,
      effectiveFrom: _e,
      title: _t,
      basis: _b,
      ...sections
    } = NATIONAL_DEFAULTS;
    expect(items[2]).toMatchObject({
      level: 'nation',
      regionName: '全国',
      effectiveFrom: NATIONAL_DEFAULTS.effectiveFrom,
      document: sections,
    });
    expect(items[1].document.grades).toEqual(YUNNAN_EXAMPLE[0].grades);
  });

  it('the policy in force merges the levels and names the document behind each section', async () => {
    const res = await county.request({ method: 'GET', url: '/api/policies/effective?date=2026-01-01' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['date', 'policy', 'problems', 'regionCode', 'sources']);
    expect(Object.keys(body.policy).sort()).toEqual([
      'assessment',
      'budget',
      'grades',
      'incentive',
      'lifecycle',
      'pay',
      'staffing',
      'training',
    ]);
    expect(body.problems).toEqual([]);
    const bySection = Object.fromEntries(
      body.sources.map((s: { section: string; documents: { id: string }[] }) => [
        s.section,
        s.documents.map((d) => d.id),
      ]),
    );
    expect(bySection).toEqual({
      staffing: ['nation-2024-1'],
      training: ['nation-2024-1'],
      incentive: ['nation-2024-1'],
      lifecycle: ['nation-2024-1'],
      grades: ['yunnan-grades-example-1'],
      pay: ['xishuangbanna-pay-example-1'],
      budget: ['xishuangbanna-pay-example-1'],
      assessment: ['yunnan-grades-example-1'],
    });
    // Before the city's pay standard took effect there is no pay section.
    const early = (await county.request({ method: 'GET', url: '/api/policies/effective?date=2025-06-30' })).json();
    expect(early.policy.pay).toBeUndefined();
    expectError(
      await county.request({ method: 'GET', url: '/api/policies/effective?date=2026-02-30' }),
      400,
      'VALIDATION',
    );
  });

  it('a county publishes its staffing norm as a new version; old versions stay; audited', async () => {
    const post = (perTenThousand: number) =>
      county.request({
        method: 'POST',
        url: '/api/policies',
        payload: {
          level: 'county',
          regionCode: COUNTY,
          effectiveFrom: '2030-01-01',
          title: '勐海县配备标准',
          basis: '县委文件',
          document: { staffing: { perTenThousand } },
        },
      });
    const first = await post(20);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().item).toMatchObject({
      level: 'county',
      regionCode: COUNTY,
      regionName: '勐海县',
      version: 1,
      effectiveFrom: '2030-01-01',
      createdBy: 'demo-county',
      document: { staffing: { perTenThousand: 20 } },
    });
    const second = await post(21);
    expect(second.json().item.version).toBe(2);
    const ids = (await county.request({ method: 'GET', url: '/api/policies' }))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(ids.slice(0, 2)).toEqual([second.json().item.id, first.json().item.id]);
    const audit = (await county.request({ method: 'GET', url: '/api/audit?action=policy.create' })).json().items;
    expect(audit.map((e: { entityId: string }) => e.entityId)).toEqual(
      expect.arrayContaining([first.json().item.id, second.json().item.id]),
    );
    expect(
      (await county.request({ method: 'GET', url: '/api/policies/effective?date=2030-01-01' })).json().policy.staffing
        .perTenThousand,
    ).toBe(21);
  });

  it('an invalid edit is refused with the JSON-pointer path and a Chinese message, and nothing is written', async () => {
    const before = await count();
    const grades = structuredClone(YUNNAN_EXAMPLE[0].grades)!;
    grades.categories![0].maxGrade = 5; // below its minGrade 7
    const res = await province.request({
      method: 'POST',
      url: '/api/policies',
      payload: {
        level: 'province',
        regionCode: PROVINCE,
        effectiveFrom: '2027-01-01',
        title: '错误的等级序列',
        document: { grades },
      },
    });
    const e = expectError(res, 400, 'VALIDATION');
    expect(e.fields).toContainEqual({
      field: '/grades/categories/0/maxGrade',
      message: '/grades/categories/0/maxGrade：最高等级（5）不能低于最低等级（7）',
    });
    const typo = await county.request({
      method: 'POST',
      url: '/api/policies',
      payload: {
        level: 'county',
        regionCode: COUNTY,
        effectiveFrom: '2027-01-01',
        title: 'x',
        document: { staffing: { perTenThousend: 20 } },
      },
    });
    expect(expectError(typo, 400, 'VALIDATION').fields).toEqual([
      { field: '/staffing/perTenThousend', message: '/staffing/perTenThousend：不认识的字段（拼写错误或不属于此处）' },
    ]);
    const negative = await county.request({
      method: 'POST',
      url: '/api/policies',
      payload: {
        level: 'county',
        regionCode: COUNTY,
        effectiveFrom: '2027-01-01',
        title: 'x',
        document: { staffing: { perTenThousand: 0 } },
      },
    });
    expect(expectError(negative, 400, 'VALIDATION').fields.map((f) => f.field)).toEqual(['/staffing/perTenThousand']);
    expect(await count()).toBe(before);
  });

  it('the province sets the grade sequence but not pay; the county not grades', async () => {
    const grades = { ...structuredClone(YUNNAN_EXAMPLE[0].grades)!, yearsPerStep: 4 };
    const ok = await province.request({
      method: 'POST',
      url: '/api/policies',
      payload: {
        level: 'province',
        regionCode: PROVINCE,
        effectiveFrom: '2031-01-01',
        title: '云南省等级序列（修订）',
        document: { grades },
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().item).toMatchObject({ level: 'province', version: 2 });
    const before = await count();
    const pay = await province.request({
      method: 'POST',
      url: '/api/policies',
      payload: {
        level: 'province',
        regionCode: PROVINCE,
        effectiveFrom: '2031-01-01',
        title: '省定薪酬',
        document: { pay: { basicShare: 0.7, performanceShare: 0.3 } },
      },
    });
    expect(expectError(pay, 403, 'POLICY_SECTION_FORBIDDEN').fields.map((f) => f.field)).toEqual(['/pay']);
    const countyGrades = await county.request({
      method: 'POST',
      url: '/api/policies',
      payload: {
        level: 'county',
        regionCode: COUNTY,
        effectiveFrom: '2031-01-01',
        title: '县定等级',
        document: { grades: { yearsPerStep: 2 } },
      },
    });
    expectError(countyGrades, 403, 'POLICY_SECTION_FORBIDDEN');
    const cityLevel = await county.request({
      method: 'POST',
      url: '/api/policies',
      payload: {
        level: 'city',
        regionCode: '532800000000',
        effectiveFrom: '2031-01-01',
        title: '州',
        document: { staffing: { perTenThousand: 20 } },
      },
    });
    expect(cityLevel.statusCode).toBe(403);
    expect(await count()).toBe(before);
    // Roles without policy.edit are refused before anything else.
    expectError(
      await (await t.login('demo-street')).request({
        method: 'POST',
        url: '/api/policies',
        payload: { level: 'county', regionCode: COUNTY, effectiveFrom: '2031-01-01', title: 'x', document: {} },
      }),
      403,
      'FORBIDDEN',
    );
  });
});
