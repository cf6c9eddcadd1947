/**
 * Backup and restore, so that nothing is lost (F-ARCHIVE):
 * - PGlite: a consistent copy of the data directory (the database's files, and `audit.key` when the
 *   key lives there). The directory belongs to one process: while the server runs, the copy comes from
 *   inside it (POST /api/system/backup); when it is stopped, `shequ backup` opens the directory itself.
 * - PostgreSQL: pg_dump's custom format (`shequ backup` runs pg_dump; pg_restore brings it back).
 * Every backup is audited and preceded by a checkpoint, so a restored log can be verified up to the
 * moment of the copy. A restore writes only into an empty directory or database unless forced, and
 * then keeps the old directory aside instead of deleting it.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  createWriteStream,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../config.js';
import { type Database, lockDataDir, openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { backupRepository } from '../db/repositories/backup.repository.js';
import type { AuditKeyring } from '../domain/audit-checkpoint.js';
import { conflict, DomainError, invalid } from '../domain/errors.js';
import { type Actor, systemActor } from '../domain/permissions.js';
import { type RequestContext, requireNationWideAdmin, writeAudit } from './audit.service.js';
import { auditCheckpointWriter, loadAuditKeyring, tightenKeyFile } from './audit-checkpoint.service.js';
import type { AuditReport } from './audit-verify.service.js';
import { auditChainReport } from './audit-verify.service.js';

/** A backup archive larger than this is refused on restore (it is read into memory). */
export const MAX_ARCHIVE_BYTES = 4 * 1024 ** 3 - 1;

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** Writes the backup's audit entry and a checkpoint covering it; a broken chain does not stop a backup. */
async function markBackup(db: Database, actor: Actor, ring: AuditKeyring | null, ctx: RequestContext): Promise<void> {
  await db.transaction((tx) =>
    writeAudit(tx, actor, { action: 'system.backup', entityType: 'database', after: { engine: db.engine } }, ctx),
  );
  if (ring) await auditCheckpointWriter(db, ring, { reason: 'backup', now: ctx.now }).catch(() => undefined);
}

/** PGlite, from inside the process that holds the data directory: the archive as bytes. */
export async function backupCreator(
  db: Database,
  actor: Actor,
  ring: AuditKeyring | null,
  ctx: RequestContext = {},
): Promise<{ fileName: string; archive: Blob }> {
  requireNationWideAdmin(actor, '只有全国级系统管理员可以备份数据库');
  if (db.engine !== 'pglite' || !db.snapshot)
    throw conflict(
      'PostgreSQL 部署请在服务器上执行 shequ backup（调用 pg_dump）或直接用 pg_dump 备份，见 README“备份与恢复”',
      'BACKUP_USE_PG_DUMP',
    );
  await markBackup(db, actor, ring, ctx);
  // PGlite builds the archive in memory (about the compressed size of the directory); it is streamed out.
  return { fileName: `shequ-backup-${stamp(ctx.now?.() ?? new Date())}.tar.gz`, archive: await db.snapshot() };
}

/** A Blob as a Node stream (the archive goes to the file or the response without another copy). */
export const archiveStream = (b: Blob): Readable =>
  Readable.fromWeb(b.stream() as import('node:stream/web').ReadableStream);

/** Refuses to overwrite a file: a backup never replaces another one by accident. */
function freshOutput(out: string): string {
  const path = resolve(out);
  if (existsSync(path)) throw invalid('output', `文件 ${path} 已存在：备份不会覆盖已有文件，请换一个文件名`);
  return path;
}

/** `shequ backup` on a stopped PGlite installation: the same archive the server route gives. */
export async function pgliteBackupToFile(db: Database, ring: AuditKeyring | null, out: string): Promise<number> {
  const path = freshOutput(out);
  const { archive } = await backupCreator(db, systemActor('cli'), ring);
  await pipeline(archiveStream(archive), createWriteStream(path, { mode: 0o600, flags: 'wx' }));
  return archive.size;
}

/** `shequ backup` on PostgreSQL: pg_dump's custom format of the database (or one schema). */
export async function postgresBackupToFile(
  db: Database,
  ring: AuditKeyring | null,
  opts: { url: string; out: string; schema?: string },
): Promise<number> {
  const path = freshOutput(opts.out);
  await markBackup(db, systemActor('cli'), ring, {});
  // Personal data: the file is the operator's alone from its first byte.
  writeFileSync(path, '', { mode: 0o600, flag: 'wx' });
  const args = [
    '--format=custom',
    '--file',
    path,
    ...(opts.schema ? ['--schema', opts.schema] : []),
    '--dbname',
    opts.url,
  ];
  try {
    await runTool(process.env.SHEQU_PG_DUMP ?? 'pg_dump', args);
  } catch (e) {
    rmSync(path, { force: true });
    throw e;
  }
  return statSync(path).size;
}

/** Runs pg_dump or pg_restore; a missing program or a failure becomes a message saying what to do. */
function runTool(cmd: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => {
      if (stderr.length < 8000) stderr += d;
    });
    p.on('error', (e) =>
      fail(
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? new DomainError(
              'conflict',
              'PG_TOOL_MISSING',
              `找不到 ${cmd}：请安装与服务器版本一致的 PostgreSQL 客户端（Debian：apt-get install postgresql-client），或按 README“备份与恢复”手工执行`,
            )
          : e,
      ),
    );
    p.on('close', (code) =>
      code === 0
        ? done()
        : fail(
            new DomainError(
              'conflict',
              'PG_TOOL_FAILED',
              `${basename(cmd)} 失败（退出码 ${code}）：${stderr.trim().slice(0, 2000)}`,
            ),
          ),
    );
  });
}

export interface RestoreSummary {
  /** Every table of the restored database with its row count, before the restore's own audit entry. */
  counts: Record<string, number>;
  /** The restored audit log verified with the restored (or configured) key. */
  report: AuditReport;
  /** PGlite --force: where the directory that was there before now is. */
  movedAside: string | null;
}

type Kind = 'pglite' | 'pg_dump' | 'unknown';
function archiveKind(file: string): Kind {
  const head = Buffer.alloc(262);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite'; // gzip
  if (head.subarray(257, 262).toString('latin1') === 'ustar') return 'pglite'; // plain tar
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pg_dump';
  return 'unknown';
}

function checkArchive(file: string, want: Kind): string {
  const path = resolve(file);
  if (!existsSync(path)) throw invalid('file', `备份文件 ${path} 不存在`);
  const size = statSync(path).size;
  if (size === 0 || size > MAX_ARCHIVE_BYTES) throw invalid('file', `备份文件 ${path} 的大小（${size} 字节）不对`);
  const kind = archiveKind(path);
  if (kind === want) return path;
  throw invalid(
    'file',
    kind === 'pg_dump'
      ? '这是 PostgreSQL 的备份（pg_dump）：请设置 DATABASE_URL 指向一个空数据库后再恢复'
      : kind === 'pglite'
        ? '这是内嵌数据库（PGlite）的备份：恢复时不要设置 DATABASE_URL，用 --data-dir 指定新目录'
        : '不是 shequ 的备份文件（应为 shequ backup 生成的 .tar.gz 或 pg_dump 文件）',
  );
}

/** Verifies what was restored, counts it, and records the restore in the restored log. */
async function afterRestore(
  db: Database,
  ring: AuditKeyring | null,
  file: string,
): Promise<Pick<RestoreSummary, 'counts' | 'report'>> {
  await migrate(db);
  const counts = await backupRepository.tableCounts(db);
  const report = await auditChainReport(db, ring);
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
  await db.transaction((tx) =>
    writeAudit(tx, systemActor('cli'), {
      action: 'system.restore',
      entityType: 'database',
      after: { file: basename(file), sha256, auditOk: report.ok },
    }),
  );
  if (ring && report.ok) await auditCheckpointWriter(db, ring, { reason: 'restore' }).catch(() => undefined);
  return { counts, report };
}

/**
 * Restores a PGlite archive into `dir`: an empty or new directory, or — with `force` — one whose old
 * contents are moved to `<dir>.before-restore-<time>` (refused while a process holds it).
 */
export async function pgliteRestore(
  file: string,
  dir: string,
  config: Pick<Config, 'auditKey' | 'auditKeyFile'>,
  opts: { force?: boolean; now?: Date } = {},
): Promise<RestoreSummary> {
  const archive = checkArchive(file, 'pglite');
  const target = resolve(dir);
  let movedAside: string | null = null;
  if (existsSync(target) && readdirSync(target).length > 0) {
    if (!opts.force)
      throw invalid(
        'data-dir',
        `目录 ${target} 不是空的：恢复只写入新的空目录；确要替换其中的数据库，请加 --force（原目录会改名保留，不会删除）`,
      );
    const release = lockDataDir(target); // refuses while the server (or anyone) holds it
    release();
    movedAside = `${target}.before-restore-${stamp(opts.now ?? new Date())}`;
    renameSync(target, movedAside);
  }
  const bytes = readFileSync(archive);
  const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
  let db: Database;
  try {
    db = await openDatabase({
      dataDir: target,
      loadDataDir: new Blob([bytes], { type: gz ? 'application/x-gzip' : 'application/x-tar' }),
    });
  } catch (e) {
    rmSync(target, { recursive: true, force: true });
    if (movedAside) renameSync(movedAside, target);
    throw invalid('file', `备份文件无法恢复：${(e as Error).message}`);
  }
  try {
    tightenKeyFile(target);
    const ring = loadAuditKeyring({ ...config, dataDir: target }, 'pglite');
    return { ...(await afterRestore(db, ring, archive)), movedAside };
  } finally {
    await db.close();
    if (movedAside && existsSync(join(movedAside, 'shequ.lock'))) unlinkSync(join(movedAside, 'shequ.lock'));
  }
}

/**
 * Restores a pg_dump archive into the database at `url`, which must not yet hold shequ's tables
 * (`force`: pg_restore --clean replaces them). `schema`: the schema the dump was made of, if one.
 */
export async function postgresRestore(
  file: string,
  url: string,
  config: Pick<Config, 'auditKey' | 'auditKeyFile' | 'dataDir'>,
  opts: { force?: boolean; schema?: string } = {},
): Promise<RestoreSummary> {
  const archive = checkArchive(file, 'pg_dump');
  const probe = await openDatabase({ url });
  try {
    if ((await backupRepository.hasTables(probe, opts.schema)) && !opts.force)
      throw invalid(
        'database',
        '目标数据库已有 shequ 的数据表：恢复只写入空数据库；确要替换，请加 --force（pg_restore --clean）',
      );
  } finally {
    await probe.close();
  }
  await runTool(process.env.SHEQU_PG_RESTORE ?? 'pg_restore', [
    '--exit-on-error',
    '--single-transaction',
    '--no-owner',
    ...(opts.force ? ['--clean', '--if-exists'] : []),
    '--dbname',
    url,
    archive,
  ]);
  const db = await openDatabase({ url, schema: opts.schema });
  try {
    return { ...(await afterRestore(db, loadAuditKeyring(config, 'postgres'), archive)), movedAside: null };
  } finally {
    await db.close();
  }
}
