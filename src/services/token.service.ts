/** API tokens for other platforms (F-ONCE): created by an administrator for a region, shown once, stored hashed. */
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import { regionRepository } from '../db/repositories/region.repository.js';
import { type TokenRow, tokenRepository } from '../db/repositories/token.repository.js';
import { forbidden, invalid, notFound, outOfScope } from '../domain/errors.js';
import { type Actor, can, canSeeRegion } from '../domain/permissions.js';
import { isRegionCode } from '../domain/region-code.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { sha256 } from './auth.service.js';
import type { TokenCreateInput } from './token.schema.js';

export const presentToken = (t: TokenRow) => ({
  id: t.id,
  name: t.name,
  regionCode: t.region_code,
  regionName: t.region_name,
  access: t.access,
  expiresAt: new Date(t.expires_at).toISOString(),
  revokedAt: t.revoked_at ? new Date(t.revoked_at).toISOString() : null,
  lastUsedAt: t.last_used_at ? new Date(t.last_used_at).toISOString() : null,
  createdAt: new Date(t.created_at).toISOString(),
  createdBy: t.created_by_name,
});

const requireManager = (actor: Actor) => {
  if (!can(actor, 'token.manage') || actor.type !== 'user') throw forbidden();
};

export async function tokenLister(db: Database, actor: Actor) {
  requireManager(actor);
  return { items: (await tokenRepository.list(db, actor.scope)).map(presentToken) };
}

export async function tokenCreator(db: Database, actor: Actor, input: TokenCreateInput, ctx: RequestContext = {}) {
  requireManager(actor);
  if (!input.name.trim()) throw invalid('name', '名称不能为空');
  if (!isRegionCode(input.regionCode)) throw invalid('regionCode', '区划代码应为 12 位数字');
  if (!canSeeRegion(actor, input.regionCode)) throw outOfScope();
  const expires = new Date(input.expiresAt);
  const now = ctx.now?.() ?? new Date();
  if (Number.isNaN(expires.getTime())) throw invalid('expiresAt', '有效期格式不正确');
  if (expires <= now) throw invalid('expiresAt', '有效期必须晚于当前时间');
  if (expires.getTime() - now.getTime() > 366 * 2 * 86400_000) throw invalid('expiresAt', '有效期最长两年');
  if (!(await regionRepository.exists(db, input.regionCode))) throw invalid('regionCode', '区划不存在');
  const secret = `shq_${randomBytes(30).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const id = await tokenRepository.insert(tx, {
      name: input.name.trim(),
      hash: sha256(secret),
      regionCode: input.regionCode,
      access: input.access,
      createdBy: Number(actor.id),
      expiresAt: expires.toISOString(),
    });
    const token = (await tokenRepository.byIdInScope(tx, actor.scope, id))!;
    const view = presentToken(token);
    await writeAudit(
      tx,
      actor,
      { action: 'token.create', entityType: 'api_token', entityId: id, regionCode: token.region_code, after: view },
      ctx,
    );
    return { token: view, secret };
  });
}

export async function tokenRevoker(db: Database, actor: Actor, id: number, ctx: RequestContext = {}) {
  requireManager(actor);
  await db.transaction(async (tx) => {
    const before = await tokenRepository.byIdInScope(tx, actor.scope, id);
    if (!before) throw notFound('令牌');
    await tokenRepository.revoke(tx, id);
    const after = (await tokenRepository.byIdInScope(tx, actor.scope, id))!;
    await writeAudit(
      tx,
      actor,
      {
        action: 'token.revoke',
        entityType: 'api_token',
        entityId: id,
        regionCode: before.region_code,
        before: presentToken(before),
        after: presentToken(after),
      },
      ctx,
    );
  });
  return { ok: true as const };
}
