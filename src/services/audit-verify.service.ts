/**
 * Full verification of the audit log (F-ARCHIVE): the hash chain entry by entry, every checkpoint's
 * signature, and the chain at every checkpoint — so an edit, a deletion, a chain recomputed after an
 * edit, and a deleted tail are each reported. Checkpoints exported out of the database (a file) are
 * checked the same way, which catches a truncation even when the checkpoint table was truncated too.
 * Reads page by page: a long log is never held in memory.
 */
import type { Queryable } from '../db/database.js';
import { auditRepository, toChainEntry } from '../db/repositories/audit.repository.js';
import { auditCheckpointRepository } from '../db/repositories/audit-checkpoint.repository.js';
import { auditHash } from '../domain/audit-chain.js';
import {
  type AuditKeyring,
  type ChainPoint,
  type Checkpoint,
  checkSignature,
  compareCheckpoint,
  EMPTY_CHAIN,
  type Problem,
  signatureProblem,
} from '../domain/audit-checkpoint.js';

export interface AuditReport {
  ok: boolean;
  /** Entries found intact before the first break in the chain (all of them when it is whole). */
  checked: number;
  /** Entries in the log. */
  entries: number;
  lastEntryId: number | null;
  /** The first entry whose link or content is wrong (an edit or a deletion without re-hashing). */
  firstBrokenId: number | null;
  /** The first problem, in words. */
  reason: string | null;
  checkpoints: {
    /** Checkpoints in the database and in the exported files given. */
    database: number;
    file: number;
    /** Checkpoints whose signature was checked and is valid. */
    verified: number;
    /** The newest valid checkpoint: entries after it are not yet covered by any. */
    latest: { id: number; at: string; lastId: number; entryCount: number; source: 'database' | 'file' } | null;
  };
  /** Every problem found (at most MAX_PROBLEMS; `problemCount` counts them all). */
  problems: Problem[];
  problemCount: number;
  /** What the check could not cover (no key, no checkpoint yet, entries after the last checkpoint). */
  warnings: string[];
}

const MAX_PROBLEMS = 50;
const PAGE = 5000;

async function* entries(db: Queryable) {
  let afterId = 0;
  for (;;) {
    const rows = await auditRepository.page(db, afterId, PAGE);
    if (rows.length === 0) return;
    for (const r of rows) yield toChainEntry(r);
    afterId = rows[rows.length - 1].id;
  }
}

type Sourced = { c: Checkpoint; source: 'database' | 'file' };

/** The database's checkpoints and the file's, merged in chain order (by the entry they cover). */
async function* checkpoints(db: Queryable, external: Checkpoint[]): AsyncGenerator<Sourced> {
  const file = [...external].sort((a, b) => a.lastId - b.lastId || a.id - b.id);
  let fi = 0;
  let after = { lastId: -1, id: 0 };
  for (;;) {
    const page = await auditCheckpointRepository.page(db, after, PAGE);
    for (const c of page) {
      while (fi < file.length && file[fi].lastId <= c.lastId) yield { c: file[fi++], source: 'file' };
      yield { c, source: 'database' };
    }
    if (page.length < PAGE) break;
    after = { lastId: page[page.length - 1].lastId, id: page[page.length - 1].id };
  }
  while (fi < file.length) yield { c: file[fi++], source: 'file' };
}

/** Verifies the whole log against its chain and every checkpoint; `ring` null = no key configured. */
export async function auditChainReport(
  db: Queryable,
  ring: AuditKeyring | null,
  external: Checkpoint[] = [],
): Promise<AuditReport> {
  const problems: Problem[] = [];
  let problemCount = 0;
  const report = (p: Problem | null) => {
    if (!p) return;
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  let firstBroken: { id: number; reason: string } | null = null;
  let checked = 0;
  // The chain as stored: after a break the walk goes on with the stored hashes, so a checkpoint
  // further on is still compared with what the table holds.
  let point: ChainPoint = EMPTY_CHAIN;
  const counts = { database: 0, file: 0, verified: 0, unsigned: 0 };
  let latest: AuditReport['checkpoints']['latest'] = null;

  const cps = checkpoints(db, external);
  let next = await cps.next();
  const settle = async (upTo: number, end: ChainPoint) => {
    while (!next.done && next.value.c.lastId < upTo) {
      const { c, source } = next.value;
      counts[source]++;
      const verdict = checkSignature(ring, c);
      if (verdict === 'valid') counts.verified++;
      if (verdict === 'no_key') counts.unsigned++;
      const sigProblem = signatureProblem(verdict, c, source, ring);
      report(sigProblem);
      if (!sigProblem) {
        const problem = compareCheckpoint(c, source, c.lastId === point.id ? point : null, end);
        report(problem);
        if (!problem && verdict === 'valid' && (!latest || c.lastId >= latest.lastId))
          latest = { id: c.id, at: c.at, lastId: c.lastId, entryCount: c.entryCount, source };
      }
      next = await cps.next();
    }
  };

  for await (const e of entries(db)) {
    // Checkpoints naming an id below this entry: their entry is the current point, or it is gone.
    await settle(e.id, { id: e.id, hash: e.hash, count: point.count + 1 });
    if (!firstBroken) {
      const { id: _id, prevHash, hash, ...content } = e;
      if (prevHash !== point.hash)
        firstBroken = { id: e.id, reason: '与前一条记录的哈希不衔接（可能有记录被删除或插入）' };
      else if (auditHash(point.hash, content) !== hash)
        firstBroken = { id: e.id, reason: '记录内容与哈希不符（记录被修改）' };
      else checked++;
      if (firstBroken)
        report({
          code: 'CHAIN_BROKEN',
          entryId: e.id,
          checkpointId: null,
          source: null,
          message: `审计链在第 ${e.id} 号记录处断开：${firstBroken.reason}`,
        });
    }
    point = { id: e.id, hash: e.hash, count: point.count + 1 };
  }
  await settle(Number.MAX_SAFE_INTEGER, point);

  const warnings: string[] = [];
  if (counts.database + counts.file === 0)
    warnings.push('还没有检查点：末尾记录被删除、或整条链被重新计算哈希时无法发现');
  if (counts.unsigned > 0)
    warnings.push(
      '未配置审计密钥，检查点的签名未校验（PostgreSQL 部署请设置 SHEQU_AUDIT_KEY_FILE 或 SHEQU_AUDIT_KEY）',
    );
  const covered = latest as AuditReport['checkpoints']['latest'];
  if (covered && point.id > covered.lastId)
    warnings.push(
      `第 ${covered.lastId} 号记录之后的 ${point.count - covered.entryCount} 条记录尚无检查点（下一个检查点写入后才能发现其中末尾被删除）`,
    );

  return {
    ok: problemCount === 0,
    checked,
    entries: point.count,
    lastEntryId: point.id || null,
    firstBrokenId: firstBroken?.id ?? null,
    reason: firstBroken ? firstBroken.reason : (problems[0]?.message ?? null),
    checkpoints: { database: counts.database, file: counts.file, verified: counts.verified, latest: covered },
    problems,
    problemCount,
    warnings,
  };
}
