/**
 * The audit trail (F-ARCHIVE): every mutation writes who, when, what, before and after in the
 * transaction that makes it, hash-chained.
 */

import type { Database, Queryable } from '../db/database.js';
import { auditRepository } from '../db/repositories/audit.repository.js';
import { auditHash, GENESIS_HASH } from '../domain/audit-chain.js';
import type { AuditKeyring, Checkpoint } from '../domain/audit-checkpoint.js';
import { forbidden, outOfScope } from '../domain/errors.js';
import { type Actor, can, canSeeRegion } from '../domain/permissions.js';
import { levelOfCode, scopePrefix } from '../domain/region-code.js';
import { type AuditReport, auditChainReport } from './audit-verify.service.js';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface RequestContext {
  ip?: string | null;
  /** Injected clock for tests. */
  now?: () => Date;
}

/** Appends one entry to the chain inside the caller's transaction. */
export async function writeAudit(
  tx: Queryable,
  actor: Actor,
  input: AuditInput,
  ctx: RequestContext = {},
): Promise<void> {
  const prev = (await auditRepository.lockChain(tx)) ?? GENESIS_HASH;
  const content = {
    at: (ctx.now?.() ?? new Date()).toISOString(),
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    regionCode: input.regionCode ?? null,
    before: normalise(input.before),
    after: normalise(input.after),
    ip: ctx.ip ?? null,
  };
  await auditRepository.insert(tx, { ...content, prevHash: prev, hash: auditHash(prev, content) });
}

/**
 * Appends many entries (bulk imports) in one go: the chain is computed here and inserted by `unnest`
 * in batches, so each person's history has its entry without a round trip per row.
 */
export async function writeAuditMany(
  tx: Queryable,
  actor: Actor,
  inputs: AuditInput[],
  ctx: RequestContext = {},
): Promise<void> {
  if (inputs.length === 0) return;
  let prev = (await auditRepository.lockChain(tx)) ?? GENESIS_HASH;
  const at = (ctx.now?.() ?? new Date()).toISOString();
  const entries = inputs.map((input) => {
    const content = {
      at,
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
      regionCode: input.regionCode ?? null,
      before: normalise(input.before),
      after: normalise(input.after),
      ip: ctx.ip ?? null,
    };
    const hash = auditHash(prev, content);
    const entry = { ...content, prevHash: prev, hash };
    prev = hash;
    return entry;
  });
  await auditRepository.insertMany(tx, entries);
}

// Dates become ISO strings and undefined disappears, exactly as the jsonb column will hold them.
const normalise = (v: unknown): unknown => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

/** Only a nation-wide administrator (or the CLI) may check the whole chain, export checkpoints or back up. */
export function requireNationWideAdmin(actor: Actor, message = '只有全国级系统管理员可以校验整条审计链'): void {
  const nationWideAdmin = actor.type === 'user' && actor.role === 'sysadmin' && actor.scope === '';
  if (actor.type !== 'system' && !nationWideAdmin) throw forbidden(message);
}

/**
 * Checks the whole chain page by page and every checkpoint (with the installation's keys, and any
 * exported checkpoints given); names the first broken entry and every other problem.
 */
export async function auditVerifier(
  db: Database,
  actor: Actor,
  opts: { keys?: AuditKeyring | null; external?: Checkpoint[] } = {},
): Promise<AuditReport> {
  // The chain spans every region; only a nation-wide administrator (or the CLI) verifies it whole.
  requireNationWideAdmin(actor);
  return auditChainReport(db, opts.keys ?? null, opts.external ?? []);
}

export async function auditSearcher(
  db: Database,
  actor: Actor,
  f: {
    region?: string;
    entityType?: string;
    action?: string;
    actor?: string;
    from?: string;
    to?: string;
    page: number;
    pageSize: number;
  },
) {
  if (!can(actor, 'audit.read')) throw forbidden();
  if (f.region && !canSeeRegion(actor, f.region)) throw outOfScope();
  const level = f.region ? levelOfCode(f.region) : null;
  return auditRepository.search(db, {
    ...f,
    scope: actor.scope,
    region: f.region && level ? scopePrefix(f.region, level) : undefined,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
}
