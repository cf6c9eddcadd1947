/**
 * Keyed checkpoints of the audit hash chain (F-ARCHIVE). The chain alone (audit-chain.ts) shows an
 * edit, but not a deleted tail or a chain recomputed from the edit onwards: anyone can recompute an
 * unkeyed SHA-256. A checkpoint signs "entry `lastId` has hash `lastHash` and is the `entryCount`-th
 * entry" with HMAC-SHA256 under a key kept outside the database, so neither can be redone without
 * the key. Pure: no I/O; the key arrives as bytes.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { GENESIS_HASH } from './audit-chain.js';

/** A checkpoint as stored in audit_checkpoint and as exported (camelCase). */
export interface Checkpoint {
  id: number;
  at: string; // ISO instant, millisecond precision
  lastId: number;
  lastHash: string;
  entryCount: number;
  keyId: string;
  mac: string;
}

export interface AuditKey {
  id: string;
  secret: Buffer;
}

/** The keys this installation holds: the first signs, all of them verify (older keys after a rotation). */
export interface AuditKeyring {
  keys: AuditKey[];
  /** Where the keys came from, for messages (a file path or an environment variable's name). */
  source: string;
}

const KEY_HEX = /^[0-9a-f]{64,256}$/i;

/** Names a key without revealing it: the first 16 hex digits of a domain-separated SHA-256. */
export function keyIdOf(secret: Buffer): string {
  return createHash('sha256').update('shequ-audit-key-id\n').update(secret).digest('hex').slice(0, 16);
}

/**
 * Keys from text: one hex key (32 to 128 bytes) per line or comma-separated; blank lines and lines
 * starting with # are ignored. Throws a message in Chinese naming the bad line.
 */
export function parseKeys(text: string, source: string): AuditKeyring {
  const keys: AuditKey[] = [];
  const parts = text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('#'));
  parts.forEach((part, i) => {
    if (!KEY_HEX.test(part))
      throw new Error(`${source} 的第 ${i + 1} 个审计密钥无效：应为 64 至 256 位十六进制数字（32 至 128 字节）`);
    const secret = Buffer.from(part, 'hex');
    keys.push({ id: keyIdOf(secret), secret });
  });
  if (keys.length === 0) throw new Error(`${source} 中没有审计密钥`);
  return { keys, source };
}

/** The exact bytes a checkpoint's MAC covers. Changing this breaks every stored checkpoint. */
export function checkpointMessage(c: Pick<Checkpoint, 'lastId' | 'lastHash' | 'entryCount' | 'at'>): string {
  return `shequ-audit-checkpoint/1\n${c.lastId}\n${c.lastHash}\n${c.entryCount}\n${c.at}`;
}

export function signCheckpoint(
  key: AuditKey,
  c: Pick<Checkpoint, 'lastId' | 'lastHash' | 'entryCount' | 'at'>,
): { keyId: string; mac: string } {
  return { keyId: key.id, mac: createHmac('sha256', key.secret).update(checkpointMessage(c)).digest('hex') };
}

export type SignatureVerdict = 'valid' | 'invalid' | 'unknown_key' | 'no_key';

/** Checks a checkpoint's MAC with the key it names; 'no_key' when the installation holds no key at all. */
export function checkSignature(ring: AuditKeyring | null, c: Checkpoint): SignatureVerdict {
  if (!ring || ring.keys.length === 0) return 'no_key';
  const key = ring.keys.find((k) => k.id === c.keyId);
  if (!key) return 'unknown_key';
  const expected = Buffer.from(signCheckpoint(key, c).mac, 'hex');
  const given = /^[0-9a-f]{64}$/.test(c.mac) ? Buffer.from(c.mac, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'invalid';
}

/** The chain as it stands at one entry (or before the first: id 0, genesis, count 0). */
export interface ChainPoint {
  id: number;
  hash: string;
  count: number;
}

export const EMPTY_CHAIN: ChainPoint = { id: 0, hash: GENESIS_HASH, count: 0 };

export type ProblemCode =
  | 'CHAIN_BROKEN'
  | 'CHECKPOINT_MISMATCH'
  | 'CHECKPOINT_ENTRY_MISSING'
  | 'MISSING_TAIL'
  | 'CHECKPOINT_BAD_SIGNATURE'
  | 'CHECKPOINT_UNKNOWN_KEY';

export interface Problem {
  code: ProblemCode;
  message: string;
  /** The entry concerned (the first broken one, or the one a checkpoint names), if any. */
  entryId: number | null;
  /** The checkpoint concerned, if any (its id in the database, or in the exported file). */
  checkpointId: number | null;
  /** Where the checkpoint came from: the database's table or an exported file. */
  source: 'database' | 'file' | null;
}

const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
const label = (c: Checkpoint, source: 'database' | 'file') =>
  `${source === 'file' ? '导出文件中的' : ''}第 ${c.id} 号检查点（${when(c.at)}）`;

/**
 * Compares a checkpoint with the chain at its entry: `at` is the chain at entry `c.lastId` when that
 * entry exists, `null` when it does not; `end` is the chain's last entry. Returns the problem, or null.
 */
export function compareCheckpoint(
  c: Checkpoint,
  source: 'database' | 'file',
  at: ChainPoint | null,
  end: ChainPoint,
): Problem | null {
  const base = { checkpointId: c.id, source } as const;
  if (c.lastId === 0) {
    // An empty-log anchor: nothing to miss, but it must say so.
    if (c.lastHash === GENESIS_HASH && c.entryCount === 0) return null;
    return {
      ...base,
      code: 'CHECKPOINT_MISMATCH',
      entryId: null,
      message: `${label(c, source)}不是有效的空日志检查点`,
    };
  }
  if (!at) {
    if (end.id < c.lastId)
      return {
        ...base,
        code: 'MISSING_TAIL',
        entryId: c.lastId,
        message:
          `审计日志缺少末尾的记录：${label(c, source)}记到第 ${c.lastId} 号记录（共 ${c.entryCount} 条），` +
          `现在日志只到${end.id ? `第 ${end.id} 号记录` : '开头'}（共 ${end.count} 条），其后的记录被删除`,
      };
    return {
      ...base,
      code: 'CHECKPOINT_ENTRY_MISSING',
      entryId: c.lastId,
      message: `${label(c, source)}所记的第 ${c.lastId} 号记录已不存在（记录被删除）`,
    };
  }
  if (at.hash !== c.lastHash || at.count !== c.entryCount)
    return {
      ...base,
      code: 'CHECKPOINT_MISMATCH',
      entryId: c.lastId,
      message:
        at.count !== c.entryCount
          ? `到第 ${c.lastId} 号记录为止共有 ${at.count} 条记录，而${label(c, source)}签名时为 ${c.entryCount} 条：此前有记录被删除或插入`
          : `第 ${c.lastId} 号记录的链哈希与${label(c, source)}的签名值不符：此前的记录被修改后重新计算了哈希`,
    };
  return null;
}

/** The problem a checkpoint's signature shows, or null when it is valid (or cannot be checked at all). */
export function signatureProblem(
  verdict: SignatureVerdict,
  c: Checkpoint,
  source: 'database' | 'file',
  ring: AuditKeyring | null,
): Problem | null {
  if (verdict === 'valid' || verdict === 'no_key') return null;
  return {
    code: verdict === 'invalid' ? 'CHECKPOINT_BAD_SIGNATURE' : 'CHECKPOINT_UNKNOWN_KEY',
    entryId: null,
    checkpointId: c.id,
    source,
    message:
      verdict === 'invalid'
        ? `${label(c, source)}的签名不符：检查点被伪造或修改`
        : `${label(c, source)}由另一把密钥（${c.keyId}）签名，本机密钥（${ring?.source}）中没有它：无法确认，请把旧密钥加入密钥文件`,
  };
}
