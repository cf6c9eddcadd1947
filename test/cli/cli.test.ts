/**
 * The `shequ` command on a real PGlite data directory: the directory lock, region import (all or
 * nothing), the audit verifier naming an edited entry, and the first administrator.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { asTableOwner } from '../helpers/tamper.js';

const root = projectRoot();

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

describe('shequ CLI on a PGlite data directory', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shequ-cli-'));
    env = { SHEQU_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
    const m = await run(['migrate'], env);
    expect(m.code, m.stderr).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the first administrator', async () => {
    const r = await run(
      [
        'user',
        'create',
        '--username',
        'admin1',
        '--role',
        'sysadmin',
        '--region',
        '000000000000',
        '--password',
        'Lancang#River7',
      ],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已创建用户 admin1（sysadmin，全国）');
    const bad = await run(
      [
        'user',
        'create',
        '--username',
        'admin2',
        '--role',
        'sysadmin',
        '--region',
        '000000000000',
        '--password',
        'short',
      ],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('密码至少 10 位');
  }, 60_000);

  it('imports nothing when any row is bad, and lists every bad row', async () => {
    const file = join(dir, 'regions-bad.csv');
    writeFileSync(
      file,
      [
        '勐海县区划（2026）',
        '区划代码,名称,城乡分类代码',
        '530000000000,云南省,',
        '532800000000,西双版纳傣族自治州,',
        '532822000000,勐海县,',
        '532822101000,勐海镇,',
        '532822101001,沿河社区,111',
        '532822101001,重复社区,111',
        '5328221010,短代码,',
      ].join('\r\n'),
    );
    const r = await run(['import', 'regions', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('第 8 行 [区划代码] 区划代码 532822101001 与第 7 行重复');
    expect(r.stderr).toContain('第 9 行 [区划代码] 区划代码“5328221010”应为 12 位数字');
    expect(r.stdout).toContain('共 7 行，有效 5 行，错误 2 处；未写入任何数据');
    const db = await openDatabase({ dataDir: env.SHEQU_DATA_DIR });
    try {
      expect((await db.query<{ n: number }>('select count(*)::int as n from region'))[0].n).toBe(1); // the nation root only
    } finally {
      await db.close();
    }
  }, 60_000);

  it('imports a good .xlsx (title row above the header, columns in any order) in one go', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('区划');
    ws.addRow(['西双版纳州区划表']);
    ws.addRow(['名称', '城乡分类代码', '区划代码', '年份', '城镇常住人口']);
    ws.addRow(['云南省', null, '530000000000']);
    ws.addRow(['西双版纳傣族自治州', null, 532800000000]);
    ws.addRow(['勐海县', null, '532822000000', 2026, 128000]);
    ws.addRow(['勐海镇', null, '532822101000']);
    ws.addRow(['沿河社区居民委员会', '111', '532822101001', 2026, 6100]);
    const file = join(dir, 'regions.xlsx');
    await wb.xlsx.writeFile(file);
    const dry = await run(['import', 'regions', file, '--dry-run'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('试运行，未写入');
    const r = await run(['import', 'regions', file], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('共 5 行，有效 5 行，错误 0 处；已全部写入');
    const db = await openDatabase({ dataDir: env.SHEQU_DATA_DIR });
    try {
      const rows = await db.query<{ code: string; committee_type: string | null; urban_rural_class: string | null }>(
        "select code, committee_type, urban_rural_class from region where code like '53%' order by code",
      );
      expect(rows.map((x) => x.code)).toEqual([
        '530000000000',
        '532800000000',
        '532822000000',
        '532822101000',
        '532822101001',
      ]);
      expect(rows[4]).toMatchObject({ committee_type: 'residents', urban_rural_class: '111' });
      expect(
        await db.query(
          'select region_code, year, urban_resident_population from region_population order by region_code',
        ),
      ).toEqual([
        { region_code: '532822000000', year: 2026, urban_resident_population: 128000 },
        { region_code: '532822101001', year: 2026, urban_resident_population: 6100 },
      ]);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('names the first edited audit entry', async () => {
    const ok = await run(['audit', 'verify'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/审计链完整：已校验 \d+ 条记录/);
    const db = await openDatabase({ dataDir: env.SHEQU_DATA_DIR });
    const id = (await db.query<{ id: number }>("select id from audit_log where action = 'region.import'"))[0].id;
    await asTableOwner(db, (tx) => tx.query(`update audit_log set after = '{"count": 1}'::jsonb where id = $1`, [id]));
    await db.close();
    const bad = await run(['audit', 'verify'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`审计链在第 ${id} 号记录处断开：记录内容与哈希不符（记录被修改）`);
  }, 60_000);

  it('seeds synthetic workers, exports them masked, and refuses a bad worker sheet with exit code 1', async () => {
    const seeded = await run(['seed', 'synthetic', '--workers', '300', '--scope', 'county', '--seed', '7'], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/已生成 \d+ 个区划、300 名合成人员/);
    const out = join(dir, 'workers.xlsx');
    const exported = await run(['export', 'workers', '--region', '417002000000', '-o', out], env);
    expect(exported.code, exported.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0];
    const ids: string[] = [];
    sheet.eachRow((row) => {
      for (const v of (row.values as unknown[]).slice(1))
        if (typeof v === 'string' && /^\d{6}\*{8}[\dX]{4}$/.test(v)) ids.push(v);
    });
    expect(ids).toHaveLength(300);

    const bad = join(dir, 'bad-workers.csv');
    writeFileSync(
      bad,
      [
        '姓名,公民身份号码,人员类别,职务,所在社区代码,参加社区工作日期',
        '张三,11010519491231002Y,社区专职工作人员,专职工作人员,417002001001,2020-01-01',
      ].join('\n'),
    );
    const refused = await run(['import', 'workers', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr + refused.stdout).toContain('公民身份号码');
  }, 120_000);

  it('with the demo loaded and no HOST: listens on 127.0.0.1 only and warns that the demo passwords are open', async () => {
    const demoDir = join(dir, 'demo-data');
    const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve'], {
      env: { ...process.env, SHEQU_DATA_DIR: demoDir, DATABASE_URL: '', HOST: '', PORT: '0', LOG_LEVEL: 'warn' },
      cwd: root,
    });
    try {
      let out = '';
      let err = '';
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          if (out.includes('shequ 已启动') && err.includes('仍在使用公开的演示密码')) resolve();
        };
        server.stdout?.on('data', (d) => {
          out += d;
          check();
        });
        server.stderr?.on('data', (d) => {
          err += d;
          check();
        });
        server.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
      });
      expect(out).toContain('已载入演示数据');
      expect(out).toContain('http://127.0.0.1:');
      expect(err).toContain('服务只监听本机 127.0.0.1');
      expect(err).toContain('演示账号 demo-admin、demo-city');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  }, 120_000);

  it('refuses a second process on the same data directory, touching nothing', async () => {
    const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve'], {
      env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'warn' },
      cwd: root,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        server.stdout?.on('data', (d) => {
          out += d;
          if (out.includes('shequ 已启动')) resolve();
        });
        server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
      const lock = readFileSync(join(env.SHEQU_DATA_DIR, 'shequ.lock'), 'utf8');
      expect(lock).toBe(String(server.pid));
      const second = await run(['migrate'], env);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`正被另一个进程（PID ${server.pid}）使用`);
      // The holder's lock is untouched.
      expect(readFileSync(join(env.SHEQU_DATA_DIR, 'shequ.lock'), 'utf8')).toBe(String(server.pid));
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    // Once the holder is gone the directory opens again.
    const after = await run(['migrate'], env);
    expect(after.code, after.stderr).toBe(0);
  }, 90_000);

  it('takes over a lock left by a process that no longer exists', async () => {
    writeFileSync(join(env.SHEQU_DATA_DIR, 'shequ.lock'), '999999');
    const r = await run(['migrate'], env);
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);
});
