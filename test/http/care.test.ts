/** F-CARE, F-SUPERVISE, honours and F-CADRE over HTTP on both engines. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const TODAY = new Date('2026-11-28T04:00:00Z');
const COMMUNITY = '532822101001';
const JINGHONG = '532801000000';

describe.each(ENGINES)('care and cadres (%s)', (engine) => {
  let t: TestApp;
  let community: Client;
  let county: Client;
  let staff: number;
  let secretary: number;
  let outside: number;
  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    [community, county] = await Promise.all([t.login('demo-community'), t.login('demo-county')]);
    staff = (
      await t.db.query<{ id: number }>(
        `select id from worker where region_code = $1 and position = 'staff' and status = 'active' order by id limit 1`,
        [COMMUNITY],
      )
    )[0].id;
    secretary = (
      await t.db.query<{ id: number }>(
        `select id from worker where region_code = $1 and position = 'secretaryDirector' order by id limit 1`,
        [COMMUNITY],
      )
    )[0].id;
    outside = (
      await t.db.query<{ id: number }>(`select id from worker where region_code like '532801%' order by id limit 1`)
    )[0].id;
  });
  afterAll(() => t.close());
  const post = (c: Client, url: string, payload: Record<string, unknown>) =>
    c.request({ method: 'POST', url, payload });

  it('401, 403/404 outside the subtree, 400 naming the field', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/care' }), 401, 'UNAUTHENTICATED');
    expectError(await t.app.inject({ method: 'GET', url: '/api/cadres' }), 401, 'UNAUTHENTICATED');
    expectError(await county.request({ method: 'GET', url: `/api/care?region=${JINGHONG}` }), 403, 'OUT_OF_SCOPE');
    expectError(await county.request({ method: 'GET', url: `/api/cadres?region=${JINGHONG}` }), 403, 'OUT_OF_SCOPE');
    expectError(
      await post(county, `/api/workers/${outside}/care`, { kind: 'talk', title: '谈心', doneOn: '2026-11-01' }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await post(county, '/api/cadres', {
        regionCode: '532801001003',
        name: '甲',
        idNumber: makeIdNumber('532822', '1990-01-01', 11),
        homeUnit: '县委组织部',
        kind: 'attachment',
        startDate: '2026-01-01',
      }),
      403,
      'OUT_OF_SCOPE',
    );
    expect(
      expectError(
        await post(community, `/api/workers/${staff}/care`, { kind: 'healthCheck', title: '年度体检' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('scheduledOn');
    expect(
      expectError(
        await post(community, `/api/workers/${staff}/care`, { kind: 'audit', title: '离任审计', doneOn: '2026-11-01' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('kind');
    expect(
      expectError(
        await post(county, '/api/cadres', {
          regionCode: COMMUNITY,
          name: '甲',
          idNumber: '532822199001010000',
          homeUnit: '县委组织部',
          kind: 'attachment',
          startDate: '2026-01-01',
        }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('idNumber');
    expect((await t.db.query('select 1 from care_record')).length).toBe(0);
  });

  it('health checks overdue until done; difficulties open until answered and resolved; audits of secretaries; honours', async () => {
    const hc = await post(community, `/api/workers/${staff}/care`, {
      kind: 'healthCheck',
      title: '2026年度体检',
      scheduledOn: '2026-11-20',
    });
    expect(hc.statusCode, hc.body).toBe(200);
    expect(hc.json()).toMatchObject({
      kind: 'healthCheck',
      kindName: '健康体检',
      state: 'overdue',
      stateName: '已逾期',
    });
    const diff = await post(community, `/api/workers/${staff}/care`, {
      kind: 'difficulty',
      title: '子女入学',
      doneOn: '2026-11-10',
      summary: '孩子入学需要协调',
    });
    expect(diff.json()).toMatchObject({ state: 'open', stateName: '待解决' });
    expect(
      (
        await post(community, `/api/workers/${secretary}/care`, {
          kind: 'audit',
          title: '任期经济责任审计',
          doneOn: '2026-10-01',
          summary: '无问题',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await post(community, `/api/workers/${secretary}/care`, {
          kind: 'honour',
          title: '优秀党务工作者',
          doneOn: '2026-07-01',
        })
      ).json(),
    ).toMatchObject({ kindName: '表彰奖励', state: 'done' });
    expect(
      (
        await post(community, `/api/workers/${secretary}/care`, {
          kind: 'candidacy',
          title: '县人大代表候选人',
          doneOn: '2026-09-01',
        })
      ).statusCode,
    ).toBe(200);

    let list = (await community.request({ method: 'GET', url: '/api/care' })).json();
    expect(list.counts).toEqual({ overdueHealthChecks: 1, openDifficulties: 1 });
    expect(
      (await community.request({ method: 'GET', url: '/api/care?kind=honour' }))
        .json()
        .items.map((i: { title: string }) => i.title),
    ).toEqual(['优秀党务工作者']);

    const patch = (id: number, body: Record<string, unknown>) =>
      community.request({ method: 'PATCH', url: `/api/care/${id}`, payload: body });
    expect(
      expectError(await patch(diff.json().id, { resolvedOn: '2026-11-20' }), 400, 'VALIDATION').fields[0].field,
    ).toBe('response');
    const done = await patch(diff.json().id, { response: '已协调街道教育办', resolvedOn: '2026-11-25' });
    expect(done.json()).toMatchObject({
      state: 'done',
      stateName: '已解决',
      response: '已协调街道教育办',
      resolvedOn: '2026-11-25',
    });
    expectError(await patch(diff.json().id, { response: '再次' }), 409, 'CARE_CLOSED');
    expect((await patch(hc.json().id, { doneOn: '2026-11-26' })).json()).toMatchObject({
      state: 'done',
      doneOn: '2026-11-26',
    });
    list = (await community.request({ method: 'GET', url: '/api/care' })).json();
    expect(list.counts).toEqual({ overdueHealthChecks: 0, openDifficulties: 0 });
  });

  it('F-CADRE a cadre sent to the community is listed apart and does not change the headcount', async () => {
    const before = (await county.request({ method: 'GET', url: `/api/regions/${COMMUNITY}/staffing` })).json()
      .headcount;
    const res = await post(county, '/api/cadres', {
      regionCode: COMMUNITY,
      name: '王挂职',
      idNumber: makeIdNumber('532822', '1988-03-03', 21),
      homeUnit: '勐海县民政局',
      kind: 'attachment',
      role: '第一书记',
      startDate: '2026-03-01',
      endDate: '2027-02-28',
    });
    expect(res.statusCode, res.body).toBe(200);
    const list = (await county.request({ method: 'GET', url: '/api/cadres' })).json();
    expect(list.note).toContain('不计入社区工作者人数');
    expect(list.items.find((c: { id: number }) => c.id === res.json().id)).toMatchObject({
      name: '王挂职',
      kindName: '挂职',
      role: '第一书记',
      regionName: '沿河社区居民委员会',
      idNumber: expect.stringMatching(/\*{8}/),
    });
    expect((await county.request({ method: 'GET', url: `/api/regions/${COMMUNITY}/staffing` })).json().headcount).toBe(
      before,
    );
  });
});
