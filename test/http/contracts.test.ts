/** F-CONTRACT over HTTP on both engines: contracts and renewals, the renewal list by the policy's reminder, subsidies with approval. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const TODAY = new Date('2026-11-28T04:00:00Z');
const COMMUNITY = '532822101001';
const JINGHONG = '532801000000';

describe.each(ENGINES)('contracts and subsidies (%s)', (engine) => {
  let t: TestApp;
  let street: Client;
  let county: Client;
  let community: Client;
  let a: number;
  let b: number;
  let outside: number;
  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    [street, county, community] = await Promise.all([
      t.login('demo-street'),
      t.login('demo-county'),
      t.login('demo-community'),
    ]);
    const ids = await t.db.query<{ id: number }>(
      `select id from worker where region_code = $1 and status = 'active' and user_id is null order by id limit 2`,
      [COMMUNITY],
    );
    [a, b] = ids.map((x) => x.id);
    outside = (
      await t.db.query<{ id: number }>(`select id from worker where region_code like '532801%' order by id limit 1`)
    )[0].id;
  });
  afterAll(() => t.close());
  const post = (c: Client, url: string, payload: Record<string, unknown>) =>
    c.request({ method: 'POST', url, payload });
  const contract = (c: Client, id: number, startDate: string, endDate: string | null) =>
    post(c, `/api/workers/${id}/contracts`, { startDate, endDate, socialInsurance: true, housingFund: true });

  it('401, 403/404 outside the subtree, 403 for a role that may not, 400 naming the field', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/lifecycle/contracts/due' }), 401, 'UNAUTHENTICATED');
    expectError(
      await t.app.inject({ method: 'POST', url: `/api/workers/${a}/contracts`, payload: {} }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await county.request({ method: 'GET', url: `/api/lifecycle/contracts/due?region=${JINGHONG}` }),
      403,
      'OUT_OF_SCOPE',
    );
    expectError(await county.request({ method: 'GET', url: `/api/subsidies?region=${JINGHONG}` }), 403, 'OUT_OF_SCOPE');
    expectError(await contract(county, outside, '2026-01-01', '2028-12-31'), 404, 'NOT_FOUND');
    expectError(await contract(community, a, '2026-01-01', '2028-12-31'), 403, 'FORBIDDEN');
    expectError(await post(street, '/api/subsidies/1/decide', { result: 'approved' }), 403, 'FORBIDDEN');
    expect(expectError(await contract(street, a, '2026-01-01', '2025-12-31'), 400, 'VALIDATION').fields[0].field).toBe(
      'endDate',
    );
    expect(
      expectError(
        await post(street, `/api/workers/${a}/subsidies`, { kind: 'flood', reason: 'x', amountFen: 1 }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('kind');
    expect(
      expectError(
        await post(street, `/api/workers/${a}/subsidies`, { kind: 'disaster', reason: 'x', amountFen: 0 }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('amountFen');
    expect((await t.db.query('select 1 from labour_contract')).length).toBe(0);
  });

  it('first contract, renewal after it, no overlap; the renewal list by the 60-day reminder', async () => {
    const first = await contract(street, a, '2023-12-01', '2026-12-31');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items).toEqual([
      expect.objectContaining({
        kind: 'first',
        startDate: '2023-12-01',
        endDate: '2026-12-31',
        socialInsurance: true,
        housingFund: true,
      }),
    ]);
    expect(expectError(await contract(street, a, '2026-12-31', '2029-12-31'), 400, 'VALIDATION').fields[0].field).toBe(
      'startDate',
    );
    expect((await contract(street, b, '2020-01-01', '2026-11-27')).statusCode).toBe(200);

    const due = (await street.request({ method: 'GET', url: '/api/lifecycle/contracts/due' })).json();
    expect(Object.keys(due).sort()).toEqual(['counts', 'date', 'items', 'regionCode', 'regionName']);
    expect(due.items.find((i: { workerId: number }) => i.workerId === a)).toMatchObject({
      state: 'dueSoon',
      stateName: '即将到期',
      endDate: '2026-12-31',
      daysLeft: 33,
    });
    expect(due.items.find((i: { workerId: number }) => i.workerId === b)).toMatchObject({
      state: 'expired',
      daysLeft: -1,
    });
    expect(due.items[0].state).toBe('expired');
    expect(due.counts.none).toBe(due.items.filter((i: { state: string }) => i.state === 'none').length);

    const renewal = await contract(street, a, '2027-01-01', null);
    expect(renewal.json().items.map((c: { kind: string; endDate: string | null }) => [c.kind, c.endDate])).toEqual([
      ['first', '2026-12-31'],
      ['renewal', null],
    ]);
    const after = (await street.request({ method: 'GET', url: '/api/lifecycle/contracts/due' })).json();
    expect(after.items.some((i: { workerId: number }) => i.workerId === a)).toBe(false);
    expect(after.counts.openEnded).toBe(1);
    expect((await community.request({ method: 'GET', url: `/api/workers/${a}/contracts` })).json().items).toHaveLength(
      2,
    );
  });

  it('a subsidy requested by the street, approved or rejected (with a reason) by the county once', async () => {
    const r = await post(street, `/api/workers/${a}/subsidies`, {
      kind: 'disaster',
      reason: '2026年7月防汛抢险',
      amountFen: 80000,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      kind: 'disaster',
      kindName: '抢险救灾补助',
      amountFen: 80000,
      status: 'pending',
      stateName: '待审批',
    });
    expect(
      expectError(await post(county, `/api/subsidies/${r.json().id}/decide`, { result: 'rejected' }), 400, 'VALIDATION')
        .fields[0].field,
    ).toBe('note');
    const d = await post(county, `/api/subsidies/${r.json().id}/decide`, { result: 'approved', note: '同意' });
    expect(d.json()).toMatchObject({ status: 'approved', decidedOn: '2026-11-28', decisionNote: '同意' });
    expectError(
      await post(county, `/api/subsidies/${r.json().id}/decide`, { result: 'rejected', note: 'x' }),
      409,
      'SUBSIDY_DECIDED',
    );
    const list = (await community.request({ method: 'GET', url: '/api/subsidies' })).json();
    expect(list.items.find((i: { id: number }) => i.id === r.json().id)).toMatchObject({
      name: expect.any(String),
      status: 'approved',
    });
  });
});
