/** The audit log over HTTP: scoped reading, chain verification, tampering, and concurrent writers (F-ARCHIVE). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/permissions.js';
import { writeAudit } from '../../src/services/audit.service.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError, signInFirstTime, TEST_PASSWORD } from '../helpers/http.js';
import { asTableOwner } from '../helpers/tamper.js';

const ENTRY_KEYS = [
  'action',
  'actorName',
  'actorType',
  'after',
  'at',
  'before',
  'entityId',
  'entityType',
  'id',
  'regionCode',
];

describe.each(ENGINES)('audit (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let admin: Client;
  let city: Client;
  const count = async (where = 'true', params: unknown[] = []) =>
    (await t.db.query<{ n: number }>(`select count(*)::int as n from audit_log where ${where}`, params))[0].n;
  const verify = async () => {
    const res = await admin.request({ method: 'GET', url: '/api/audit/verify' });
    expect(res.statusCode).toBe(200);
    const { ok, checked, firstBrokenId, reason } = res.json();
    return { ok, checked, firstBrokenId, reason } as {
      ok: boolean;
      checked: number;
      firstBrokenId: number | null;
      reason: string | null;
    };
  };
  /** Writes one population entry as the county and returns its audit id. */
  const entry = async (code: string, year: number, n: number) => {
    const res = await county.request({
      method: 'PUT',
      url: `/api/regions/${code}/population/${year}`,
      payload: { urbanResidentPopulation: n },
    });
    expect(res.statusCode).toBe(200);
    return (
      await t.db.query<{ id: number }>(
        `select max(id)::int as id from audit_log where action = 'population.set' and entity_id = $1`,
        [`${code}/${year}`],
      )
    )[0].id;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    [county, admin, city] = await Promise.all([t.login('demo-county'), t.login('demo-admin'), t.login('demo-city')]);
    // Entries on both sides of 勐海县's border.
    expect(
      (
        await city.request({
          method: 'PUT',
          url: '/api/regions/532801001003/population/2027',
          payload: { urbanResidentPopulation: 3000 },
        })
      ).statusCode,
    ).toBe(200);
    await entry('532822101001', 2027, 5000);
  });
  afterAll(() => t.close());

  describe('GET /api/audit', () => {
    it('shows a county administrator only entries inside 532822', async () => {
      const res = await county.request({ method: 'GET', url: '/api/audit?pageSize=200' });
      expect(res.statusCode).toBe(200);
      const { items, total } = res.json() as { items: { regionCode: string | null; id: number }[]; total: number };
      expect(Object.keys(res.json()).sort()).toEqual(['items', 'total']);
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((e) => e.regionCode?.startsWith('532822') === true)).toBe(true);
      expect(total).toBe(await count(`region_code like '532822%'`));
      expect(total).toBeLessThan(await count());
      expect(Object.keys(items[0]).sort()).toEqual(ENTRY_KEYS);
      // Newest first.
      expect(items.map((e) => e.id)).toEqual([...items.map((e) => e.id)].sort((a, b) => b - a));
      // The 景洪市 entry and the system-wide seed entry stay hidden, however they are asked for.
      const jh = await county.request({ method: 'GET', url: '/api/audit?action=population.set&pageSize=200' });
      expect(jh.json().items.some((e: { regionCode: string }) => e.regionCode.startsWith('532801'))).toBe(false);
      expect((await county.request({ method: 'GET', url: '/api/audit?action=seed.demo' })).json()).toEqual({
        items: [],
        total: 0,
      });
      expectError(await county.request({ method: 'GET', url: '/api/audit?region=532801000000' }), 403, 'OUT_OF_SCOPE');
    });

    it('shows the details of an entry: actor, action, entity, before and after', async () => {
      const res = await county.request({ method: 'GET', url: '/api/audit?action=population.set&region=532822101001' });
      const e = res.json().items.find((x: { entityId: string }) => x.entityId === '532822101001/2027');
      expect(e).toMatchObject({
        actorType: 'user',
        actorName: 'demo-county',
        action: 'population.set',
        entityType: 'region_population',
        regionCode: '532822101001',
        before: null,
        after: { year: 2027, urbanResidentPopulation: 5000, totalResidentPopulation: null },
      });
      expect(new Date(e.at).toISOString()).toBe(e.at);
    });

    it('narrows by region for a street inside the county', async () => {
      const res = await county.request({ method: 'GET', url: '/api/audit?region=532822101000&pageSize=200' });
      const { items, total } = res.json() as { items: { regionCode: string }[]; total: number };
      expect(items.every((e) => e.regionCode.startsWith('532822101'))).toBe(true);
      expect(total).toBe(await count(`region_code like '532822101%'`));
    });

    it('shows the nation-wide administrator everything, including system entries', async () => {
      const res = await admin.request({ method: 'GET', url: '/api/audit?pageSize=200' });
      const { items, total } = res.json() as {
        items: { regionCode: string | null; action: string; actorType: string }[];
        total: number;
      };
      expect(total).toBe(await count());
      expect(items.some((e) => e.regionCode?.startsWith('532801'))).toBe(true);
      expect(items.some((e) => e.regionCode?.startsWith('532822'))).toBe(true);
      const seed = (await admin.request({ method: 'GET', url: '/api/audit?action=seed.demo' })).json();
      expect(seed.total).toBe(1);
      expect(seed.items[0]).toMatchObject({
        actorType: 'system',
        actorName: 'seed',
        regionCode: null,
        entityType: 'database',
      });
    });

    it('refuses roles without audit.read and anonymous callers', async () => {
      const street = await t.login('demo-street');
      expectError(await street.request({ method: 'GET', url: '/api/audit' }), 403, 'FORBIDDEN');
      expectError(await t.app.inject({ method: 'GET', url: '/api/audit' }), 401, 'UNAUTHENTICATED');
      expect((await county.request({ method: 'GET', url: '/api/audit?from=2025-13-01' })).statusCode).toBe(400);
    });
  });

  describe('GET /api/audit/verify', () => {
    it('answers ok for an intact chain to the nation-wide administrator', async () => {
      const v = await verify();
      expect(v).toEqual({ ok: true, checked: await count(), firstBrokenId: null, reason: null });
      expect(v.checked).toBeGreaterThan(0);
    });

    it('refuses a county administrator with 403', async () => {
      const err = expectError(await county.request({ method: 'GET', url: '/api/audit/verify' }), 403, 'FORBIDDEN');
      expect(err.message).toBe('只有全国级系统管理员可以校验整条审计链');
      expectError(await city.request({ method: 'GET', url: '/api/audit/verify' }), 403, 'FORBIDDEN');
    });

    it('refuses a system administrator attached below the nation', async () => {
      const created = await admin.request({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: `county-sysadmin-${engine}`,
          displayName: '县级系统管理员',
          role: 'sysadmin',
          regionCode: '532822000000',
          password: TEST_PASSWORD,
        },
      });
      expect(created.statusCode).toBe(200);
      const local = await signInFirstTime(t, `county-sysadmin-${engine}`);
      expectError(await local.request({ method: 'GET', url: '/api/audit/verify' }), 403, 'FORBIDDEN');
    });

    it('names an entry whose content was edited in the database', async () => {
      const first = await entry('532822101002', 2027, 100);
      await entry('532822101002', 2028, 200);
      const original = (
        await t.db.query<{ after: string }>('select after::text as after from audit_log where id = $1', [first])
      )[0].after;
      await asTableOwner(t.db, (tx) =>
        tx.query(`update audit_log set after = '{"x":1}'::jsonb where id = $1`, [first]),
      );
      try {
        const v = await verify();
        expect(v).toEqual({
          ok: false,
          checked: await count('id < $1', [first]),
          firstBrokenId: first,
          reason: '记录内容与哈希不符（记录被修改）',
        });
      } finally {
        await asTableOwner(t.db, (tx) =>
          tx.query('update audit_log set after = $2::jsonb where id = $1', [first, original]),
        );
      }
      expect((await verify()).ok).toBe(true);
    });

    it('names the entry after a deleted one', async () => {
      await entry('532822101002', 2029, 300);
      const middle = await entry('532822101002', 2030, 400);
      const last = await entry('532822101002', 2031, 500);
      expect(last).toBeGreaterThan(middle);
      const next = (
        await t.db.query<{ id: number }>('select min(id)::int as id from audit_log where id > $1', [middle])
      )[0].id;
      await t.db.query('create table audit_backup as select * from audit_log where id = $1', [middle]);
      await asTableOwner(t.db, (tx) => tx.query('delete from audit_log where id = $1', [middle]));
      try {
        const v = await verify();
        expect(v).toEqual({
          ok: false,
          checked: await count('id < $1', [middle]),
          firstBrokenId: next,
          reason: '与前一条记录的哈希不衔接（可能有记录被删除或插入）',
        });
      } finally {
        await t.db.query('insert into audit_log overriding system value select * from audit_backup');
        await t.db.query('drop table audit_backup');
      }
      expect((await verify()).ok).toBe(true);
    });

    it('names an entry whose link to its predecessor was rewritten', async () => {
      const target = await entry('532822101002', 2032, 600);
      const originalPrev = (
        await t.db.query<{ prev_hash: string }>('select prev_hash from audit_log where id = $1', [target])
      )[0].prev_hash;
      await asTableOwner(t.db, (tx) =>
        tx.query('update audit_log set prev_hash = $2 where id = $1', [target, 'f'.repeat(64)]),
      );
      try {
        expect(await verify()).toEqual({
          ok: false,
          checked: await count('id < $1', [target]),
          firstBrokenId: target,
          reason: '与前一条记录的哈希不衔接（可能有记录被删除或插入）',
        });
      } finally {
        await asTableOwner(t.db, (tx) =>
          tx.query('update audit_log set prev_hash = $2 where id = $1', [target, originalPrev]),
        );
      }
      expect((await verify()).ok).toBe(true);
    });
  });

  describe('concurrent writers', () => {
    it('10 parallel population PUTs leave one unforked chain', async () => {
      const before = await count();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          county.request({
            method: 'PUT',
            url: `/api/regions/532822101005/population/${2040 + i}`,
            payload: { urbanResidentPopulation: 1000 + i },
          }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
      expect(await count()).toBe(before + 10);
      // Each entry links to a different predecessor: no two writers read the same head.
      const forks = await t.db.query<{ prev_hash: string; n: number }>(
        'select prev_hash, count(*)::int as n from audit_log group by prev_hash having count(*) > 1',
      );
      expect(forks).toEqual([]);
      expect(await verify()).toEqual({ ok: true, checked: before + 10, firstBrokenId: null, reason: null });
    });

    it('20 parallel writeAudit transactions (service level) keep the chain intact', async () => {
      const before = await count();
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.db.transaction((tx) =>
            writeAudit(tx, systemActor('test'), {
              action: 'test.parallel',
              entityType: 'test',
              entityId: i,
              regionCode: '532822000000',
              after: { i },
            }),
          ),
        ),
      );
      expect(await count(`action = 'test.parallel'`)).toBe(20);
      expect(await verify()).toEqual({ ok: true, checked: before + 20, firstBrokenId: null, reason: null });
    });
  });
});
