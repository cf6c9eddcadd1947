/**
 * Hash chain of the audit log (F-ARCHIVE): each entry's hash covers its content and the previous
 * entry's hash, so editing or deleting any entry breaks every hash after it.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  at: string; // ISO instant
  actorType: string;
  actorId: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** JSON with object keys sorted, so the same value hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function auditHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface ChainEntry extends AuditContent {
  id: number;
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBrokenId: number; reason: string };

/** Walks entries in id order from `startHash`; names the first entry whose link or hash is wrong. */
export function verifyChain(entries: Iterable<ChainEntry>, startHash = GENESIS_HASH, startCount = 0): ChainVerdict {
  let prev = startHash;
  let checked = startCount;
  for (const e of entries) {
    if (e.prevHash !== prev)
      return { ok: false, checked, firstBrokenId: e.id, reason: '与前一条记录的哈希不衔接（可能有记录被删除或插入）' };
    const { id: _id, prevHash: _p, hash, ...content } = e;
    if (auditHash(prev, content) !== hash)
      return { ok: false, checked, firstBrokenId: e.id, reason: '记录内容与哈希不符（记录被修改）' };
    prev = hash;
    checked++;
  }
  return { ok: true, checked };
}
