/** Sign-in, sessions, CSRF, lockout, rate limits and password change over HTTP (api-foundation.md). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../src/domain/permissions.js';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { createUser, expectError, freshAddress, tryLogin } from '../helpers/http.js';

const USER_KEYS = [
  'createdAt',
  'disabled',
  'displayName',
  'id',
  'lockedUntil',
  'mustChangePassword',
  'regionCode',
  'regionLevel',
  'regionName',
  'role',
  'twoFactorEnabled',
  'username',
  'version',
];
// The foundation permissions the web app builds its menu from (api-foundation.md); later issues add more.
const COUNTY_FOUNDATION = [
  'region.read',
  'region.update',
  'population.update',
  'user.manage',
  'audit.read',
  'token.manage',
];

describe.each(ENGINES)('auth (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    county = await t.login('demo-county');
  });
  afterAll(() => t.close());

  describe('login', () => {
    it('answers the user with permissions and a CSRF token, and sets an HttpOnly SameSite=Lax cookie', async () => {
      const res = await tryLogin(t, 'demo-county', DEMO_PASSWORD);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['csrfToken', 'user']);
      expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(Object.keys(body.user).sort()).toEqual(
        [...USER_KEYS, 'pending', 'permissions', 'twoFactorRequired'].sort(),
      );
      expect(body.user).toMatchObject({
        username: 'demo-county',
        displayName: '勐海县委社会工作部',
        role: 'county_swd',
        regionCode: '532822000000',
        regionName: '勐海县',
        regionLevel: 'county',
        disabled: false,
        lockedUntil: null,
        mustChangePassword: false,
        twoFactorEnabled: false,
        twoFactorRequired: false,
        pending: null,
      });
      expect(body.user.permissions).toEqual(expect.arrayContaining(COUNTY_FOUNDATION));
      expect(body.user.permissions).toEqual([...ROLE_PERMISSIONS.county_swd]);
      expect(body.user.permissions).not.toContain('region.import');
      expect(Number.isInteger(body.user.id)).toBe(true);
      expect(new Date(body.user.createdAt).toISOString()).toBe(body.user.createdAt);
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^shequ_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).toContain('Path=/');
      // The password hash never leaves the server.
      expect(res.body).not.toContain('argon2');
    });

    it('answers a wrong password with 401 BAD_CREDENTIALS and an unknown user with the identical body', async () => {
      const wrong = await tryLogin(t, 'demo-worker', 'Wrong-pass-1');
      const err = expectError(wrong, 401, 'BAD_CREDENTIALS');
      expect(err).toEqual({ code: 'BAD_CREDENTIALS', message: '用户名或密码错误', fields: [] });
      const unknown = await tryLogin(t, 'no-such-user-x', 'Wrong-pass-1');
      expect(unknown.statusCode).toBe(401);
      expect(unknown.body).toBe(wrong.body);
      expect(unknown.headers['set-cookie']).toBeUndefined();
    });

    it('locks an account after 5 failures: 423 ACCOUNT_LOCKED even with the right password', async () => {
      await createUser(county, {
        username: 'lock-me-a',
        role: 'community',
        regionCode: '532822101002',
        password: 'Right-pass-1',
      });
      for (let i = 1; i <= 5; i++) {
        expectError(await tryLogin(t, 'lock-me-a', `wrong-pass-${i}`), 401, 'BAD_CREDENTIALS');
      }
      const locked = expectError(await tryLogin(t, 'lock-me-a', 'Right-pass-1'), 423, 'ACCOUNT_LOCKED');
      expect(locked.message).toBe('登录失败次数过多，账号已临时锁定，请 15 分钟后再试');
      const row = (
        await t.db.query<{ locked: boolean }>(
          `select locked_until > now() as locked from app_user where username = 'lock-me-a'`,
        )
      )[0];
      expect(row.locked).toBe(true);
      const audit = await t.db.query<{ action: string }>(
        `select action from audit_log where entity_type = 'user' and entity_id = (select id::text from app_user where username = 'lock-me-a') order by id`,
      );
      expect(audit.map((a) => a.action)).toEqual(['user.create', 'auth.lockout']);
    });

    it('refuses an address with 429 RATE_LIMITED after 30 failures, even for a correct password', async () => {
      const address = freshAddress();
      for (let i = 0; i < 30; i++) {
        // Distinct unknown names, so the per-name throttle never answers first.
        expectError(await tryLogin(t, `ghost-${i}`, 'Wrong-pass-1', address), 401, 'BAD_CREDENTIALS');
      }
      const limited = expectError(await tryLogin(t, 'demo-worker', DEMO_PASSWORD, address), 429, 'RATE_LIMITED');
      expect(limited.message).toBe('登录尝试过于频繁，请 15 分钟后再试');
      // Another address is unaffected.
      expect((await tryLogin(t, 'demo-worker', DEMO_PASSWORD)).statusCode).toBe(200);
    });

    it('a successful sign-in from an address does not reset that address’s failure count', async () => {
      const address = freshAddress();
      for (let i = 0; i < 29; i++)
        expectError(await tryLogin(t, `ghost-r-${i}`, 'Wrong-pass-1', address), 401, 'BAD_CREDENTIALS');
      expect((await tryLogin(t, 'demo-worker', DEMO_PASSWORD, address)).statusCode).toBe(200);
      expectError(await tryLogin(t, 'ghost-r-x', 'Wrong-pass-1', address), 401, 'BAD_CREDENTIALS');
      expectError(await tryLogin(t, 'demo-worker', DEMO_PASSWORD, address), 429, 'RATE_LIMITED');
    });

    it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": "demo-county", "password":',
        remoteAddress: freshAddress(),
      });
      expect(expectError(res, 400, 'MALFORMED_JSON')).toEqual({
        code: 'MALFORMED_JSON',
        message: '请求体不是有效的 JSON',
        fields: [{ field: 'body', message: '请求体不是有效的 JSON' }],
      });
    });

    it('refuses an unknown field with 400 不允许的字段', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'demo-county', password: DEMO_PASSWORD, x: 1 },
        remoteAddress: freshAddress(),
      });
      const err = expectError(res, 400, 'VALIDATION');
      expect(err.fields).toEqual([{ field: 'x', message: '不允许的字段' }]);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('refuses a wrong type with 400 field password', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'demo-county', password: 123 },
        remoteAddress: freshAddress(),
      });
      const err = expectError(res, 400, 'VALIDATION');
      expect(err.fields).toEqual([{ field: 'password', message: '类型错误，应为字符串' }]);
    });

    it('refuses a missing field with 400 缺少必填字段', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'demo-county' },
        remoteAddress: freshAddress(),
      });
      expect(expectError(res, 400, 'VALIDATION').fields).toEqual([{ field: 'password', message: '缺少必填字段' }]);
    });

    it('refuses a body over 256 KiB with 400 BODY_TOO_LARGE', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'demo-county', password: 'x'.repeat(257 * 1024) },
        remoteAddress: freshAddress(),
      });
      expect(expectError(res, 400, 'BODY_TOO_LARGE')).toEqual({
        code: 'BODY_TOO_LARGE',
        message: '请求体过大',
        fields: [{ field: 'body', message: '请求体过大' }],
      });
    });
  });

  describe('session', () => {
    it('/api/auth/me answers the signed-in user and the same CSRF token; 401 without a session', async () => {
      const c = await t.login('demo-street');
      const res = await c.request({ method: 'GET', url: '/api/auth/me' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['csrfToken', 'user']);
      expect(body.csrfToken).toBe(c.csrf);
      expect(Object.keys(body.user).sort()).toEqual(
        [...USER_KEYS, 'pending', 'permissions', 'twoFactorRequired'].sort(),
      );
      expect(body.user).toMatchObject({
        id: c.user.id,
        username: 'demo-street',
        role: 'street',
        regionCode: '532822101000',
        regionName: '勐海镇',
        regionLevel: 'street',
      });
      expect(body.user.permissions).toEqual([...ROLE_PERMISSIONS.street]);
      expect(body.user.permissions).toEqual(
        expect.arrayContaining(['region.read', 'population.update', 'user.manage']),
      );
      for (const p of ['region.update', 'audit.read', 'token.manage']) expect(body.user.permissions).not.toContain(p);
      const anon = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
      expect(expectError(anon, 401, 'UNAUTHENTICATED').message).toBe('请先登录');
      const forged = await t.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: 'shequ_session=not-a-real-session' },
      });
      expectError(forged, 401, 'UNAUTHENTICATED');
    });

    it('logout ends the session: /api/auth/me answers 401 afterwards', async () => {
      const c = await t.login('demo-worker');
      expect((await c.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      const out = await c.request({ method: 'POST', url: '/api/auth/logout' });
      expect(out.statusCode).toBe(200);
      expect(out.json()).toEqual({ ok: true });
      expect(String(out.headers['set-cookie'])).toMatch(/^shequ_session=;/);
      expectError(await c.request({ method: 'GET', url: '/api/auth/me' }), 401, 'UNAUTHENTICATED');
      const rows = await t.db.query<{ action: string }>(
        `select action from audit_log where actor_name = 'demo-worker' order by id desc limit 1`,
      );
      expect(rows[0].action).toBe('auth.logout');
    });
  });

  describe('CSRF', () => {
    const code = '532822101003';
    const nameOf = async (c: Client) =>
      (await c.request({ method: 'GET', url: `/api/regions/${code}` })).json().region.name;

    it.each([
      ['without', {}],
      ['with a wrong', { 'x-csrf-token': 'wrong-token-wrong-token-wrong-tok' }],
      ['with an empty', { 'x-csrf-token': '' }],
    ])(
      'a PATCH with the cookie but %s x-csrf-token is refused with 403 CSRF and changes nothing',
      async (_label, headers) => {
        const before = await nameOf(county);
        const auditBefore = (await t.db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0].n;
        const res = await t.app.inject({
          method: 'PATCH',
          url: `/api/regions/${code}`,
          headers: { cookie: county.cookie, ...headers },
          payload: { name: '被篡改的名字' },
        });
        const err = expectError(res, 403, 'CSRF');
        expect(err.message).toBe('请求缺少有效的 CSRF 令牌，请刷新页面后重试');
        expect(err.fields).toEqual([{ field: 'x-csrf-token', message: '缺少或无效' }]);
        expect(await nameOf(county)).toBe(before);
        expect((await t.db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0].n).toBe(auditBefore);
      },
    );

    it('the token of another session does not pass either', async () => {
      const other = await t.login('demo-county');
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/regions/${code}`,
        headers: { cookie: county.cookie, 'x-csrf-token': other.csrf },
        payload: { name: '被篡改的名字' },
      });
      expectError(res, 403, 'CSRF');
      expect(await nameOf(county)).not.toBe('被篡改的名字');
    });

    it('the same PATCH with the right token succeeds (the refusals above are the CSRF check)', async () => {
      const before = await nameOf(county);
      const res = await county.request({
        method: 'PATCH',
        url: `/api/regions/${code}`,
        payload: { name: `${before}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().region).toMatchObject({ code, name: before });
    });
  });

  describe('password change', () => {
    it('refuses a wrong current password with 400 field currentPassword', async () => {
      await createUser(county, {
        username: 'pw-wrong-a',
        role: 'worker',
        regionCode: '532822101002',
        password: 'Start-pass-1',
      });
      const c = await t.login('pw-wrong-a', 'Start-pass-1');
      const res = await c.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: 'Not-it-123', newPassword: 'Brand-new-2' },
      });
      expect(expectError(res, 400, 'VALIDATION')).toEqual({
        code: 'VALIDATION',
        message: '当前密码不正确',
        fields: [{ field: 'currentPassword', message: '当前密码不正确' }],
      });
      expect((await tryLogin(t, 'pw-wrong-a', 'Start-pass-1')).statusCode).toBe(200);
    });

    it.each([
      ['short', 'ab12', '密码至少 10 位'],
      ['letters only', 'abcdefghij', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
      ['digits only', '1234567890', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
      ['the demo password', 'Shequ@2024', '密码不能包含系统名称 shequ'],
      ['same as current', 'Start-pass-1', '新密码不能与当前密码相同'],
    ])('refuses a weak new password (%s) with 400 field newPassword', async (_label, newPassword, message) => {
      const username = `pw-weak-${newPassword.length}-${newPassword.charAt(0)}`;
      await createUser(county, { username, role: 'worker', regionCode: '532822101002', password: 'Start-pass-1' });
      const c = await t.login(username, 'Start-pass-1');
      const res = await c.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: 'Start-pass-1', newPassword },
      });
      expect(expectError(res, 400, 'VALIDATION').fields).toEqual([{ field: 'newPassword', message }]);
      expect((await tryLogin(t, username, 'Start-pass-1')).statusCode).toBe(200);
    });

    it('wrong current passwords count as failed sign-ins: the fifth locks the account and ends its sessions', async () => {
      await createUser(county, {
        username: 'pw-guess-a',
        role: 'worker',
        regionCode: '532822101002',
        password: 'Start-pass-1',
      });
      const c = await t.login('pw-guess-a', 'Start-pass-1');
      for (let i = 1; i <= 5; i++) {
        const res = await c.request({
          method: 'POST',
          url: '/api/auth/password',
          payload: { currentPassword: `Guess-${i}-x`, newPassword: 'Brand-new-2' },
        });
        if (i < 5) expectError(res, 400, 'VALIDATION');
      }
      expectError(await c.request({ method: 'GET', url: '/api/auth/me' }), 401, 'UNAUTHENTICATED');
      expectError(await tryLogin(t, 'pw-guess-a', 'Start-pass-1'), 423, 'ACCOUNT_LOCKED');
    });

    it('an administrator may not set their own password through user management', async () => {
      const res = await county.request({
        method: 'PATCH',
        url: `/api/users/${county.user.id}`,
        payload: { password: 'Another-pass-9' },
      });
      expect(expectError(res, 400, 'VALIDATION').fields).toEqual([
        { field: 'password', message: '请通过“修改密码”修改自己的密码（需要输入当前密码）' },
      ]);
    });

    it('after a change the old password fails, the new one works, and the user’s other sessions end', async () => {
      await createUser(county, {
        username: 'pw-change-a',
        role: 'worker',
        regionCode: '532822101002',
        password: 'Start-pass-1',
      });
      const a = await t.login('pw-change-a', 'Start-pass-1');
      const b = await t.login('pw-change-a', 'Start-pass-1');
      expect(a.user.role).toBe('worker');
      const res = await a.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: 'Start-pass-1', newPassword: 'Changed-pass-2' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true });
      // The changing session stays; the other one ends.
      const meA = await a.request({ method: 'GET', url: '/api/auth/me' });
      expect(meA.statusCode).toBe(200);
      expect(meA.json().user.mustChangePassword).toBe(false);
      expectError(await b.request({ method: 'GET', url: '/api/auth/me' }), 401, 'UNAUTHENTICATED');
      expectError(await tryLogin(t, 'pw-change-a', 'Start-pass-1'), 401, 'BAD_CREDENTIALS');
      const ok = await tryLogin(t, 'pw-change-a', 'Changed-pass-2');
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user.username).toBe('pw-change-a');
      const audit = await t.db.query<{ action: string; after: unknown }>(
        `select action, after from audit_log where actor_name = 'pw-change-a' and action = 'user.password_change'`,
      );
      expect(audit).toEqual([{ action: 'user.password_change', after: null }]);
    });

    it('answers 401 without a session and 403 CSRF without the token', async () => {
      const anon = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: 'a', newPassword: 'b' },
      });
      expectError(anon, 401, 'UNAUTHENTICATED');
      const noCsrf = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie: county.cookie },
        payload: { currentPassword: DEMO_PASSWORD, newPassword: 'Changed-pass-3' },
      });
      expectError(noCsrf, 403, 'CSRF');
      expect((await tryLogin(t, 'demo-county', DEMO_PASSWORD)).statusCode).toBe(200);
    });
  });
});
