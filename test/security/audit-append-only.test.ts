/**
 * Who can change the audit log: on PostgreSQL the server runs as a role that only appends and reads
 * it (docs/deploy-postgres-audit.sql, executed here against the real server as written); on both
 * engines the audit key lives outside the database, in a file only the server's user may read.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { parseKeys } from '../../src/domain/audit-checkpoint.js';
import { systemActor } from '../../src/domain/permissions.js';
import { writeAudit } from '../../src/services/audit.service.js';
import { auditCheckpointWriter, loadAuditKeyring } from '../../src/services/audit-checkpoint.service.js';
import { auditChainReport } from '../../src/services/audit-verify.service.js';
import { ENGINES, PG_URL } from '../helpers/db.js';

describe.runIf(ENGINES.includes('postgres'))('PostgreSQL: the application role cannot change audit rows', () => {
  const h = randomBytes(4).toString('hex');
  const owner = `shequ_owner_${h}`;
  const appRole = `shequ_app_${h}`;
  const database = `shequ_roles_${h}`;
  const urlAs = (user: string) => {
    const u = new URL(PG_URL);
    u.username = user;
    u.password = '';
    u.pathname = `/${database}`;
    return u.toString();
  };
  let superuser: Database;
  let asOwner: Database;
  let asApp: Database;
  const ring = parseKeys(randomBytes(32).toString('hex'), 'test');

  beforeAll(async () => {
    superuser = await openDatabase({ url: PG_URL });
    // Step 1 of the document, as a superuser.
    await superuser.exec(`create role ${owner} login; create role ${appRole} login`);
    await superuser.query(`create database ${database} owner ${owner}`);
    // Step 2: the migration role creates the schema. Step 3: it runs the document.
    asOwner = await openDatabase({ url: urlAs(owner) });
    await migrate(asOwner);
    const doc = readFileSync(join(projectRoot(), 'docs', 'deploy-postgres-audit.sql'), 'utf8');
    await asOwner.exec(doc.replaceAll('shequ_app', appRole).replaceAll('shequ_owner', owner));
    // Step 4: the server's role.
    asApp = await openDatabase({ url: urlAs(appRole) });
  }, 120_000);
  afterAll(async () => {
    await asApp?.close();
    await asOwner?.close();
    await superuser.query(`drop database if exists ${database} with (force)`);
    await superuser.exec(`drop role if exists ${appRole}; drop role if exists ${owner}`);
    await superuser.close();
  });

  it('starts (nothing to migrate), appends entries and checkpoints, and reads the chain', async () => {
    expect(await migrate(asApp)).toEqual({ applied: [] });
    for (let i = 0; i < 3; i++)
      await asApp.transaction((tx) =>
        writeAudit(tx, systemActor('test'), { action: 'test.app-role', entityType: 'test', after: { i } }),
      );
    expect((await auditCheckpointWriter(asApp, ring, { reason: 'test' })).written).toBe(true);
    expect(await auditChainReport(asApp, ring)).toMatchObject({ ok: true, entries: 3, warnings: [] });
    // The business tables stay writable.
    await asApp.query(`update app_user set display_name = display_name where id = -1`);
    await asApp.query(`insert into region_population (region_code, year, urban_resident_population)
      values ('000000000000', 2099, 1) on conflict do nothing`);
  });

  it.each([
    ['update audit_log', `update audit_log set actor_name = 'x'`, 'permission denied for table audit_log'],
    ['delete from audit_log', 'delete from audit_log', 'permission denied for table audit_log'],
    ['truncate audit_log', 'truncate audit_log', 'permission denied for table audit_log'],
    [
      'update audit_checkpoint',
      `update audit_checkpoint set reason = 'x'`,
      'permission denied for table audit_checkpoint',
    ],
    ['delete from audit_checkpoint', 'delete from audit_checkpoint', 'permission denied for table audit_checkpoint'],
    [
      'switch the trigger off',
      'alter table audit_log disable trigger audit_log_append_only',
      'must be owner of table audit_log',
    ],
    ['drop the table', 'drop table audit_log', 'must be owner of table audit_log'],
  ])('refuses to %s as the application role', async (_name, sql, message) => {
    const before = await asOwner.query('select count(*)::int as n, max(hash) as h from audit_log');
    await expect(asApp.query(sql)).rejects.toThrow(message);
    expect(await asOwner.query('select count(*)::int as n, max(hash) as h from audit_log')).toEqual(before);
  });

  it('refuses even the owner, whose only way past is to switch the trigger off explicitly', async () => {
    await expect(asOwner.query('delete from audit_log')).rejects.toThrow('审计记录只能追加，不能修改或删除');
  });

  it('leaves a pending migration to the migration role, saying so', async () => {
    await asOwner.query(`delete from schema_migration where version = 19`);
    try {
      await expect(migrate(asApp)).rejects.toThrow(
        '数据库迁移 019_audit_checkpoints.sql 需要建表权限，而当前数据库角色没有：请以迁移角色执行 shequ migrate',
      );
    } finally {
      await asOwner.query(`insert into schema_migration (version, name) values (19, '019_audit_checkpoints.sql')`);
    }
  });
});

describe('the audit key outside the database', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shequ-key-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const settings = (s: { auditKey?: string; auditKeyFile?: string; dataDir?: string }) => ({
    auditKey: s.auditKey,
    auditKeyFile: s.auditKeyFile,
    dataDir: s.dataDir ?? dir,
  });

  it('is created in a PGlite data directory on first start, mode 0600, and read back the same', () => {
    const data = join(dir, 'data1');
    rmSync(data, { recursive: true, force: true });
    mkdirSync(data);
    const first = loadAuditKeyring(settings({ dataDir: data }), 'pglite');
    const file = join(data, 'audit.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^# shequ 审计检查点密钥[\s\S]*\n[0-9a-f]{64}\n$/);
    expect(first?.keys).toHaveLength(1);
    expect(loadAuditKeyring(settings({ dataDir: data }), 'pglite')?.keys[0].id).toBe(first?.keys[0].id);
  });

  it.each([
    ['SHEQU_AUDIT_KEY wins over any file', { auditKey: 'c'.repeat(64) }, 'postgres', 'SHEQU_AUDIT_KEY'],
    ['SHEQU_AUDIT_KEY_FILE is created where it says', { auditKeyFile: 'named.key' }, 'postgres', 'named.key'],
    ['PostgreSQL without a setting has no key', {}, 'postgres', null],
  ] as const)('%s', (_name, s, engine, source) => {
    const ring = loadAuditKeyring(
      settings({ ...s, auditKeyFile: 'auditKeyFile' in s ? join(dir, s.auditKeyFile) : undefined }),
      engine,
    );
    if (source === null) expect(ring).toBeNull();
    else expect(ring?.source.endsWith(source)).toBe(true);
    if ('auditKeyFile' in s) expect(statSync(join(dir, s.auditKeyFile)).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'audit.key'))).toBe(false);
  });

  it.each([
    [
      'a key file others may read',
      0o644,
      'a'.repeat(64),
      '的权限过宽（0644）：只应由运行服务的用户读取，请执行 chmod 600',
    ],
    ['a key file the group may read', 0o640, 'a'.repeat(64), '的权限过宽（0640）'],
    ['a key file holding no key', 0o600, '# only a comment\n', '中没有审计密钥'],
    ['a key file holding a short key', 0o600, 'abcd\n', '第 1 个审计密钥无效'],
  ])('refuses %s', (name, mode, content, message) => {
    const file = join(dir, `${name.replaceAll(' ', '-')}.key`);
    writeFileSync(file, content);
    chmodSync(file, mode);
    expect(() => loadAuditKeyring(settings({ auditKeyFile: file }), 'pglite')).toThrow(message);
  });

  it('refuses a key file it cannot create', () => {
    expect(() =>
      loadAuditKeyring(settings({ auditKeyFile: join(dir, 'no-such-dir', 'audit.key') }), 'postgres'),
    ).toThrow('无法创建审计密钥文件');
  });
});
