/**
 * `shequ backup` and `shequ restore` on both engines ("nothing lost", issue 12): a backup taken from the
 * running PGlite server and one taken by the CLI, each restored into a fresh directory; a pg_dump
 * backup restored into a fresh database. Every table's row count is compared, and the restored audit
 * chain and its checkpoints verify (the restore adds one audited entry and one checkpoint of its own).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { backupRepository } from '../../src/db/repositories/backup.repository.js';
import { parseKeys } from '../../src/domain/audit-checkpoint.js';
import { auditCheckpointWriter, parseCheckpointExport } from '../../src/services/audit-checkpoint.service.js';
import { auditChainReport } from '../../src/services/audit-verify.service.js';
import { createTestDb, ENGINES, PG_URL } from '../helpers/db.js';
import { asTableOwner } from '../helpers/tamper.js';

const root = projectRoot();
const NO_KEY_SETTINGS = { SHEQU_AUDIT_KEY: '', SHEQU_AUDIT_KEY_FILE: '' };

function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
      env: { ...process.env, ...env },
      cwd: root,
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Row counts of a stopped PGlite directory. */
async function countsOf(dir: string): Promise<Record<string, number>> {
  const db = await openDatabase({ dataDir: dir });
  try {
    return await backupRepository.tableCounts(db);
  } finally {
    await db.close();
  }
}

/** The restore's own audit entry and checkpoint are the only differences a restored copy may show. */
const plusRestore = (c: Record<string, number>) => ({
  ...c,
  audit_log: c.audit_log + 1,
  audit_checkpoint: c.audit_checkpoint + 1,
});

describe.runIf(ENGINES.includes('pglite'))('shequ backup / restore on a PGlite data directory', () => {
  let dir: string;
  let data: string;
  let env: Record<string, string>;
  let server: ChildProcess | null = null;
  let port: number;
  let exported: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shequ-backup-'));
    data = join(dir, 'data');
    env = { ...NO_KEY_SETTINGS, SHEQU_DATA_DIR: data, DATABASE_URL: '' };
    port = await freePort();
    server = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve'], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      cwd: root,
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      server?.stdout?.on('data', (d) => {
        out += d;
        if (out.includes('shequ 已启动')) resolve();
      });
      server?.on('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
  }, 240_000);
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server?.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the running server’s directory through the administrator’s route, and restores it into a fresh one', async () => {
    // The key was made on first start, readable by the server's user only.
    const keyFile = join(data, 'audit.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo-admin', password: 'Shequ@2024' }),
    });
    expect(login.status).toBe(200);
    const headers = {
      cookie: String(login.headers.get('set-cookie')).split(';')[0],
      'x-csrf-token': (await login.json()).csrfToken,
    };
    const exp = await fetch(`${base}/api/audit/checkpoints/export`, { method: 'POST', headers });
    expect(exp.status).toBe(200);
    exported = join(dir, 'checkpoint.json');
    writeFileSync(exported, await exp.text());
    const res = await fetch(`${base}/api/system/backup`, { method: 'POST', headers });
    expect(res.status).toBe(200);
    const archive = join(dir, 'live.tar.gz');
    writeFileSync(archive, Buffer.from(await res.arrayBuffer()));

    // The CLI cannot open a directory the server holds, and says where the backup comes from instead.
    const refused = await run(['backup', '-o', join(dir, 'cli.tar.gz')], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`正被另一个进程（PID ${server?.pid}）使用`);
    expect(refused.stderr).toContain('POST /api/system/backup');
    expect(existsSync(join(dir, 'cli.tar.gz'))).toBe(false);

    // Restoring does not need the server stopped: it writes a fresh directory.
    const fresh = join(dir, 'restored');
    const r = await run(['restore', archive, '--data-dir', fresh], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`已恢复到 ${fresh}`);
    expect(r.stdout).toMatch(/数据表 \d+ 张，行数：/);
    expect(r.stdout).toMatch(/审计链完整：已校验 \d+ 条记录；检查点 \d+ 个（签名有效 \d+ 个）/);

    server?.kill('SIGTERM');
    await new Promise((done) => server?.once('exit', done));
    // Nothing reached the log after the backup, so shutdown wrote no checkpoint: the copy is the source.
    const source = await countsOf(data);
    expect(await countsOf(fresh)).toEqual(plusRestore(source));
    expect(source.worker).toBeGreaterThan(0);
    expect(readFileSync(join(fresh, 'audit.key'), 'utf8')).toBe(readFileSync(keyFile, 'utf8'));
    expect(statSync(join(fresh, 'audit.key')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(fresh, 'shequ.lock'))).toBe(false);

    const db = await openDatabase({ dataDir: fresh });
    try {
      const ring = parseKeys(readFileSync(join(fresh, 'audit.key'), 'utf8'), 'restored');
      const v = await auditChainReport(db, ring, parseCheckpointExport(readFileSync(exported, 'utf8')));
      expect(v).toMatchObject({ ok: true, warnings: [], checkpoints: { file: 1 } });
      expect(v.checkpoints.verified).toBeGreaterThanOrEqual(3); // export, backup, restore (+ startup)
      const restore = await db.query<{ actor_name: string; after: { file: string; auditOk: boolean } }>(
        `select actor_name, after from audit_log where action = 'system.restore'`,
      );
      expect(restore).toEqual([
        { actor_name: 'cli', after: expect.objectContaining({ file: 'live.tar.gz', auditOk: true }) },
      ]);
    } finally {
      await db.close();
    }
  }, 300_000);

  it('refuses a non-empty directory unless forced, and then keeps the old one aside', async () => {
    const archive = join(dir, 'live.tar.gz');
    const fresh = join(dir, 'restored');
    const before = await countsOf(fresh);
    const refused = await run(['restore', archive, '--data-dir', fresh], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`目录 ${fresh} 不是空的`);
    expect(await countsOf(fresh)).toEqual(before);

    const forced = await run(['restore', archive, '--data-dir', fresh, '--force'], env);
    expect(forced.code, forced.stderr).toBe(0);
    const aside = /原目录已改名保留为 (\S+?)）/.exec(forced.stdout)?.[1];
    expect(aside).toMatch(new RegExp(`^${fresh}\\.before-restore-\\d{8}-\\d{6}$`));
    expect(await countsOf(aside!)).toEqual(before);

    const wrong = join(dir, 'not-a-backup.tar.gz');
    writeFileSync(wrong, 'hello');
    const bad = await run(['restore', wrong, '--data-dir', join(dir, 'other')], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('不是 shequ 的备份文件');
  }, 300_000);

  it('backs up a stopped directory from the CLI, and an exported checkpoint catches a truncation verify alone misses', async () => {
    const out = join(dir, 'cli.tar.gz');
    const b = await run(['backup', '-o', out], env);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain(`已备份到 ${out}`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const again = await run(['backup', '-o', out], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已存在');
    const fresh = join(dir, 'restored-cli');
    const r = await run(['restore', out, '--data-dir', fresh], env);
    expect(r.code, r.stderr).toBe(0);
    expect(await countsOf(fresh)).toEqual(plusRestore(await countsOf(data)));

    const exportFile = join(dir, 'head.json');
    const e = await run(['audit', 'checkpoints', '--export', exportFile], env);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toMatch(/已导出第 \d+ 号检查点（覆盖至第 \d+ 号记录，共 \d+ 条）/);
    const list = await run(['audit', 'checkpoints'], env);
    expect(list.stdout).toMatch(/第 \d+ 号 {2}\S+ {2}覆盖至第 \d+ 号记录/);

    // Someone who owns the files deletes the last entries and the checkpoints after them.
    const db = await openDatabase({ dataDir: data });
    try {
      const keep = (await db.query<{ id: number }>('select id from audit_log order by id desc limit 1 offset 3'))[0].id;
      await asTableOwner(db, async (tx) => {
        await tx.query('delete from audit_log where id > $1', [keep]);
        await tx.query('delete from audit_checkpoint where last_id > $1', [keep]);
      });
    } finally {
      await db.close();
    }
    const alone = await run(['audit', 'verify'], env);
    expect(alone.code, alone.stderr).toBe(0);
    const against = await run(['audit', 'verify', '--against', exportFile, '--against', exported], env);
    expect(against.code).toBe(1);
    expect(against.stderr).toContain('审计日志缺少末尾的记录：导出文件中的第');
    expect(against.stderr).toContain('审计校验未通过');
    for (const [file, words] of [
      [join(dir, 'not-a-backup.tar.gz'), '不是审计检查点导出文件（JSON 格式有误）'],
      [join(dir, 'live.tar.gz'), '过大（导出文件应小于 1 MB）'],
      [join(dir, 'nowhere.json'), '不存在'],
    ]) {
      const badFile = await run(['audit', 'verify', '--against', file], env);
      expect(badFile.code).toBe(1);
      expect(badFile.stderr).toContain(words);
    }
  }, 300_000);
});

describe.runIf(ENGINES.includes('postgres'))('shequ backup / restore on PostgreSQL', () => {
  const key = randomBytes(32).toString('hex');
  const ring = parseKeys(key, 'test');
  const restoreDb = `shequ_rt_${randomBytes(5).toString('hex')}`;
  const restoreUrl = (() => {
    const u = new URL(PG_URL);
    u.pathname = `/${restoreDb}`;
    return u.toString();
  })();
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shequ-pgbackup-'));
  });
  afterAll(async () => {
    const admin = await openDatabase({ url: PG_URL });
    await admin.query(`drop database if exists ${restoreDb} with (force)`);
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up a schema with pg_dump and restores it into a fresh database, chain and checkpoints intact', async () => {
    const t = await createTestDb('postgres');
    try {
      await auditCheckpointWriter(t.db, ring, { reason: 'test' });
      const schema = (await t.db.query<{ s: string }>('select current_schema() as s'))[0].s;
      const env = { ...NO_KEY_SETTINGS, SHEQU_AUDIT_KEY: key, DATABASE_URL: PG_URL };
      const out = join(dir, 'shequ.dump');
      const b = await run(['backup', '-o', out, '--schema', schema], env);
      expect(b.code, b.stderr).toBe(0);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      const source = await backupRepository.tableCounts(t.db);

      const admin = await openDatabase({ url: PG_URL });
      await admin.query(`create database ${restoreDb}`);
      await admin.close();
      const renv = { ...env, DATABASE_URL: restoreUrl };
      const r = await run(['restore', out, '--schema', schema], renv);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('已恢复到 PostgreSQL 数据库');
      expect(r.stdout).toMatch(/审计链完整/);

      const restored = await openDatabase({ url: restoreUrl, schema });
      try {
        expect(await backupRepository.tableCounts(restored)).toEqual(plusRestore(source));
        const v = await auditChainReport(restored, ring);
        expect(v).toMatchObject({ ok: true, warnings: [] });
        expect(v.checkpoints.verified).toBeGreaterThanOrEqual(3); // test, backup, restore
      } finally {
        await restored.close();
      }

      const again = await run(['restore', out, '--schema', schema], renv);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('目标数据库已有 shequ 的数据表');
      const tar = join(dir, 'x.tar.gz');
      writeFileSync(tar, Buffer.from([0x1f, 0x8b, 0, 0]));
      const wrongKind = await run(['restore', tar], renv);
      expect(wrongKind.code).toBe(1);
      expect(wrongKind.stderr).toContain('这是内嵌数据库（PGlite）的备份');
    } finally {
      await t.close();
    }
  }, 300_000);
});
