/** Regions and population over HTTP: shape, scope, validation, audit, and API tokens (api-foundation.md). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError, withToken } from '../helpers/http.js';

const CITY = '532800000000';
const MENGHAI = '532822000000';
const JINGHONG = '532801000000';
const MENGHAI_TOWN = '532822101000';
const YANHE = '532822101001';
const SUMMARY_KEYS = [
  'childCount',
  'code',
  'committeeType',
  'level',
  'name',
  'parentCode',
  'population',
  'urbanRuralClass',
  'version',
];
const MENGHAI_STREETS = [
  '532822101000',
  '532822102000',
  '532822103000',
  '532822104000',
  '532822105000',
  '532822106000',
  '532822201000',
  '532822202000',
  '532822203000',
  '532822204000',
  '532822205000',
];
const inAYear = () => new Date(Date.now() + 365 * 86400_000).toISOString();

describe.each(ENGINES)('regions (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let street: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    county = await t.login('demo-county');
    street = await t.login('demo-street');
  });
  afterAll(() => t.close());

  const get = (c: Client, code: string) => c.request({ method: 'GET', url: `/api/regions/${code}` });

  describe('GET /api/regions/:code', () => {
    it('answers the region, its ancestors and its children with child counts and population', async () => {
      const res = await get(county, MENGHAI);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['ancestors', 'children', 'region']);
      expect(Object.keys(body.region).sort()).toEqual(SUMMARY_KEYS);
      expect(body.region).toMatchObject({
        code: MENGHAI,
        name: '勐海县',
        level: 'county',
        parentCode: CITY,
        committeeType: null,
        urbanRuralClass: null,
        childCount: 11,
        population: { year: 2026 },
      });
      expect(body.region.population.urbanResidentPopulation).toBeGreaterThan(0);
      // The caller's own region: nothing above it is shown.
      expect(body.ancestors).toEqual([]);
      expect(body.children.map((c: { code: string }) => c.code)).toEqual(MENGHAI_STREETS);
      expect(body.children.some((c: { code: string }) => c.code.startsWith('532801'))).toBe(false);
      const town = body.children[0];
      expect(Object.keys(town).sort()).toEqual(SUMMARY_KEYS);
      expect(town).toMatchObject({
        code: MENGHAI_TOWN,
        name: '勐海镇',
        level: 'street',
        parentCode: MENGHAI,
        committeeType: null,
        childCount: 20,
        population: { year: 2026 },
      });
      // A street's population is the sum of its communities'.
      const communities = (await get(county, MENGHAI_TOWN)).json().children as {
        population: { urbanResidentPopulation: number } | null;
      }[];
      expect(communities).toHaveLength(20);
      expect(communities.reduce((s, c) => s + (c.population?.urbanResidentPopulation ?? 0), 0)).toBe(
        town.population.urbanResidentPopulation,
      );
    });

    it('shows a community with its committee type and the ancestors from the caller’s region down', async () => {
      const res = await get(county, YANHE);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.region).toMatchObject({
        code: YANHE,
        name: '沿河社区居民委员会',
        level: 'community',
        parentCode: MENGHAI_TOWN,
        committeeType: 'residents',
        urbanRuralClass: '121',
        childCount: 0,
      });
      expect(body.ancestors).toEqual([
        { code: MENGHAI, name: '勐海县', level: 'county' },
        { code: MENGHAI_TOWN, name: '勐海镇', level: 'street' },
      ]);
      expect(body.children).toEqual([]);
    });

    it('does not reveal anything above a street user’s own region', async () => {
      const own = await get(street, MENGHAI_TOWN);
      expect(own.statusCode).toBe(200);
      expect(own.json().ancestors).toEqual([]);
      expect(own.json().region.parentCode).toBe(MENGHAI);
      const community = await get(street, YANHE);
      expect(community.json().ancestors).toEqual([{ code: MENGHAI_TOWN, name: '勐海镇', level: 'street' }]);
      expect(community.body).not.toContain('勐海县');
      expect(community.body).not.toContain('西双版纳');
      const above = expectError(await get(street, MENGHAI), 403, 'OUT_OF_SCOPE');
      expect(above.message).toBe('该区划不在您的管辖范围内');
      expectError(await get(street, '532822102000'), 403, 'OUT_OF_SCOPE');
    });

    it('shows the city its three counties', async () => {
      const city = await t.login('demo-city');
      const body = (await get(city, CITY)).json();
      expect(body.region).toMatchObject({ code: CITY, name: '西双版纳傣族自治州', level: 'city', childCount: 3 });
      expect(body.ancestors).toEqual([]);
      expect(
        body.children.map((c: { code: string; name: string; childCount: number }) => [c.code, c.name, c.childCount]),
      ).toEqual([
        [JINGHONG, '景洪市', 17],
        [MENGHAI, '勐海县', 11],
        ['532823000000', '勐腊县', expect.any(Number)],
      ]);
    });

    it.each(['53282200', '5328220000001', '53282200000a', 'abc'])(
      'refuses the code %s (not 12 digits) with 400 field code',
      async (code) => {
        const err = expectError(await get(county, code), 400, 'VALIDATION');
        expect(err.fields).toEqual([{ field: 'code', message: '格式不正确' }]);
      },
    );

    it('answers 404 for an unknown code inside the scope and 403 outside it', async () => {
      const err = expectError(await get(county, '532822999000'), 404, 'NOT_FOUND');
      expect(err.message).toBe('区划不存在或不在您的管辖范围内');
      expectError(await get(county, '532822101999'), 404, 'NOT_FOUND');
      expectError(await get(county, JINGHONG), 403, 'OUT_OF_SCOPE');
      expectError(await t.app.inject({ method: 'GET', url: `/api/regions/${MENGHAI}` }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('PATCH /api/regions/:code', () => {
    const code = '532822101002'; // 象山社区, a 居委会 in a 镇: 镇中心区 121

    it('changes a community’s urbanRuralClass and audits before and after', async () => {
      const res = await county.request({
        method: 'PATCH',
        url: `/api/regions/${code}`,
        payload: { urbanRuralClass: '112' },
      });
      expect(res.statusCode).toBe(200);
      expect(Object.keys(res.json())).toEqual(['region']);
      expect(res.json().region).toMatchObject({
        code,
        name: '象山社区居民委员会',
        level: 'community',
        urbanRuralClass: '112',
      });
      expect((await get(county, code)).json().region.urbanRuralClass).toBe('112');
      const audit = await county.request({ method: 'GET', url: '/api/audit?action=region.update&entityType=region' });
      expect(audit.statusCode).toBe(200);
      const entry = audit.json().items.find((e: { entityId: string }) => e.entityId === code);
      expect(entry).toMatchObject({
        actorType: 'user',
        actorName: 'demo-county',
        action: 'region.update',
        entityType: 'region',
        regionCode: code,
        before: { name: '象山社区居民委员会', urbanRuralClass: '121' },
        after: { name: '象山社区居民委员会', urbanRuralClass: '112' },
      });
    });

    it('refuses an unknown class with 400 field urbanRuralClass and changes nothing', async () => {
      const before = (await get(county, code)).json().region.urbanRuralClass;
      const res = await county.request({
        method: 'PATCH',
        url: `/api/regions/${code}`,
        payload: { urbanRuralClass: '999' },
      });
      const err = expectError(res, 400, 'VALIDATION');
      expect(err.fields).toEqual([
        { field: 'urbanRuralClass', message: '城乡分类代码应为 111、112、121、122、123、210、220 之一' },
      ]);
      expect((await get(county, code)).json().region.urbanRuralClass).toBe(before);
      const malformed = await county.request({
        method: 'PATCH',
        url: `/api/regions/${code}`,
        payload: { urbanRuralClass: '12' },
      });
      expect(expectError(malformed, 400, 'VALIDATION').fields).toEqual([
        { field: 'urbanRuralClass', message: '格式不正确' },
      ]);
    });

    it('refuses a class on a street and an empty body', async () => {
      const res = await county.request({
        method: 'PATCH',
        url: `/api/regions/${MENGHAI_TOWN}`,
        payload: { urbanRuralClass: '111' },
      });
      expect(expectError(res, 400, 'VALIDATION').fields).toEqual([
        { field: 'urbanRuralClass', message: '城乡分类代码只适用于社区（村）级区划' },
      ]);
      expect((await get(county, MENGHAI_TOWN)).json().region.urbanRuralClass).toBeNull();
      expectError(
        await county.request({ method: 'PATCH', url: `/api/regions/${code}`, payload: {} }),
        400,
        'VALIDATION',
      );
    });

    it('refuses a community user (no region.update) with 403', async () => {
      const community = await t.login('demo-community');
      const res = await community.request({
        method: 'PATCH',
        url: `/api/regions/${YANHE}`,
        payload: { name: '改名社区' },
      });
      expect(expectError(res, 403, 'FORBIDDEN').message).toBe('无权执行此操作');
      expect((await get(community, YANHE)).json().region.name).toBe('沿河社区居民委员会');
    });

    it('refuses a region outside the caller’s subtree with 403 OUT_OF_SCOPE', async () => {
      const res = await county.request({
        method: 'PATCH',
        url: '/api/regions/532801001003',
        payload: { name: '改名' },
      });
      expectError(res, 403, 'OUT_OF_SCOPE');
      const row = await t.db.query<{ name: string }>(`select name from region where code = '532801001003'`);
      expect(row[0].name).toBe('嘎兰社区居民委员会');
    });
  });

  describe('population', () => {
    const code = '532822101003'; // 佛双社区

    it('round-trips a year through PUT and GET and shows it as the latest on the region', async () => {
      const put = await county.request({
        method: 'PUT',
        url: `/api/regions/${code}/population/2030`,
        payload: { urbanResidentPopulation: 4000, totalResidentPopulation: 5200 },
      });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toEqual({
        item: { year: 2030, urbanResidentPopulation: 4000, totalResidentPopulation: 5200 },
      });
      const list = await county.request({ method: 'GET', url: `/api/regions/${code}/population` });
      expect(list.statusCode).toBe(200);
      const items = list.json().items as { year: number }[];
      expect(items.map((i) => i.year)).toEqual([2030, 2026, 2025, 2024]);
      expect(items[0]).toEqual({ year: 2030, urbanResidentPopulation: 4000, totalResidentPopulation: 5200 });
      expect((await get(county, code)).json().region.population).toEqual({ year: 2030, urbanResidentPopulation: 4000 });
      // Overwriting the same year; total may be omitted.
      const again = await county.request({
        method: 'PUT',
        url: `/api/regions/${code}/population/2030`,
        payload: { urbanResidentPopulation: 4100 },
      });
      expect(again.json()).toEqual({
        item: { year: 2030, urbanResidentPopulation: 4100, totalResidentPopulation: null },
      });
      const audit = await t.db.query<{ before: unknown; after: unknown }>(
        `select before, after from audit_log where action = 'population.set' and entity_id = $1 order by id`,
        [`${code}/2030`],
      );
      expect(audit).toEqual([
        { before: null, after: { year: 2030, urbanResidentPopulation: 4000, totalResidentPopulation: 5200 } },
        {
          before: { year: 2030, urbanResidentPopulation: 4000, totalResidentPopulation: 5200 },
          after: { year: 2030, urbanResidentPopulation: 4100, totalResidentPopulation: null },
        },
      ]);
    });

    it('refuses a total below the urban population with 400 field totalResidentPopulation', async () => {
      const res = await county.request({
        method: 'PUT',
        url: `/api/regions/${code}/population/2031`,
        payload: { urbanResidentPopulation: 4000, totalResidentPopulation: 3999 },
      });
      expect(expectError(res, 400, 'VALIDATION')).toEqual({
        code: 'VALIDATION',
        message: '常住人口不能少于城镇常住人口',
        fields: [{ field: 'totalResidentPopulation', message: '常住人口不能少于城镇常住人口' }],
      });
      const years = (await county.request({ method: 'GET', url: `/api/regions/${code}/population` }))
        .json()
        .items.map((i: { year: number }) => i.year);
      expect(years).not.toContain(2031);
    });

    it.each([
      ['a negative count', { urbanResidentPopulation: -1 }, 'urbanResidentPopulation', '不能小于 0'],
      ['a fraction', { urbanResidentPopulation: 1.5 }, 'urbanResidentPopulation', '类型错误，应为整数'],
      ['a string', { urbanResidentPopulation: '100' }, 'urbanResidentPopulation', '类型错误，应为整数'],
      ['no count', {}, 'urbanResidentPopulation', '缺少必填字段'],
    ])('refuses %s with 400 and the field', async (_label, payload, field, message) => {
      const res = await county.request({ method: 'PUT', url: `/api/regions/${code}/population/2032`, payload });
      expect(expectError(res, 400, 'VALIDATION').fields).toEqual([{ field, message }]);
    });

    it('refuses a year out of range with 400 field year', async () => {
      const res = await county.request({
        method: 'PUT',
        url: `/api/regions/${code}/population/1800`,
        payload: { urbanResidentPopulation: 1 },
      });
      expect(expectError(res, 400, 'VALIDATION').fields).toEqual([{ field: 'year', message: '不能小于 1949' }]);
    });
  });

  describe('API tokens on regions', () => {
    const makeToken = async (access: 'read' | 'write', regionCode = MENGHAI) => {
      const res = await county.request({
        method: 'POST',
        url: '/api/tokens',
        payload: { name: `regions-${access}`, regionCode, access, expiresAt: inAYear() },
      });
      expect(res.statusCode).toBe(200);
      return res.json() as { token: { id: number }; secret: string };
    };

    it('a read-only token reads the region but gets 403 on PATCH', async () => {
      const { secret } = await makeToken('read');
      const res = await withToken(t, secret, { method: 'GET', url: `/api/regions/${MENGHAI}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().region).toMatchObject({ code: MENGHAI, childCount: 11 });
      expect(res.json().ancestors).toEqual([]);
      const patch = await withToken(t, secret, {
        method: 'PATCH',
        url: `/api/regions/${YANHE}`,
        payload: { urbanRuralClass: '111' },
      });
      expectError(patch, 403, 'FORBIDDEN');
      const put = await withToken(t, secret, {
        method: 'PUT',
        url: `/api/regions/${YANHE}/population/2033`,
        payload: { urbanResidentPopulation: 1 },
      });
      expectError(put, 403, 'FORBIDDEN');
      expect((await get(county, YANHE)).json().region.urbanRuralClass).toBe('121');
    });

    it('a write token PATCHes without a CSRF header, audited as the token', async () => {
      const { secret, token } = await makeToken('write');
      const res = await withToken(t, secret, {
        method: 'PATCH',
        url: '/api/regions/532822101004',
        payload: { urbanRuralClass: '122' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().region).toMatchObject({ code: '532822101004', urbanRuralClass: '122' });
      const rows = await t.db.query<{ actor_type: string; actor_name: string }>(
        `select actor_type, actor_name from audit_log where action = 'region.update' and entity_id = '532822101004'`,
      );
      expect(rows).toEqual([{ actor_type: 'token', actor_name: 'token:regions-write' }]);
      const listed = (await county.request({ method: 'GET', url: '/api/tokens' }))
        .json()
        .items.find((i: { id: number }) => i.id === token.id);
      expect(listed.lastUsedAt).not.toBeNull();
    });

    it('a revoked token gets 401', async () => {
      const { secret, token } = await makeToken('write');
      expect((await withToken(t, secret, { method: 'GET', url: `/api/regions/${MENGHAI}` })).statusCode).toBe(200);
      const del = await county.request({ method: 'DELETE', url: `/api/tokens/${token.id}` });
      expect(del.json()).toEqual({ ok: true });
      expectError(
        await withToken(t, secret, { method: 'GET', url: `/api/regions/${MENGHAI}` }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(
        await withToken(t, `${secret}x`, { method: 'GET', url: `/api/regions/${MENGHAI}` }),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('a token for 勐海县 gets 403 on 景洪市', async () => {
      const { secret } = await makeToken('write');
      expectError(await withToken(t, secret, { method: 'GET', url: `/api/regions/${JINGHONG}` }), 403, 'OUT_OF_SCOPE');
      expectError(
        await withToken(t, secret, {
          method: 'PATCH',
          url: '/api/regions/532801001003',
          payload: { urbanRuralClass: '111' },
        }),
        403,
        'OUT_OF_SCOPE',
      );
      expectError(await withToken(t, secret, { method: 'GET', url: `/api/regions/${CITY}` }), 403, 'OUT_OF_SCOPE');
    });

    it('a token for a street cannot read its county', async () => {
      const { secret } = await makeToken('read', MENGHAI_TOWN);
      expect((await withToken(t, secret, { method: 'GET', url: `/api/regions/${YANHE}` })).json().ancestors).toEqual([
        { code: MENGHAI_TOWN, name: '勐海镇', level: 'street' },
      ]);
      expectError(await withToken(t, secret, { method: 'GET', url: `/api/regions/${MENGHAI}` }), 403, 'OUT_OF_SCOPE');
    });
  });
});
