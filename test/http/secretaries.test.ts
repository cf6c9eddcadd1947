/** F-FILING and F-RESERVE over HTTP on both engines: submit, return with reason, resubmit, file; the unfiled dashboard; the reserve pool. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const TODAY = new Date('2026-11-28T04:00:00Z');
const COMMUNITY = '532822101001';
const JINGHONG = '532801000000';

describe.each(ENGINES)('secretaries (%s)', (engine) => {
  let t: TestApp;
  let street: Client;
  let org: Client;
  let community: Client;
  let secretary: number;
  let staff: number;
  let outside: number;
  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    [street, org, community] = await Promise.all([
      t.login('demo-street'),
      t.login('demo-county-org'),
      t.login('demo-community'),
    ]);
    secretary = (
      await t.db.query<{ id: number }>(
        `select id from worker where region_code = $1 and position in ('secretary', 'secretaryDirector') and status <> 'exited' order by id limit 1`,
        [COMMUNITY],
      )
    )[0].id;
    staff = (
      await t.db.query<{ id: number }>(
        `select id from worker where region_code = $1 and position = 'staff' and status = 'active' order by id desc limit 1`,
        [COMMUNITY],
      )
    )[0].id;
    outside = (
      await t.db.query<{ id: number }>(`select id from worker where region_code like '532801%' order by id limit 1`)
    )[0].id;
  });
  afterAll(() => t.close());
  const get = (c: Client, url: string) => c.request({ method: 'GET', url });
  const post = (c: Client, url: string, payload: Record<string, unknown>) =>
    c.request({ method: 'POST', url, payload });

  it('401 without a session, 403/404 outside the subtree, 403 for the wrong role, 400 naming the field', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/secretaries/filings' }), 401, 'UNAUTHENTICATED');
    expectError(
      await t.app.inject({ method: 'POST', url: `/api/workers/${secretary}/filing`, payload: {} }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await get(org, `/api/secretaries/filings?region=${JINGHONG}`), 403, 'OUT_OF_SCOPE');
    expectError(await get(org, `/api/secretaries/reserve?region=${JINGHONG}`), 403, 'OUT_OF_SCOPE');
    expectError(await post(street, `/api/workers/${outside}/filing`, { date: '2026-11-01' }), 404, 'NOT_FOUND');
    expectError(
      await post(street, `/api/workers/${outside}/reserve`, { date: '2026-11-01', reason: '优秀' }),
      404,
      'NOT_FOUND',
    );
    // the street submits, only the organization department reviews; a community does neither
    expectError(await post(community, `/api/workers/${secretary}/filing`, { date: '2026-11-01' }), 403, 'FORBIDDEN');
    expectError(
      await post(street, '/api/secretaries/filings/1/review', { result: 'filed', date: '2026-11-01' }),
      403,
      'FORBIDDEN',
    );
    expect(
      expectError(await post(street, `/api/workers/${secretary}/filing`, { date: '2026-12-01' }), 400, 'VALIDATION')
        .fields[0].field,
    ).toBe('date');
    expect(
      expectError(
        await post(street, `/api/workers/${staff}/reserve`, { date: '2026-11-01', reason: '  ' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('reason');
    expectError(await post(street, `/api/workers/${staff}/filing`, { date: '2026-11-01' }), 409, 'NOT_A_SECRETARY');
    expect((await t.db.query('select 1 from secretary_filing')).length).toBe(0);
  });

  it('F-FILING submit → returned with reason → resubmit → filed; the dashboard counts the unfiled', async () => {
    const before = (await get(org, '/api/secretaries/filings')).json();
    expect(Object.keys(before).sort()).toEqual(['counts', 'items', 'regionCode', 'regionName']);
    expect(before.counts.unfiled).toBe(before.counts.secretaries);
    expect(before.counts.secretaries).toBeGreaterThan(10);
    const mine = before.items.find((i: { workerId: number }) => i.workerId === secretary);
    expect(mine).toMatchObject({
      state: 'unfiled',
      stateName: '未备案',
      filingId: null,
      termsServed: 1,
      regionName: '沿河社区居民委员会',
    });

    const s1 = await post(street, `/api/workers/${secretary}/filing`, { date: '2026-11-02', note: '换届后报送' });
    expect(s1.statusCode, s1.body).toBe(200);
    expect(s1.json()).toMatchObject({
      status: 'submitted',
      stateName: '已报送待审核',
      submittedOn: '2026-11-02',
      note: '换届后报送',
      reviewedOn: null,
    });
    expectError(await post(street, `/api/workers/${secretary}/filing`, { date: '2026-11-03' }), 409, 'FILING_EXISTS');
    const id1 = s1.json().id;
    expect(
      expectError(
        await post(org, `/api/secretaries/filings/${id1}/review`, { result: 'returned', date: '2026-11-05' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('reason');
    expect(
      expectError(
        await post(org, `/api/secretaries/filings/${id1}/review`, { result: 'filed', date: '2026-11-01' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('date');
    const ret = await post(org, `/api/secretaries/filings/${id1}/review`, {
      result: 'returned',
      date: '2026-11-05',
      reason: '缺少党员大会选举结果',
    });
    expect(ret.json()).toMatchObject({
      status: 'returned',
      returnReason: '缺少党员大会选举结果',
      reviewedOn: '2026-11-05',
    });
    expectError(
      await post(org, `/api/secretaries/filings/${id1}/review`, { result: 'filed', date: '2026-11-06' }),
      409,
      'FILING_REVIEWED',
    );
    expect(
      (await get(street, '/api/secretaries/filings'))
        .json()
        .items.find((i: { workerId: number }) => i.workerId === secretary),
    ).toMatchObject({ state: 'returned', returnReason: '缺少党员大会选举结果' });

    const s2 = await post(street, `/api/workers/${secretary}/filing`, { date: '2026-11-10' });
    const filed = await post(org, `/api/secretaries/filings/${s2.json().id}/review`, {
      result: 'filed',
      date: '2026-11-12',
    });
    expect(filed.json()).toMatchObject({ status: 'filed', stateName: '已备案', returnReason: null });
    const after = (await get(org, '/api/secretaries/filings')).json();
    expect(after.counts).toMatchObject({ unfiled: before.counts.unfiled - 1, filed: 1, returned: 0, submitted: 0 });
    const audit = (await get(org, '/api/audit?action=secretary.filing.review')).json();
    expect(audit.items.length).toBe(2);
  });

  it('F-RESERVE nominate, one open nomination per person, removal needs a reason, selection', async () => {
    const n = await post(street, `/api/workers/${staff}/reserve`, {
      date: '2026-11-01',
      reason: '连续两年考核优秀，群众认可',
    });
    expect(n.statusCode, n.body).toBe(200);
    expectError(
      await post(org, `/api/workers/${staff}/reserve`, { date: '2026-11-02', reason: '再推荐' }),
      409,
      'ALREADY_IN_RESERVE',
    );
    expectError(
      await post(street, `/api/workers/${secretary}/reserve`, { date: '2026-11-02', reason: '书记' }),
      409,
      'ALREADY_SECRETARY',
    );
    const list = (await get(community, '/api/secretaries/reserve')).json();
    expect(list.items.find((i: { id: number }) => i.id === n.json().id)).toMatchObject({
      workerId: staff,
      status: 'nominated',
      stateName: '培养中',
      reason: '连续两年考核优秀，群众认可',
    });
    expect(
      expectError(
        await post(org, `/api/secretaries/reserve/${n.json().id}/decide`, { status: 'removed', date: '2026-11-20' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('note');
    const d = await post(org, `/api/secretaries/reserve/${n.json().id}/decide`, {
      status: 'selected',
      date: '2026-11-20',
      note: '选任为副书记',
    });
    expect(d.json()).toEqual({ id: n.json().id, status: 'selected' });
    expectError(
      await post(org, `/api/secretaries/reserve/${n.json().id}/decide`, {
        status: 'removed',
        date: '2026-11-21',
        note: 'x',
      }),
      409,
      'RESERVE_DECIDED',
    );
    // after the decision a new nomination is possible
    expect(
      (await post(street, `/api/workers/${staff}/reserve`, { date: '2026-11-25', reason: '继续培养' })).statusCode,
    ).toBe(200);
  });
});
