/** API tokens over HTTP (F-ONCE): shown once, stored hashed, scoped, revocable, audited. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError, withToken } from '../helpers/http.js';

const TOKEN_KEYS = [
  'access',
  'createdAt',
  'createdBy',
  'expiresAt',
  'id',
  'lastUsedAt',
  'name',
  'regionCode',
  'regionName',
  'revokedAt',
];
const days = (n: number) => new Date(Date.now() + n * 86400_000).toISOString();

interface TokenView {
  id: number;
  name: string;
  regionCode: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

describe.each(ENGINES)('tokens (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let city: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    [county, city] = await Promise.all([t.login('demo-county'), t.login('demo-city')]);
  });
  afterAll(() => t.close());

  const create = (c: Client, payload: Record<string, unknown>) =>
    c.request({ method: 'POST', url: '/api/tokens', payload });
  const list = async (c: Client) => {
    const res = await c.request({ method: 'GET', url: '/api/tokens' });
    expect(res.statusCode).toBe(200);
    return res;
  };

  it('returns the secret once; the list never includes it and the database holds only its SHA-256', async () => {
    const expiresAt = days(90);
    const res = await create(county, { name: '人社系统对接', regionCode: '532822000000', access: 'read', expiresAt });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['secret', 'token']);
    expect(body.secret).toMatch(/^shq_[A-Za-z0-9_-]{40}$/);
    expect(Object.keys(body.token).sort()).toEqual(TOKEN_KEYS);
    expect(body.token).toMatchObject({
      name: '人社系统对接',
      regionCode: '532822000000',
      regionName: '勐海县',
      access: 'read',
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
      createdBy: 'demo-county',
    });
    const listed = await list(county);
    expect(listed.body).not.toContain(body.secret);
    const item = listed.json().items.find((i: TokenView) => i.id === body.token.id);
    expect(item).toEqual(body.token);
    expect(item).not.toHaveProperty('secret');
    const rows = await t.db.query<{ token_hash: string }>('select token_hash from api_token where id = $1', [
      body.token.id,
    ]);
    expect(rows[0].token_hash).not.toBe(body.secret);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(body.secret).digest('hex'));
    expect(
      await t.db.query(`select id from api_token where token_hash = $1 or name like '%' || $1 || '%'`, [body.secret]),
    ).toEqual([]);
    // Two tokens never share a secret.
    const second = (
      await create(county, { name: '第二个', regionCode: '532822000000', access: 'read', expiresAt })
    ).json();
    expect(second.secret).not.toBe(body.secret);
  });

  it.each([
    ['in the past', () => days(-1), '有效期必须晚于当前时间'],
    ['now-ish (one second ago)', () => new Date(Date.now() - 1000).toISOString(), '有效期必须晚于当前时间'],
    ['more than two years ahead', () => days(800), '有效期最长两年'],
    ['not a date', () => 'not-a-date-at-all', '有效期格式不正确'],
  ])('refuses an expiry %s with 400 field expiresAt', async (_label, expiresAt, message) => {
    const before = (await t.db.query<{ n: number }>('select count(*)::int as n from api_token'))[0].n;
    const res = await create(county, {
      name: 'bad-expiry',
      regionCode: '532822000000',
      access: 'read',
      expiresAt: expiresAt(),
    });
    expect(expectError(res, 400, 'VALIDATION').fields).toEqual([{ field: 'expiresAt', message }]);
    expect((await t.db.query<{ n: number }>('select count(*)::int as n from api_token'))[0].n).toBe(before);
  });

  it.each([
    ['an unknown access', { access: 'admin' }, 'access', '取值不在允许范围内（可选：read、write）'],
    ['a short region code', { regionCode: '532822' }, 'regionCode', '格式不正确'],
    ['an unknown region', { regionCode: '532822999000' }, 'regionCode', '区划不存在'],
    ['a blank name', { name: '   ' }, 'name', '名称不能为空'],
  ])('refuses %s with 400 and the field', async (_label, patch, field, message) => {
    const res = await create(county, {
      name: 'x',
      regionCode: '532822000000',
      access: 'read',
      expiresAt: days(30),
      ...patch,
    });
    expect(expectError(res, 400, 'VALIDATION').fields).toEqual([{ field, message }]);
  });

  it('refuses a region outside the caller’s subtree with 403 OUT_OF_SCOPE', async () => {
    const res = await create(county, { name: 'jh', regionCode: '532801000000', access: 'read', expiresAt: days(30) });
    expect(expectError(res, 403, 'OUT_OF_SCOPE').message).toBe('该区划不在您的管辖范围内');
  });

  it('lists only tokens inside the caller’s subtree', async () => {
    const jh = (
      await create(city, { name: '景洪对接', regionCode: '532801000000', access: 'read', expiresAt: days(30) })
    ).json();
    const street = (
      await create(county, { name: '勐海镇对接', regionCode: '532822101000', access: 'write', expiresAt: days(30) })
    ).json();
    const countyItems = (await list(county)).json().items as TokenView[];
    expect(countyItems.every((i) => i.regionCode.startsWith('532822'))).toBe(true);
    expect(countyItems.map((i) => i.id)).toContain(street.token.id);
    expect(countyItems.map((i) => i.id)).not.toContain(jh.token.id);
    const cityItems = (await list(city)).json().items as TokenView[];
    expect(cityItems.map((i) => i.id)).toEqual(expect.arrayContaining([jh.token.id, street.token.id]));
    // Newest first.
    expect(cityItems.map((i) => i.id)).toEqual([...cityItems.map((i) => i.id)].sort((a, b) => b - a));
    // Roles without token.manage get 403.
    const streetUser = await t.login('demo-street');
    expectError(await streetUser.request({ method: 'GET', url: '/api/tokens' }), 403, 'FORBIDDEN');
    expectError(await t.app.inject({ method: 'GET', url: '/api/tokens' }), 401, 'UNAUTHENTICATED');
  });

  it('revoke answers 200, then the token answers 401 and is listed as revoked', async () => {
    const { token, secret } = (
      await create(county, { name: 'to-revoke', regionCode: '532822000000', access: 'write', expiresAt: days(30) })
    ).json();
    const used = await withToken(t, secret, { method: 'GET', url: '/api/regions/532822000000' });
    expect(used.statusCode).toBe(200);
    const del = await county.request({ method: 'DELETE', url: `/api/tokens/${token.id}` });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ ok: true });
    expect(
      expectError(
        await withToken(t, secret, { method: 'GET', url: '/api/regions/532822000000' }),
        401,
        'UNAUTHENTICATED',
      ).message,
    ).toBe('请先登录');
    const item = (await list(county)).json().items.find((i: TokenView) => i.id === token.id);
    expect(item.revokedAt).not.toBeNull();
    expect(item.lastUsedAt).not.toBeNull();
    // A second revoke keeps the first time.
    expect((await county.request({ method: 'DELETE', url: `/api/tokens/${token.id}` })).statusCode).toBe(200);
    expect((await list(county)).json().items.find((i: TokenView) => i.id === token.id).revokedAt).toBe(item.revokedAt);
  });

  it('revoking a token outside the subtree answers 404 and leaves it working', async () => {
    const { token, secret } = (
      await create(city, { name: 'jh-keep', regionCode: '532801000000', access: 'read', expiresAt: days(30) })
    ).json();
    expect(
      expectError(await county.request({ method: 'DELETE', url: `/api/tokens/${token.id}` }), 404, 'NOT_FOUND').message,
    ).toBe('令牌不存在或不在您的管辖范围内');
    expect((await withToken(t, secret, { method: 'GET', url: '/api/regions/532801000000' })).statusCode).toBe(200);
    expectError(await county.request({ method: 'DELETE', url: '/api/tokens/999999' }), 404, 'NOT_FOUND');
  });

  it('an expired token answers 401', async () => {
    const { token, secret } = (
      await create(county, { name: 'expiring', regionCode: '532822000000', access: 'read', expiresAt: days(1) })
    ).json();
    await t.db.query(`update api_token set expires_at = now() - interval '1 minute' where id = $1`, [token.id]);
    expectError(
      await withToken(t, secret, { method: 'GET', url: '/api/regions/532822000000' }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('creating and revoking are audited, without the secret', async () => {
    const { token, secret } = (
      await create(county, { name: 'audited', regionCode: '532822000000', access: 'read', expiresAt: days(30) })
    ).json();
    await county.request({ method: 'DELETE', url: `/api/tokens/${token.id}` });
    const res = await county.request({ method: 'GET', url: '/api/audit?entityType=api_token&pageSize=200' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(secret);
    const mine = (res.json().items as { entityId: string; action: string }[]).filter(
      (e) => e.entityId === String(token.id),
    );
    expect(mine.map((e) => e.action)).toEqual(['token.revoke', 'token.create']);
    expect(mine[1]).toMatchObject({
      actorType: 'user',
      actorName: 'demo-county',
      entityType: 'api_token',
      regionCode: '532822000000',
      before: null,
      after: { name: 'audited', access: 'read', regionCode: '532822000000' },
    });
    expect(mine[0]).toMatchObject({ before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
    const raw = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where after::text like '%' || $1 || '%'`,
      [secret],
    );
    expect(raw[0].n).toBe(0);
  });

  it('a token cannot manage tokens (403), not even a write token', async () => {
    const { secret } = (
      await create(county, { name: 'no-manage', regionCode: '532822000000', access: 'write', expiresAt: days(30) })
    ).json();
    expectError(await withToken(t, secret, { method: 'GET', url: '/api/tokens' }), 403, 'FORBIDDEN');
    const made = await withToken(t, secret, {
      method: 'POST',
      url: '/api/tokens',
      payload: { name: 'self-made', regionCode: '532822000000', access: 'write', expiresAt: days(30) },
    });
    expectError(made, 403, 'FORBIDDEN');
    expect(await t.db.query(`select id from api_token where name = 'self-made'`)).toEqual([]);
    const id = (await t.db.query<{ id: number }>(`select id from api_token where name = 'no-manage'`))[0].id;
    expectError(await withToken(t, secret, { method: 'DELETE', url: `/api/tokens/${id}` }), 403, 'FORBIDDEN');
    // Nor sign-in routes: a token has no user.
    expectError(await withToken(t, secret, { method: 'GET', url: '/api/auth/me' }), 403, 'FORBIDDEN');
    expectError(
      await withToken(t, secret, {
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: 'a', newPassword: 'b' },
      }),
      403,
      'FORBIDDEN',
    );
  });
});
