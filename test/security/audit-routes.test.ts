/**
 * The audit chain's routes with keyed checkpoints, and the backup route, on both engines: who may
 * call them, what they refuse, what they answer, and — at the end — a truncation of the log and of
 * its checkpoint table that only the exported checkpoint reveals.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { backupRepository } from '../../src/db/repositories/backup.repository.js';
import { type AuditKeyring, parseKeys } from '../../src/domain/audit-checkpoint.js';
import { auditChainReport } from '../../src/services/audit-verify.service.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';
import { asTableOwner } from '../helpers/tamper.js';

const REPORT_KEYS = [
  'checked',
  'checkpoints',
  'entries',
  'firstBrokenId',
  'lastEntryId',
  'ok',
  'problemCount',
  'problems',
  'reason',
  'warnings',
];

describe.each(ENGINES)('audit checkpoint and backup routes (%s)', (engine) => {
  let t: TestApp;
  let ring: AuditKeyring;
  let admin: Client;
  let county: Client;
  let city: Client;
  const count = async (table: string, where = 'true') =>
    (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`))[0].n;
  const exportDoc = async () => {
    const res = await admin.request({ method: 'POST', url: '/api/audit/checkpoints/export' });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  beforeAll(async () => {
    ring = parseKeys(randomBytes(32).toString('hex'), 'test');
    t = await createTestApp(engine, { auditKeys: ring });
    [admin, county, city] = await Promise.all([t.login('demo-admin'), t.login('demo-county'), t.login('demo-city')]);
  });
  afterAll(() => t.close());

  describe('POST /api/audit/checkpoints/export', () => {
    it('refuses anonymous callers, other offices and a missing CSRF token, writing nothing', async () => {
      const before = [await count('audit_log'), await count('audit_checkpoint')];
      expectError(await t.app.inject({ method: 'POST', url: '/api/audit/checkpoints/export' }), 401, 'UNAUTHENTICATED');
      for (const c of [county, city]) {
        const err = expectError(
          await c.request({ method: 'POST', url: '/api/audit/checkpoints/export' }),
          403,
          'FORBIDDEN',
        );
        expect(err.message).toBe('只有全国级系统管理员可以导出审计检查点');
      }
      expectError(
        await t.app.inject({
          method: 'POST',
          url: '/api/audit/checkpoints/export',
          headers: { cookie: admin.cookie },
        }),
        403,
        'CSRF',
      );
      expect([await count('audit_log'), await count('audit_checkpoint')]).toEqual(before);
    });

    it('audits the export, signs a checkpoint covering that entry, and hands it over as a file', async () => {
      const res = await exportDoc();
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="shequ-audit-checkpoint-\d+\.json"$/);
      const doc = res.json();
      expect(Object.keys(doc).sort()).toEqual(['checkpoints', 'exportedAt', 'format', 'note', 'version']);
      expect(doc).toMatchObject({ format: 'shequ-audit-checkpoints', version: 1 });
      expect(doc.checkpoints).toHaveLength(1);
      const c = doc.checkpoints[0];
      expect(Object.keys(c).sort()).toEqual(['at', 'entryCount', 'id', 'keyId', 'lastHash', 'lastId', 'mac']);
      const entry = await t.db.query<{ id: number; actor_name: string }>(
        `select id, actor_name from audit_log where action = 'audit.checkpoint.export' order by id desc limit 1`,
      );
      expect(entry[0].actor_name).toBe('demo-admin');
      expect(c).toMatchObject({ lastId: entry[0].id, entryCount: await count('audit_log'), keyId: ring.keys[0].id });
    });

    it('answers 409 when the installation has no audit key, writing nothing', async () => {
      const bare = await createTestApp(engine);
      try {
        const a = await bare.login('demo-admin');
        const before = (await bare.db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0].n;
        const err = expectError(
          await a.request({ method: 'POST', url: '/api/audit/checkpoints/export' }),
          409,
          'AUDIT_KEY_MISSING',
        );
        expect(err.message).toContain('未配置审计密钥');
        expect((await bare.db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0].n).toBe(before);
      } finally {
        await bare.close();
      }
    });
  });

  describe('GET and POST /api/audit/verify', () => {
    it('answers the full report to the nation-wide administrator', async () => {
      const res = await admin.request({ method: 'GET', url: '/api/audit/verify' });
      expect(res.statusCode).toBe(200);
      const v = res.json();
      expect(Object.keys(v).sort()).toEqual(REPORT_KEYS);
      expect(Object.keys(v.checkpoints).sort()).toEqual(['database', 'file', 'latest', 'verified']);
      expect(v).toMatchObject({ ok: true, problems: [], problemCount: 0, firstBrokenId: null, reason: null });
      expect(v.checkpoints.verified).toBeGreaterThan(0);
    });

    it('checks an exported file as well', async () => {
      const doc = (await exportDoc()).json();
      const res = await admin.request({ method: 'POST', url: '/api/audit/verify', payload: doc });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ ok: true, checkpoints: { file: 1 } });
      expect(res.json().checkpoints.verified).toBe(res.json().checkpoints.database + 1);
    });

    it('refuses anonymous callers and other offices', async () => {
      const doc = (await exportDoc()).json();
      expectError(
        await t.app.inject({ method: 'POST', url: '/api/audit/verify', payload: doc }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(await county.request({ method: 'POST', url: '/api/audit/verify', payload: doc }), 403, 'FORBIDDEN');
      expectError(await city.request({ method: 'POST', url: '/api/audit/verify', payload: doc }), 403, 'FORBIDDEN');
    });

    it.each([
      [
        'no checkpoints field',
        (d: Record<string, unknown>) => ({ ...d, checkpoints: undefined }),
        'checkpoints',
        '缺少必填字段',
      ],
      ['an empty list', (d: Record<string, unknown>) => ({ ...d, checkpoints: [] }), 'checkpoints', '至少应有 1 项'],
      [
        'too many checkpoints',
        (d: Record<string, unknown>) => ({ ...d, checkpoints: Array(501).fill((d.checkpoints as unknown[])[0]) }),
        'checkpoints',
        '不能超过 500 项',
      ],
      [
        'a MAC that is not hex',
        (d: Record<string, unknown>) => ({
          ...d,
          checkpoints: [{ ...(d.checkpoints as object[])[0], mac: 'x'.repeat(64) }],
        }),
        'checkpoints.0.mac',
        '格式不正确',
      ],
      [
        'a negative entry count',
        (d: Record<string, unknown>) => ({
          ...d,
          checkpoints: [{ ...(d.checkpoints as object[])[0], entryCount: -1 }],
        }),
        'checkpoints.0.entryCount',
        '不能小于 0',
      ],
      ['another format', (d: Record<string, unknown>) => ({ ...d, format: 'x' }), 'format', '取值不在允许范围内'],
      ['an unknown field', (d: Record<string, unknown>) => ({ ...d, extra: 1 }), 'extra', '不允许的字段'],
    ])('refuses %s with 400 naming the field', async (_name, change, field, message) => {
      const doc = (await exportDoc()).json();
      const err = expectError(
        await admin.request({ method: 'POST', url: '/api/audit/verify', payload: change(doc) }),
        400,
        'VALIDATION',
      );
      expect(err.fields).toContainEqual({ field, message: expect.stringContaining(message) });
    });
  });

  describe('POST /api/system/backup', () => {
    it('refuses anonymous callers and other offices, writing nothing', async () => {
      const before = await count('audit_log');
      expectError(await t.app.inject({ method: 'POST', url: '/api/system/backup' }), 401, 'UNAUTHENTICATED');
      const err = expectError(await county.request({ method: 'POST', url: '/api/system/backup' }), 403, 'FORBIDDEN');
      expect(err.message).toBe('只有全国级系统管理员可以备份数据库');
      expectError(await city.request({ method: 'POST', url: '/api/system/backup' }), 403, 'FORBIDDEN');
      expect(await count('audit_log')).toBe(before);
    });

    if (engine === 'postgres') {
      it('points a PostgreSQL installation to pg_dump, writing nothing', async () => {
        const before = await count('audit_log');
        const err = expectError(
          await admin.request({ method: 'POST', url: '/api/system/backup' }),
          409,
          'BACKUP_USE_PG_DUMP',
        );
        expect(err.message).toContain('pg_dump');
        expect(await count('audit_log')).toBe(before);
      });
    } else {
      it('copies the running database: every table’s rows, the chain and its checkpoints come back', async () => {
        const res = await admin.request({ method: 'POST', url: '/api/system/backup' });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/gzip');
        expect(res.headers['content-disposition']).toMatch(
          /^attachment; filename="shequ-backup-\d{8}-\d{6}\.tar\.gz"$/,
        );
        const source = await backupRepository.tableCounts(t.db);
        const entry = await t.db.query<{ id: number }>(
          `select id from audit_log where action = 'system.backup' and actor_name = 'demo-admin'`,
        );
        expect(entry).toHaveLength(1);
        const restored = await openDatabase({
          loadDataDir: new Blob([new Uint8Array(res.rawPayload)], { type: 'application/x-gzip' }),
        });
        try {
          expect(await backupRepository.tableCounts(restored)).toEqual(source);
          const v = await auditChainReport(restored, ring);
          expect(v).toMatchObject({ ok: true, warnings: [] });
          expect(v.checkpoints.latest?.lastId).toBe(entry[0].id);
        } finally {
          await restored.close();
        }
      });
    }
  });

  describe('a truncated log and checkpoint table (last: it changes the database)', () => {
    it('passes the database’s own check but not the exported checkpoint', async () => {
      const doc = (await exportDoc()).json();
      const covered = doc.checkpoints[0].lastId;
      const keep = (
        await t.db.query<{ id: number }>('select id from audit_log where id < $1 order by id desc limit 1 offset 2', [
          covered,
        ])
      )[0].id;
      await asTableOwner(t.db, async (tx) => {
        await tx.query('delete from audit_log where id > $1', [keep]);
        await tx.query('delete from audit_checkpoint where last_id > $1', [keep]);
      });
      const own = (await admin.request({ method: 'GET', url: '/api/audit/verify' })).json();
      expect(own.ok).toBe(true);
      const res = await admin.request({ method: 'POST', url: '/api/audit/verify', payload: doc });
      const v = res.json();
      expect(v.ok).toBe(false);
      expect(v.problems).toEqual([
        expect.objectContaining({
          code: 'MISSING_TAIL',
          source: 'file',
          entryId: covered,
          checkpointId: doc.checkpoints[0].id,
        }),
      ]);
      expect(v.reason).toContain('审计日志缺少末尾的记录');
    });
  });
});
