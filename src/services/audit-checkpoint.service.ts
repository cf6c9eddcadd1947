/**
 * Keyed checkpoints of the audit chain (F-ARCHIVE): where the key comes from, writing a checkpoint
 * (only over a chain found intact since the previous one), exporting it out of the database, and the
 * server's periodic writer.
 *
 * When a checkpoint is written: after every `auditCheckpointEntries` (1,000) new entries, or
 * `auditCheckpointMinutes` (10) after the last one when any entry came since — the server looks every
 * 30 seconds; when the server starts and when it stops (SIGINT/SIGTERM); after every `shequ` command
 * that may have written entries; and before an export or a backup. No entry → no new checkpoint.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Database, Queryable } from '../db/database.js';
import { auditRepository, toChainEntry } from '../db/repositories/audit.repository.js';
import { auditCheckpointRepository } from '../db/repositories/audit-checkpoint.repository.js';
import { GENESIS_HASH, verifyChain } from '../domain/audit-chain.js';
import {
  type AuditKeyring,
  type ChainPoint,
  type Checkpoint,
  checkSignature,
  EMPTY_CHAIN,
  parseKeys,
  signCheckpoint,
} from '../domain/audit-checkpoint.js';
import { conflict, DomainError, invalid } from '../domain/errors.js';
import type { Actor } from '../domain/permissions.js';
import { type RequestContext, requireNationWideAdmin, writeAudit } from './audit.service.js';

/** The key file PGlite installations get in their data directory on first start. */
export const DATA_DIR_KEY_FILE = 'audit.key';

const KEY_FILE_HEADER =
  '# shequ 审计检查点密钥（HMAC-SHA256）。第一行签名，其余行只用于校验旧检查点。\n' +
  '# 丢失后已有检查点无法校验；泄露后可伪造检查点。只允许运行服务的用户读取（chmod 600）。\n';

/**
 * The installation's audit keys: SHEQU_AUDIT_KEY (hex), else SHEQU_AUDIT_KEY_FILE, else — on PGlite —
 * `audit.key` in the data directory. A key file named but missing is created with a fresh random
 * key, mode 0600; one that others may read is refused. PostgreSQL without a setting → null (no
 * checkpoints; the server warns).
 */
export function loadAuditKeyring(
  config: Pick<Config, 'auditKey' | 'auditKeyFile' | 'dataDir'>,
  engine: Database['engine'],
): AuditKeyring | null {
  if (config.auditKey) return parse(config.auditKey, 'SHEQU_AUDIT_KEY');
  const file = config.auditKeyFile ?? (engine === 'pglite' ? join(config.dataDir, DATA_DIR_KEY_FILE) : null);
  if (!file) return null;
  if (!existsSync(file)) {
    try {
      writeFileSync(file, `${KEY_FILE_HEADER}${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new DomainError('conflict', 'AUDIT_KEY_FILE', `无法创建审计密钥文件 ${file}：${(e as Error).message}`);
    }
  }
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077)
    throw new DomainError(
      'conflict',
      'AUDIT_KEY_FILE_MODE',
      `审计密钥文件 ${file} 的权限过宽（${mode.toString(8).padStart(4, '0')}）：只应由运行服务的用户读取，请执行 chmod 600 ${file}`,
    );
  return parse(readFileSync(file, 'utf8'), file);
}

function parse(text: string, source: string): AuditKeyring {
  try {
    return parseKeys(text, source);
  } catch (e) {
    throw new DomainError('validation', 'AUDIT_KEY_INVALID', (e as Error).message);
  }
}

/** A restored key file keeps the mode the archive gave it: tighten it before use. */
export function tightenKeyFile(dataDir: string): void {
  const file = join(dataDir, DATA_DIR_KEY_FILE);
  if (existsSync(file)) chmodSync(file, 0o600);
}

/** The newest checkpoint the installation's keys vouch for, and the chain still agreeing with it. */
async function anchor(
  db: Queryable,
  ring: AuditKeyring,
): Promise<{ point: ChainPoint; checkpoint: Checkpoint | null }> {
  for (const c of await auditCheckpointRepository.latest(db, 50)) {
    if (checkSignature(ring, c) !== 'valid') continue;
    if (c.lastId === 0) return { point: EMPTY_CHAIN, checkpoint: c };
    const at = await auditCheckpointRepository.pointAt(db, c.lastId);
    if (!at || at.hash !== c.lastHash || at.count !== c.entryCount)
      throw conflict(
        `审计日志与第 ${c.id} 号检查点不符（第 ${c.lastId} 号记录${at ? '的哈希或此前的记录数已改变' : '已不存在'}），不再写入新检查点；请执行 shequ audit verify 查看`,
        'AUDIT_CHAIN_BROKEN',
      );
    return { point: { id: c.lastId, hash: c.lastHash, count: c.entryCount }, checkpoint: c };
  }
  return { point: EMPTY_CHAIN, checkpoint: null };
}

/** Recomputes the chain from `from` to its end; throws if any entry breaks it. */
async function walk(db: Queryable, from: ChainPoint): Promise<ChainPoint> {
  let point = from;
  for (;;) {
    const rows = await auditRepository.page(db, point.id, 5000);
    if (rows.length === 0) return point;
    const v = verifyChain(rows.map(toChainEntry), point.hash, point.count);
    if (!v.ok)
      throw conflict(
        `审计链在第 ${v.firstBrokenId} 号记录处断开：${v.reason}；不再写入新检查点，请执行 shequ audit verify 查看`,
        'AUDIT_CHAIN_BROKEN',
      );
    const last = rows[rows.length - 1];
    point = { id: last.id, hash: last.hash, count: v.checked };
  }
}

export interface CheckpointResult {
  checkpoint: Checkpoint;
  /** False when the newest checkpoint already covered the last entry (nothing new was written). */
  written: boolean;
}

/**
 * Writes a checkpoint of the chain's head, after recomputing the chain from the previous valid
 * checkpoint (outside the lock, then the few entries that arrived meanwhile under the writers' lock).
 * Refuses (409 AUDIT_CHAIN_BROKEN) rather than sign a broken chain.
 */
export async function auditCheckpointWriter(
  db: Database,
  ring: AuditKeyring,
  opts: { reason: string; now?: () => Date },
): Promise<CheckpointResult> {
  const start = await anchor(db, ring);
  const near = await walk(db, start.point);
  return db.transaction(async (tx) => {
    await auditRepository.lockChain(tx);
    const head = await walk(tx, near);
    if (start.checkpoint && head.id === start.point.id) return { checkpoint: start.checkpoint, written: false };
    const at = (opts.now?.() ?? new Date()).toISOString();
    const body = { at, lastId: head.id, lastHash: head.id ? head.hash : GENESIS_HASH, entryCount: head.count };
    const signed = signCheckpoint(ring.keys[0], body);
    const checkpoint = await auditCheckpointRepository.insert(tx, { ...body, ...signed }, opts.reason);
    return { checkpoint, written: true };
  });
}

export const EXPORT_FORMAT = 'shequ-audit-checkpoints';

export interface CheckpointExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  note: string;
  checkpoints: Checkpoint[];
}

/**
 * Exports the chain's head as a signed checkpoint for keeping outside the database: the export is
 * audited first and the checkpoint covers that entry too.
 */
export async function auditCheckpointExporter(
  db: Database,
  actor: Actor,
  ring: AuditKeyring | null,
  ctx: RequestContext = {},
): Promise<CheckpointExport> {
  requireNationWideAdmin(actor, '只有全国级系统管理员可以导出审计检查点');
  if (!ring) throw noKey();
  await db.transaction((tx) =>
    writeAudit(tx, actor, { action: 'audit.checkpoint.export', entityType: 'audit_checkpoint' }, ctx),
  );
  const { checkpoint } = await auditCheckpointWriter(db, ring, { reason: 'export', now: ctx.now });
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: (ctx.now?.() ?? new Date()).toISOString(),
    note: '审计日志检查点：请保存在数据库和服务器以外（如离线介质）。校验：shequ audit verify --against 本文件',
    checkpoints: [checkpoint],
  };
}

/** The newest checkpoints, for the administrator's overview. */
export async function auditCheckpointLister(db: Database, actor: Actor, limit: number): Promise<Checkpoint[]> {
  requireNationWideAdmin(actor, '只有全国级系统管理员可以查看审计检查点');
  return auditCheckpointRepository.latest(db, Math.min(Math.max(1, limit), 200));
}

export const noKey = () =>
  conflict(
    '未配置审计密钥，不能写入或导出检查点：PostgreSQL 部署请设置 SHEQU_AUDIT_KEY_FILE（见 README“安全”一节）',
    'AUDIT_KEY_MISSING',
  );

const HEX64 = /^[0-9a-f]{64}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** At most this many checkpoints are read from one exported file. */
export const MAX_EXPORTED_CHECKPOINTS = 1000;

/** Reads an exported checkpoint file from disk (the CLI's --against): present, at most 1 MB, well-formed. */
export function readCheckpointExportFile(path: string): Checkpoint[] {
  if (!existsSync(path)) throw invalid('against', `检查点文件 ${path} 不存在`, 'AUDIT_EXPORT_INVALID');
  if (statSync(path).size > 1024 * 1024)
    throw invalid('against', `检查点文件 ${path} 过大（导出文件应小于 1 MB）`, 'AUDIT_EXPORT_INVALID');
  return parseCheckpointExport(readFileSync(path, 'utf8'), path);
}

/** Reads an exported checkpoint file (JSON); refuses anything else with a message naming the field. */
export function parseCheckpointExport(text: string, field = 'file'): Checkpoint[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw invalid(field, '不是审计检查点导出文件（JSON 格式有误）', 'AUDIT_EXPORT_INVALID');
  }
  const d = doc as Partial<CheckpointExport> | null;
  if (!d || d.format !== EXPORT_FORMAT || d.version !== 1 || !Array.isArray(d.checkpoints))
    throw invalid(field, '不是审计检查点导出文件（缺少 format/version/checkpoints）', 'AUDIT_EXPORT_INVALID');
  if (d.checkpoints.length === 0 || d.checkpoints.length > MAX_EXPORTED_CHECKPOINTS)
    throw invalid(field, `导出文件应有 1 至 ${MAX_EXPORTED_CHECKPOINTS} 个检查点`, 'AUDIT_EXPORT_INVALID');
  return d.checkpoints.map((c, i) => {
    const ok =
      c &&
      Number.isSafeInteger(c.id) &&
      c.id > 0 &&
      Number.isSafeInteger(c.lastId) &&
      c.lastId >= 0 &&
      Number.isSafeInteger(c.entryCount) &&
      c.entryCount >= 0 &&
      typeof c.lastHash === 'string' &&
      HEX64.test(c.lastHash) &&
      typeof c.mac === 'string' &&
      HEX64.test(c.mac) &&
      typeof c.keyId === 'string' &&
      /^[0-9a-f]{16}$/.test(c.keyId) &&
      typeof c.at === 'string' &&
      ISO.test(c.at);
    if (!ok)
      throw invalid(`${field}.checkpoints.${i}`, `第 ${i + 1} 个检查点的字段不完整或格式有误`, 'AUDIT_EXPORT_INVALID');
    const { id, at, lastId, lastHash, entryCount, keyId, mac } = c;
    return { id, at, lastId, lastHash, entryCount, keyId, mac };
  });
}

export interface Checkpointer {
  /** Looks once: writes a checkpoint when enough entries or time have passed. */
  tick(): Promise<void>;
  /** Stops looking and writes the last checkpoint (server shutdown). */
  stop(): Promise<void>;
}

/**
 * The server's periodic writer. Problems (a broken chain) are logged once each and never stop the
 * server: the chain keeps its evidence, and `shequ audit verify` reports it.
 */
export function startAuditCheckpoints(
  db: Database,
  ring: AuditKeyring,
  opts: {
    entries: number;
    minutes: number;
    pollSeconds?: number;
    now?: () => Date;
    log: { info(msg: string): void; error(msg: string): void };
  },
): Checkpointer {
  const now = opts.now ?? (() => new Date());
  let last: Checkpoint | null | undefined;
  let lastError = '';
  let running: Promise<void> = Promise.resolve();
  const write = async (reason: string, force: boolean) => {
    try {
      if (last === undefined) last = (await auditCheckpointRepository.latest(db, 1))[0] ?? null;
      const fresh = await auditCheckpointRepository.newEntries(db, last?.lastId ?? 0);
      if (fresh.n === 0 && last) return;
      const due =
        force ||
        !last ||
        fresh.n >= opts.entries ||
        now().getTime() - new Date(last.at).getTime() >= opts.minutes * 60_000;
      if (!due) return;
      const r = await auditCheckpointWriter(db, ring, {
        reason: !force && fresh.n >= opts.entries ? 'entries' : reason,
        now,
      });
      last = r.checkpoint;
      lastError = '';
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (msg !== lastError) opts.log.error(`审计检查点未写入：${msg}`);
      lastError = msg;
    }
  };
  const run = (reason: string, force: boolean) => {
    running = running.then(() => write(reason, force));
    return running;
  };
  const timer = setInterval(() => void run('interval', false), (opts.pollSeconds ?? 30) * 1000);
  timer.unref();
  void run('startup', true);
  return {
    tick: () => run('interval', false),
    async stop() {
      clearInterval(timer);
      await run('shutdown', true);
    },
  };
}
