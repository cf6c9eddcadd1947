/** User management over HTTP: who may grant what where, scope, conflicts, resets and their audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/seed/demo.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { createUser, expectError, tryLogin } from '../helpers/http.js';

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
const ABOVE = '不能授予高于自己的角色';
const OTHER_DEPARTMENT = '不能授予其他部门的角色';
const SAME_LEVEL = '不能授予与自己同级的角色';

type Actor = 'demo-county' | 'demo-street';
type Expect =
  | { status: 200; level: string; regionName: string }
  | { status: 400; field: string; message: string }
  | { status: 403; code: 'OUT_OF_SCOPE' };

// The grant rules, one row per case: nobody grants a role at or above their own, of another department
// (the county 组织部's accounts are the platform administrator's), outside their subtree, or at a level
// the role does not belong to.
const GRANTS: [string, Actor, string, string, Expect][] = [
  [
    'county → street user in 打洛镇',
    'demo-county',
    'street',
    '532822102000',
    { status: 200, level: 'street', regionName: '打洛镇' },
  ],
  [
    'county → community user in 景洛社区',
    'demo-county',
    'community',
    '532822102001',
    { status: 200, level: 'community', regionName: '景洛社区居民委员会' },
  ],
  [
    'county → worker in 景洛社区',
    'demo-county',
    'worker',
    '532822102001',
    { status: 200, level: 'community', regionName: '景洛社区居民委员会' },
  ],
  [
    'county ✗ county_org for 勐海县 (another department)',
    'demo-county',
    'county_org',
    '532822000000',
    { status: 400, field: 'role', message: OTHER_DEPARTMENT },
  ],
  [
    'county ✗ another county_swd for 勐海县 (same level)',
    'demo-county',
    'county_swd',
    '532822000000',
    { status: 400, field: 'role', message: SAME_LEVEL },
  ],
  ['county ✗ city user', 'demo-county', 'city', '532800000000', { status: 400, field: 'role', message: ABOVE }],
  ['county ✗ province user', 'demo-county', 'province', '530000000000', { status: 400, field: 'role', message: ABOVE }],
  [
    'county ✗ sysadmin in its own county',
    'demo-county',
    'sysadmin',
    '532822000000',
    { status: 400, field: 'role', message: ABOVE },
  ],
  ['county ✗ street user in 景洪市', 'demo-county', 'street', '532801001000', { status: 403, code: 'OUT_OF_SCOPE' }],
  ['county ✗ worker in 景洪市', 'demo-county', 'worker', '532801001003', { status: 403, code: 'OUT_OF_SCOPE' }],
  [
    'county ✗ street role on a county',
    'demo-county',
    'street',
    '532822000000',
    { status: 400, field: 'regionCode', message: '角色“街道（乡镇）”只能分配到街道级区划' },
  ],
  [
    'county ✗ worker on a street',
    'demo-county',
    'worker',
    '532822101000',
    { status: 400, field: 'regionCode', message: '角色“社区工作者”只能分配到社区级区划' },
  ],
  [
    'street → community user in its street',
    'demo-street',
    'community',
    '532822101006',
    { status: 200, level: 'community', regionName: '景龙社区居民委员会' },
  ],
  [
    'street → worker in its street',
    'demo-street',
    'worker',
    '532822101006',
    { status: 200, level: 'community', regionName: '景龙社区居民委员会' },
  ],
  [
    'street ✗ another street user for itself (same level)',
    'demo-street',
    'street',
    '532822101000',
    { status: 400, field: 'role', message: SAME_LEVEL },
  ],
  ['street ✗ county_swd', 'demo-street', 'county_swd', '532822000000', { status: 400, field: 'role', message: ABOVE }],
  ['street ✗ county_org', 'demo-street', 'county_org', '532822000000', { status: 400, field: 'role', message: ABOVE }],
  ['street ✗ community in 打洛镇', 'demo-street', 'community', '532822102001', { status: 403, code: 'OUT_OF_SCOPE' }],
];

describe.each(ENGINES)('users (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let street: Client;
  let admin: Client;
  const idOf = async (username: string) =>
    (await t.db.query<{ id: number }>('select id from app_user where username = $1', [username]))[0].id;
  beforeAll(async () => {
    t = await createTestApp(engine);
    [county, street, admin] = await Promise.all([
      t.login('demo-county'),
      t.login('demo-street'),
      t.login('demo-admin'),
    ]);
  });
  afterAll(() => t.close());

  describe('POST /api/users grant rules', () => {
    it.each(GRANTS.map((g, i) => [...g, i] as const))(
      '%s',
      async (_label, actorName, role, regionCode, expected, i) => {
        const actor = actorName === 'demo-county' ? county : street;
        const username = `grant-${i}-${role}`;
        const countBefore = (await t.db.query<{ n: number }>('select count(*)::int as n from app_user'))[0].n;
        const res = await actor.request({
          method: 'POST',
          url: '/api/users',
          payload: { username, displayName: `授权测试${i}`, role, regionCode, password: 'Grant-pass-1' },
        });
        if (expected.status === 200) {
          expect({ status: res.statusCode, body: res.body }).toMatchObject({ status: 200 });
          const { user } = res.json();
          expect(Object.keys(user).sort()).toEqual(USER_KEYS);
          expect(user).toMatchObject({
            username,
            displayName: `授权测试${i}`,
            role,
            regionCode,
            regionName: expected.regionName,
            regionLevel: expected.level,
            disabled: false,
            lockedUntil: null,
            mustChangePassword: true,
            twoFactorEnabled: false,
          });
          // Written to the audit log without the password hash.
          const audit = await t.db.query<{ actor_name: string; region_code: string; after: Record<string, unknown> }>(
            `select actor_name, region_code, after from audit_log where action = 'user.create' and entity_id = $1`,
            [String(user.id)],
          );
          expect(audit).toEqual([
            {
              actor_name: actorName,
              region_code: regionCode,
              after: { username, displayName: `授权测试${i}`, role, regionCode, disabled: false },
            },
          ]);
          // The created user can sign in.
          const login = await tryLogin(t, username, 'Grant-pass-1');
          expect(login.statusCode).toBe(200);
          expect(login.json().user).toMatchObject({ id: user.id, role, mustChangePassword: true });
        } else {
          const err = expectError(res, expected.status, expected.status === 403 ? 'OUT_OF_SCOPE' : 'VALIDATION');
          if (expected.status === 400)
            expect(err.fields).toEqual([{ field: expected.field, message: expected.message }]);
          else expect(err.message).toBe('该区划不在您的管辖范围内');
          expect((await t.db.query<{ n: number }>('select count(*)::int as n from app_user'))[0].n).toBe(countBefore);
        }
      },
    );

    it('refuses a taken user name with 409 USERNAME_TAKEN field username', async () => {
      const res = await county.request({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: 'demo-worker',
          displayName: '重名',
          role: 'worker',
          regionCode: '532822101001',
          password: 'Grant-pass-1',
        },
      });
      expect(expectError(res, 409, 'USERNAME_TAKEN')).toEqual({
        code: 'USERNAME_TAKEN',
        message: '用户名已被使用',
        fields: [{ field: 'username', message: '用户名已被使用' }],
      });
    });

    it.each([
      ['short', 'Ab1xyz', '密码至少 10 位'],
      ['two classes only', 'abcdefghij1', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
      ['digits only', '12345678901', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
      ['common', 'Aa123456789', '该密码是常见密码，很容易被猜中，请换一个'],
    ])('refuses a weak password (%s) with 400 field password', async (_label, password, message) => {
      const res = await county.request({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: `weak-${password}`,
          displayName: '弱密码',
          role: 'worker',
          regionCode: '532822101001',
          password,
        },
      });
      expect(expectError(res, 400, 'VALIDATION').fields).toEqual([{ field: 'password', message }]);
      expect(await t.db.query('select id from app_user where username = $1', [`weak-${password}`])).toEqual([]);
    });

    it.each([
      ['a bad user name', { username: 'bad name!' }, 'username', '用户名应为 3–40 位字母、数字、下划线、点或连字符'],
      [
        'an unknown role',
        { role: 'mayor' },
        'role',
        '取值不在允许范围内（可选：sysadmin、province、city、county_swd、county_org、street、community、worker）',
      ],
      ['a short region code', { regionCode: '5328221010' }, 'regionCode', '格式不正确'],
      ['an unknown region', { regionCode: '532822101999' }, 'regionCode', '区划不存在'],
      ['an unknown field', { extra: true }, 'extra', '不允许的字段'],
    ])('refuses %s with 400 and the field', async (_label, patch, field, message) => {
      const payload = {
        username: 'field-check',
        displayName: '字段检查',
        role: 'worker',
        regionCode: '532822101001',
        password: 'Grant-pass-1',
        ...patch,
      };
      const res = await county.request({ method: 'POST', url: '/api/users', payload });
      expect(expectError(res, 400, 'VALIDATION').fields).toEqual([{ field, message }]);
    });

    it('refuses a community user (no user.manage) with 403', async () => {
      const community = await t.login('demo-community');
      const res = await community.request({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: 'by-community',
          displayName: '社区建',
          role: 'worker',
          regionCode: '532822101001',
          password: 'Grant-pass-1',
        },
      });
      expectError(res, 403, 'FORBIDDEN');
      expectError(await community.request({ method: 'GET', url: '/api/users' }), 403, 'FORBIDDEN');
    });
  });

  describe('GET /api/users', () => {
    it('is scoped: a street user sees only users under 532822101', async () => {
      const res = await street.request({ method: 'GET', url: '/api/users?pageSize=200' });
      expect(res.statusCode).toBe(200);
      const { items, total } = res.json() as { items: { username: string; regionCode: string }[]; total: number };
      expect(Object.keys(res.json()).sort()).toEqual(['items', 'total']);
      expect(total).toBe(items.length);
      expect(items.every((u) => u.regionCode.startsWith('532822101'))).toBe(true);
      const names = items.map((u) => u.username);
      expect(names).toEqual(expect.arrayContaining(['demo-street', 'demo-community', 'demo-worker']));
      expect(names).not.toContain('demo-county');
      expect(names).not.toContain('demo-admin');
      const inDb = await t.db.query<{ n: number }>(
        `select count(*)::int as n from app_user where region_code like '532822101%'`,
      );
      expect(total).toBe(inDb[0].n);
      expect(Object.keys(items[0]).sort()).toEqual(USER_KEYS);
      expect(res.body).not.toContain('argon2');
    });

    it('filters by region, role and text, and refuses a region outside the scope', async () => {
      const byRole = (
        await county.request({ method: 'GET', url: '/api/users?role=worker&region=532822101001' })
      ).json();
      expect(byRole.items.map((u: { username: string }) => u.username)).toContain('demo-worker');
      expect(
        byRole.items.every(
          (u: { role: string; regionCode: string }) => u.role === 'worker' && u.regionCode === '532822101001',
        ),
      ).toBe(true);
      const byText = (await county.request({ method: 'GET', url: '/api/users?q=demo-county' })).json();
      expect(byText.items.map((u: { username: string }) => u.username).sort()).toEqual([
        'demo-county',
        'demo-county-org',
      ]);
      expectError(await street.request({ method: 'GET', url: '/api/users?region=532822000000' }), 403, 'OUT_OF_SCOPE');
      expectError(await county.request({ method: 'GET', url: '/api/users?region=532801000000' }), 403, 'OUT_OF_SCOPE');
      const admins = (await admin.request({ method: 'GET', url: '/api/users?q=demo-&pageSize=200' })).json();
      expect(admins.total).toBe(DEMO_ACCOUNTS.length);
      // Search text is literal: % and _ are not wildcards.
      expect((await admin.request({ method: 'GET', url: '/api/users?q=%25' })).json().total).toBe(0);
      expect((await admin.request({ method: 'GET', url: '/api/users?q=demo_county' })).json().total).toBe(0);
    });
  });

  describe('PATCH /api/users/:id', () => {
    it('answers 404 for a user outside the caller’s subtree and changes nothing', async () => {
      const target = await idOf('demo-county-org');
      const res = await street.request({
        method: 'PATCH',
        url: `/api/users/${target}`,
        payload: { displayName: '被改了' },
      });
      expect(expectError(res, 404, 'NOT_FOUND').message).toBe('用户不存在或不在您的管辖范围内');
      expect(
        (await t.db.query<{ display_name: string }>('select display_name from app_user where id = $1', [target]))[0]
          .display_name,
      ).toBe('勐海县委组织部');
      expectError(
        await county.request({ method: 'PATCH', url: '/api/users/999999', payload: { displayName: 'x' } }),
        404,
        'NOT_FOUND',
      );
    });

    it('a county administrator cannot edit the city administrator', async () => {
      const target = await idOf('demo-city');
      const res = await county.request({
        method: 'PATCH',
        url: `/api/users/${target}`,
        payload: { displayName: '被改了', password: 'Taken-over-1' },
      });
      expect([403, 404]).toContain(res.statusCode);
      expectError(res, res.statusCode, res.statusCode === 403 ? 'FORBIDDEN' : 'NOT_FOUND');
      expect((await tryLogin(t, 'demo-city', 'Taken-over-1')).statusCode).toBe(401);
    });

    it('a county administrator cannot edit a sysadmin sitting inside the county', async () => {
      const id = await createUser(admin, { username: 'county-sysadmin', role: 'sysadmin', regionCode: '532822000000' });
      const res = await county.request({ method: 'PATCH', url: `/api/users/${id}`, payload: { disabled: true } });
      expect(expectError(res, 403, 'FORBIDDEN').message).toBe('不能管理高于自己角色的用户');
      expect(
        (await t.db.query<{ disabled: boolean }>('select disabled from app_user where id = $1', [id]))[0].disabled,
      ).toBe(false);
    });

    it.each([
      ['role', { role: 'street' }],
      ['region', { regionCode: '532822101000' }],
      ['disabled', { disabled: true }],
    ])('nobody changes their own %s (400)', async (field, payload) => {
      const res = await county.request({ method: 'PATCH', url: `/api/users/${county.user.id}`, payload });
      const err = expectError(res, 400, 'VALIDATION');
      const expectedField = field === 'region' ? 'regionCode' : field;
      expect(err.fields).toEqual([{ field: expectedField, message: '不能修改自己的角色、区划或停用自己' }]);
      const me = (await county.request({ method: 'GET', url: '/api/auth/me' })).json().user;
      expect(me).toMatchObject({ role: 'county_swd', regionCode: '532822000000', disabled: false });
    });

    it('may promote within the grant rules but not above them', async () => {
      const id = await createUser(county, { username: 'promote-me', role: 'worker', regionCode: '532822101007' });
      const up = await county.request({
        method: 'PATCH',
        url: `/api/users/${id}`,
        payload: { role: 'community', displayName: '新社区管理员' },
      });
      expect(up.statusCode).toBe(200);
      expect(up.json().user).toMatchObject({
        id,
        role: 'community',
        displayName: '新社区管理员',
        regionCode: '532822101007',
      });
      const tooHigh = await county.request({ method: 'PATCH', url: `/api/users/${id}`, payload: { role: 'city' } });
      expect(expectError(tooHigh, 400, 'VALIDATION').fields).toEqual([{ field: 'role', message: ABOVE }]);
      // Moving a user out of the subtree is refused like creating one there: 403 OUT_OF_SCOPE (api-foundation.md).
      const out = await county.request({
        method: 'PATCH',
        url: `/api/users/${id}`,
        payload: { regionCode: '532801001003' },
      });
      expect(expectError(out, 403, 'OUT_OF_SCOPE').message).toBe('该区划不在您的管辖范围内');
      const row = (
        await t.db.query<{ role: string; region_code: string }>(
          'select role, region_code from app_user where id = $1',
          [id],
        )
      )[0];
      expect(row).toEqual({ role: 'community', region_code: '532822101007' });
      const audit = await t.db.query<{ before: unknown; after: unknown }>(
        `select before, after from audit_log where action = 'user.update' and entity_id = $1`,
        [String(id)],
      );
      expect(audit).toEqual([
        {
          before: {
            username: 'promote-me',
            displayName: '测试用户 promote-me',
            role: 'worker',
            regionCode: '532822101007',
            disabled: false,
          },
          after: {
            username: 'promote-me',
            displayName: '新社区管理员',
            role: 'community',
            regionCode: '532822101007',
            disabled: false,
          },
        },
      ]);
    });

    it('a disabled user cannot sign in and their sessions stop working', async () => {
      const id = await createUser(county, {
        username: 'disable-me',
        role: 'worker',
        regionCode: '532822101007',
        password: 'Turn-Off-Soon-1',
      });
      const session = await t.login('disable-me', 'Turn-Off-Soon-1');
      const res = await county.request({ method: 'PATCH', url: `/api/users/${id}`, payload: { disabled: true } });
      expect(res.json().user.disabled).toBe(true);
      expectError(await session.request({ method: 'GET', url: '/api/auth/me' }), 401, 'UNAUTHENTICATED');
      const login = expectError(await tryLogin(t, 'disable-me', 'Turn-Off-Soon-1'), 403, 'ACCOUNT_DISABLED');
      expect(login.message).toBe('该账号已停用，请联系管理员');
    });

    it('an administrator’s password reset unlocks a locked user, who can then sign in', async () => {
      const id = await createUser(county, {
        username: 'reset-me',
        role: 'worker',
        regionCode: '532822101008',
        password: 'Before-reset-1',
      });
      for (let i = 0; i < 5; i++) expectError(await tryLogin(t, 'reset-me', `wrong-${i}-pass`), 401, 'BAD_CREDENTIALS');
      expectError(await tryLogin(t, 'reset-me', 'Before-reset-1'), 423, 'ACCOUNT_LOCKED');
      const listed = (await county.request({ method: 'GET', url: '/api/users?q=reset-me' })).json().items[0];
      expect(listed.lockedUntil).not.toBeNull();
      expect(new Date(listed.lockedUntil).getTime()).toBeGreaterThan(Date.now());

      const weak = await county.request({
        method: 'PATCH',
        url: `/api/users/${id}`,
        payload: { password: 'weakweak' },
      });
      expect(expectError(weak, 400, 'VALIDATION').fields).toEqual([{ field: 'password', message: '密码至少 10 位' }]);

      const res = await county.request({
        method: 'PATCH',
        url: `/api/users/${id}`,
        payload: { password: 'After-reset-2' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().user).toMatchObject({ id, lockedUntil: null, mustChangePassword: true });
      const login = await tryLogin(t, 'reset-me', 'After-reset-2');
      expect(login.statusCode).toBe(200);
      expect(login.json().user).toMatchObject({ username: 'reset-me', mustChangePassword: true });
      expectError(await tryLogin(t, 'reset-me', 'Before-reset-1'), 401, 'BAD_CREDENTIALS');
      const audit = await t.db.query<{ action: string; after: unknown }>(
        `select action, after from audit_log where entity_type = 'user' and entity_id = $1 and action like 'user.update%'`,
        [String(id)],
      );
      expect(audit).toEqual([
        {
          action: 'user.update+password_reset',
          after: {
            username: 'reset-me',
            displayName: '测试用户 reset-me',
            role: 'worker',
            regionCode: '532822101008',
            disabled: false,
          },
        },
      ]);
    });
  });

  it('an administrator’s password reset ends the user’s existing sessions', async () => {
    // Like a self-service change (auth.service passwordChanger): whoever knew the old password must lose access.
    const id = await createUser(county, {
      username: 'reset-sessions',
      role: 'worker',
      regionCode: '532822101008',
      password: 'Before-reset-1',
    });
    const session = await t.login('reset-sessions', 'Before-reset-1');
    expect((await session.request({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect(
      (await county.request({ method: 'PATCH', url: `/api/users/${id}`, payload: { password: 'After-reset-2' } }))
        .statusCode,
    ).toBe(200);
    expectError(await session.request({ method: 'GET', url: '/api/auth/me' }), 401, 'UNAUTHENTICATED');
    // A rename alone leaves sessions alone.
    const fresh = await t.login('reset-sessions', 'After-reset-2');
    expect(
      (await county.request({ method: 'PATCH', url: `/api/users/${id}`, payload: { displayName: '只改名' } }))
        .statusCode,
    ).toBe(200);
    expect((await fresh.request({ method: 'GET', url: '/api/auth/me' })).json().user.displayName).toBe('只改名');
  });

  it('no audit entry of a user create or update carries a password hash', async () => {
    const id = await createUser(county, {
      username: 'audit-hash-check',
      role: 'worker',
      regionCode: '532822101009',
      password: 'Hash-check-1',
    });
    expect(
      (
        await county.request({
          method: 'PATCH',
          url: `/api/users/${id}`,
          payload: { password: 'Hash-check-2', displayName: '改名' },
        })
      ).statusCode,
    ).toBe(200);
    const entries = await admin.request({ method: 'GET', url: '/api/audit?entityType=user&pageSize=200' });
    expect(entries.statusCode).toBe(200);
    const items = entries.json().items as { action: string; after: unknown; before: unknown }[];
    const writes = items.filter((e) => e.action.startsWith('user.create') || e.action.startsWith('user.update'));
    expect(writes.filter((e) => JSON.stringify(e.after).includes('audit-hash-check')).map((e) => e.action)).toEqual([
      'user.update+password_reset',
      'user.create',
    ]);
    for (const e of writes) {
      expect(JSON.stringify(e.after)).not.toContain('argon2');
      expect(JSON.stringify(e.before)).not.toContain('argon2');
      expect(Object.keys(e.after as object).sort()).toEqual([
        'disabled',
        'displayName',
        'regionCode',
        'role',
        'username',
      ]);
    }
    const raw = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where after::text like '%argon2%' or before::text like '%argon2%'`,
    );
    expect(raw[0].n).toBe(0);
  });
});
