/** F-NORM staffing over HTTP on both engines: quota, headcount, gap, children, history and adjustments. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/permissions.js';
import { DEMO_COUNTY, DEMO_COUNTY_GAP } from '../../src/seed/demo.js';
import { staffingTableReader } from '../../src/services/staffing.service.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const STREET = '532822101000'; // 勐海镇
const COMMUNITY = '532822101001';
const CITY = '532800000000';
const JINGHONG = '532801000000';
const CHILD_KEYS = ['code', 'gap', 'headcount', 'level', 'name', 'per10k', 'quota', 'status', 'urbanPopulation'];

/** The injected clock: the demo's data run to this day (DEMO_YEARS end in 2026). */
const TODAY = new Date('2026-11-28T04:00:00Z');

describe.each(ENGINES)('staffing (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    county = await t.login('demo-county');
  });
  afterAll(() => t.close());
  const get = (c: Client, url: string) => c.request({ method: 'GET', url });

  it('401 without a session, 403 outside the caller’s subtree, 400 with the field named', async () => {
    expectError(
      await t.app.inject({ method: 'GET', url: `/api/regions/${DEMO_COUNTY}/staffing` }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await get(county, `/api/regions/${JINGHONG}/staffing`), 403, 'OUT_OF_SCOPE');
    expectError(await get(county, `/api/regions/${JINGHONG}/staffing/history`), 403, 'OUT_OF_SCOPE');
    expectError(
      await county.request({
        method: 'POST',
        url: `/api/regions/${JINGHONG}/staffing/adjustments`,
        payload: { year: 2026, quota: 1, reason: 'x' },
      }),
      403,
      'OUT_OF_SCOPE',
    );
    const bad = await county.request({
      method: 'POST',
      url: `/api/regions/${DEMO_COUNTY}/staffing/adjustments`,
      payload: { year: 2026, quota: -1, reason: 'x' },
    });
    expect(expectError(bad, 400, 'VALIDATION').fields.map((f) => f.field)).toEqual(['quota']);
    expect(
      expectError(await get(county, `/api/regions/${DEMO_COUNTY}/staffing?year=abc`), 400, 'VALIDATION').fields[0]
        .field,
    ).toBe('year');
  });

  it(`F-NORM 勐海县 in the demo: quota − headcount = ${DEMO_COUNTY_GAP}, short, explained, children add up`, async () => {
    const res = await get(county, `/api/regions/${DEMO_COUNTY}/staffing`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(Object.keys(s).sort()).toEqual([
      'adjustments',
      'byCategory',
      'children',
      'code',
      'explanation',
      'gap',
      'headcount',
      'level',
      'name',
      'per10k',
      'policyDate',
      'quota',
      'quotaLevel',
      'status',
      'urbanPopulation',
      'year',
    ]);
    expect(s.quota - s.headcount).toBe(DEMO_COUNTY_GAP);
    expect(s).toMatchObject({ gap: DEMO_COUNTY_GAP, status: 'short', quotaLevel: 'county', year: 2026 });
    expect(s.quota).toBe(Math.ceil((s.urbanPopulation * 18) / 10000));
    expect(s.byCategory.committee + s.byCategory.staff).toBe(s.headcount);
    expect(s.explanation.arithmetic).toBe(
      `ceil(${s.urbanPopulation.toLocaleString('en-US')} ÷ 10,000 × 18) = ceil(${((s.urbanPopulation * 18) / 10000).toString()}) = ${s.quota}`,
    );
    expect(s.explanation.source).toContain('全国默认值');
    expect(s.explanation.status).toBe(`实有 ${s.headcount} 人少于职数 ${s.quota} 人：缺员 ${DEMO_COUNTY_GAP} 人`);
    for (const c of s.children) expect(Object.keys(c).sort()).toEqual(CHILD_KEYS);
    // Streets get shares of the county quota that add up to it; headcounts add up too.
    expect(s.children.reduce((a: number, c: { quota: number }) => a + c.quota, 0)).toBe(s.quota);
    expect(s.children.reduce((a: number, c: { headcount: number }) => a + c.headcount, 0)).toBe(s.headcount);

    const street = (await get(county, `/api/regions/${STREET}/staffing`)).json();
    expect(street.quota).toBe(s.children.find((c: { code: string }) => c.code === STREET).quota);
    expect(street.explanation.arithmetic).toContain('按城镇常住人口分配');
    expect(street.children.reduce((a: number, c: { quota: number }) => a + c.quota, 0)).toBe(street.quota);
    const community = (await get(await t.login('demo-community'), `/api/regions/${COMMUNITY}/staffing`)).json();
    expect(community.quota).toBe(street.children.find((c: { code: string }) => c.code === COMMUNITY).quota);
    expect(community.children).toEqual([]);

    // The city is the sum of its counties.
    const city = (await get(await t.login('demo-city'), `/api/regions/${CITY}/staffing`)).json();
    expect(city.children.map((c: { code: string }) => c.code)).toEqual(['532801000000', DEMO_COUNTY, '532823000000']);
    expect(city.quota).toBe(city.children.reduce((a: number, c: { quota: number }) => a + c.quota, 0));
    expect(city.children[1]).toMatchObject({
      quota: s.quota,
      headcount: s.headcount,
      gap: DEMO_COUNTY_GAP,
      status: 'short',
    });
    expect(city.explanation.arithmetic).toContain('各下级区划职数之和');
  });

  it('the table of every region (statistics, bench/staffing.ts) agrees with the answers of the API', async () => {
    const table = await staffingTableReader(t.db, systemActor(), CITY, {}, { now: () => TODAY });
    expect(table.items.filter((i) => i.level === 'county').map((i) => i.code)).toEqual([
      '532801000000',
      DEMO_COUNTY,
      '532823000000',
    ]);
    const byCode = new Map(table.items.map((i) => [i.code, i]));
    const own = (await get(county, `/api/regions/${DEMO_COUNTY}/staffing`)).json();
    expect(byCode.get(DEMO_COUNTY)).toMatchObject({
      quota: own.quota,
      headcount: own.headcount,
      gap: DEMO_COUNTY_GAP,
      status: 'short',
    });
    for (const c of own.children) expect(byCode.get(c.code)).toEqual(c);
    const city = table.items.find((i) => i.code === CITY)!;
    expect(city.headcount).toBe(table.items.filter((i) => i.level === 'county').reduce((a, i) => a + i.headcount, 0));
  });

  it('a new version effective in the future does not change today’s figures', async () => {
    const before = (await get(county, `/api/regions/${DEMO_COUNTY}/staffing`)).json();
    const post = await county.request({
      method: 'POST',
      url: '/api/policies',
      payload: {
        level: 'county',
        regionCode: DEMO_COUNTY,
        effectiveFrom: '2027-01-01',
        title: '勐海县配备标准（2027）',
        document: { staffing: { perTenThousand: 25 } },
      },
    });
    expect(post.statusCode, post.body).toBe(200);
    const after = (await get(county, `/api/regions/${DEMO_COUNTY}/staffing`)).json();
    expect([after.quota, after.gap, after.explanation.arithmetic]).toEqual([
      before.quota,
      before.gap,
      before.explanation.arithmetic,
    ]);
    expect((await get(county, `/api/policies/effective?date=2027-01-01`)).json().policy.staffing.perTenThousand).toBe(
      25,
    );
  });

  it('history by year: past years counted from employment periods at year-end', async () => {
    const res = await get(county, `/api/regions/${DEMO_COUNTY}/staffing/history`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      year: number;
      quota: number;
      headcount: number;
      gap: number;
      status: string;
      urbanPopulation: number;
    }[];
    expect(items.map((i) => i.year)).toEqual([2026, 2025, 2024]);
    expect(items[0]).toMatchObject({ gap: DEMO_COUNTY_GAP, status: 'short' });
    for (const i of items) {
      expect(Object.keys(i).sort()).toEqual([
        'adjustment',
        'gap',
        'headcount',
        'per10k',
        'quota',
        'status',
        'urbanPopulation',
        'year',
      ]);
      expect(i.gap).toBe(i.quota - i.headcount);
    }
    expect(items[2].headcount).toBeLessThanOrEqual(items[0].headcount);
  });

  it('an adjustment replaces the computed quota for that year, with who, when and why, in the figures and the history; audited', async () => {
    const before = (await get(county, `/api/regions/${DEMO_COUNTY}/staffing`)).json();
    const res = await county.request({
      method: 'POST',
      url: `/api/regions/${DEMO_COUNTY}/staffing/adjustments`,
      payload: { year: 2026, quota: before.quota + 10, reason: '新建安置小区，州委编办批复增加职数' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().item;
    expect(item).toMatchObject({
      regionCode: DEMO_COUNTY,
      year: 2026,
      quota: before.quota + 10,
      reason: '新建安置小区，州委编办批复增加职数',
      createdBy: 'demo-county',
    });
    expect(Number.isNaN(Date.parse(item.createdAt))).toBe(false);

    const after = (await get(county, `/api/regions/${DEMO_COUNTY}/staffing`)).json();
    expect(after).toMatchObject({ quota: before.quota + 10, gap: DEMO_COUNTY_GAP + 10, headcount: before.headcount });
    expect(after.explanation.arithmetic).toContain('调整后职数');
    expect(after.explanation.arithmetic).toContain('新建安置小区');
    expect(after.adjustments).toEqual([{ ...item, applied: true }]);
    expect(after.children.reduce((a: number, c: { quota: number }) => a + c.quota, 0)).toBe(after.quota);

    const history = (await get(county, `/api/regions/${DEMO_COUNTY}/staffing/history`)).json();
    expect(history.items[0]).toMatchObject({ year: 2026, quota: before.quota + 10, adjustment: item });
    expect(history.items[1].adjustment).toBeNull();
    expect(history.adjustments).toEqual([item]);
    // The street's share follows the adjusted county quota; the adjustment is shown there too.
    expect((await get(county, `/api/regions/${STREET}/staffing`)).json().adjustments).toEqual([
      { ...item, applied: true },
    ]);

    const audit = (await get(county, '/api/audit?action=staffing.adjust')).json().items;
    expect(audit[0]).toMatchObject({ entityId: String(item.id), regionCode: DEMO_COUNTY });
  });

  it('only the quota holder is adjusted, and only by roles allowed', async () => {
    const street = await county.request({
      method: 'POST',
      url: `/api/regions/${STREET}/staffing/adjustments`,
      payload: { year: 2026, quota: 100, reason: '街道' },
    });
    expect(expectError(street, 400, 'VALIDATION').fields[0].field).toBe('code');
    expectError(
      await (await t.login('demo-street')).request({
        method: 'POST',
        url: `/api/regions/${STREET}/staffing/adjustments`,
        payload: { year: 2026, quota: 1, reason: 'x' },
      }),
      403,
      'FORBIDDEN',
    );
    expectError(await get(await t.login('demo-worker'), `/api/regions/${COMMUNITY}/staffing`), 403, 'FORBIDDEN');
  });
});
