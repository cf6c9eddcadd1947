/**
 * Two-factor sign-in (两步验证): a user enrols (a new secret shown once as an otpauth:// URI, confirmed
 * with a code, which hands out ten recovery codes shown once), turns it off with password + code, or
 * renews the recovery codes; an administrator who manages the user may reset it (audited, the user's
 * sessions end). Codes and secrets: src/domain/totp.ts; storage: 020_two_factor.sql.
 */
import type { Database } from '../db/database.js';
import { twoFactorRepository } from '../db/repositories/two-factor.repository.js';
import { sessionRepository, userRepository } from '../db/repositories/user.repository.js';
import { conflict, DomainError, forbidden, invalid, notFound } from '../domain/errors.js';
import { type Actor, checkManageUser, type Role } from '../domain/permissions.js';
import {
  base32Decode,
  base32Encode,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  recoveryCodeHash,
  verifyTotp,
} from '../domain/totp.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { type Authenticated, requireCurrentPassword, secondFactorAccepted } from './auth.service.js';
import { openSecret, sealSecret } from './secret-box.js';

/** The issuer an authenticator app shows beside the account. */
export const TOTP_ISSUER = 'shequ';

const signedInUser = (auth: Authenticated) => {
  if (!auth.user) throw forbidden('只有登录用户可以设置两步验证');
  return auth.user;
};

/** Starts (or restarts) enrolment: a new secret, returned this once. 409 when two-factor sign-in is on. */
export async function twoFactorSetupStarter(
  db: Database,
  auth: Authenticated,
  secretKey: Buffer | null,
  ctx: RequestContext = {},
) {
  const user = signedInUser(auth);
  if (user.two_factor_enabled) {
    throw conflict('两步验证已开启。如需更换手机，请先停用两步验证再重新设置', 'TWO_FACTOR_ALREADY_ON');
  }
  const secret = base32Encode(newTotpSecret());
  await db.transaction(async (tx) => {
    await twoFactorRepository.begin(tx, user.id, sealSecret(secret, secretKey, user.id));
    await writeAudit(
      tx,
      auth.actor,
      { action: 'user.2fa_setup', entityType: 'user', entityId: user.id, regionCode: user.region_code },
      ctx,
    );
  });
  return { secret, otpauthUri: otpauthUri(TOTP_ISSUER, user.username, base32Decode(secret)!) };
}

/**
 * Confirms enrolment with a code from the app: two-factor sign-in is on from now, the user's other
 * sessions end, and ten recovery codes are returned this once (only their hashes are kept).
 */
export async function twoFactorConfirmer(
  db: Database,
  auth: Authenticated,
  input: { code: string },
  secretKey: Buffer | null,
  ctx: RequestContext = {},
) {
  const user = signedInUser(auth);
  const now = (ctx.now?.() ?? new Date()).getTime();
  const codes = newRecoveryCodes();
  return db.transaction(async (tx) => {
    const row = await twoFactorRepository.totpOf(tx, user.id);
    if (row?.confirmed_at) throw conflict('两步验证已开启', 'TWO_FACTOR_ALREADY_ON');
    if (!row) throw invalid('code', '请先点击“开始设置”，用手机验证器扫描二维码');
    const key = base32Decode(openSecret(row.secret, secretKey, user.id));
    const step = key ? verifyTotp(key, input.code, now) : null;
    if (step === null) throw invalid('code', '验证码不正确，请核对手机时间后输入验证器上当前的 6 位数字');
    if (!(await twoFactorRepository.confirm(tx, user.id, step)))
      throw conflict('两步验证已开启', 'TWO_FACTOR_ALREADY_ON');
    await twoFactorRepository.replaceRecoveryCodes(tx, user.id, codes.map(recoveryCodeHash));
    // Sessions opened with the password alone end; this one goes on.
    await sessionRepository.deleteForUser(tx, user.id, auth.sessionId ?? undefined);
    await writeAudit(
      tx,
      auth.actor,
      {
        action: 'user.2fa_enable',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.region_code,
        after: { twoFactorEnabled: true, recoveryCodes: codes.length },
      },
      ctx,
    );
    return { recoveryCodes: codes };
  });
}

/** Checks password then code (or recovery code) of the signed-in user; 400 on the field that is wrong. */
async function requirePasswordAndCode(
  db: Database,
  auth: Authenticated,
  input: { password: string; code: string },
  secretKey: Buffer | null,
  ctx: RequestContext,
) {
  const user = signedInUser(auth);
  if (!user.two_factor_enabled) throw conflict('两步验证未开启', 'TWO_FACTOR_NOT_ON');
  await requireCurrentPassword(db, auth, input.password, 'password', ctx);
  if (!(await secondFactorAccepted(db, user, input.code, secretKey, ctx)))
    throw invalid('code', '验证码不正确或已使用过');
  return user;
}

/** Turns two-factor sign-in off (password + a code or recovery code): secret and recovery codes deleted. */
export async function twoFactorDisabler(
  db: Database,
  auth: Authenticated,
  input: { password: string; code: string },
  secretKey: Buffer | null,
  ctx: RequestContext = {},
) {
  const user = await requirePasswordAndCode(db, auth, input, secretKey, ctx);
  await db.transaction(async (tx) => {
    await twoFactorRepository.remove(tx, user.id);
    await writeAudit(
      tx,
      auth.actor,
      {
        action: 'user.2fa_disable',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.region_code,
        before: { twoFactorEnabled: true },
        after: { twoFactorEnabled: false },
      },
      ctx,
    );
  });
  return { ok: true as const };
}

/** Ten new recovery codes (password + code); the old ones stop working. */
export async function recoveryCodesRenewer(
  db: Database,
  auth: Authenticated,
  input: { password: string; code: string },
  secretKey: Buffer | null,
  ctx: RequestContext = {},
) {
  const user = await requirePasswordAndCode(db, auth, input, secretKey, ctx);
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await twoFactorRepository.replaceRecoveryCodes(tx, user.id, codes.map(recoveryCodeHash));
    await writeAudit(
      tx,
      auth.actor,
      {
        action: 'user.2fa_recovery_codes',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.region_code,
        after: { recoveryCodes: codes.length },
      },
      ctx,
    );
  });
  return { recoveryCodes: codes };
}

/** The signed-in user's two-factor state: on or off, required by policy, recovery codes left. */
export async function twoFactorStatus(db: Database, auth: Authenticated, requireTwoFactor: readonly Role[]) {
  const user = signedInUser(auth);
  return {
    enabled: user.two_factor_enabled,
    required: requireTwoFactor.includes(user.role as Role),
    recoveryCodesLeft: user.two_factor_enabled ? await twoFactorRepository.unusedRecoveryCodes(db, user.id) : 0,
  };
}

/**
 * An administrator turns off another user's two-factor sign-in (a lost phone): only for a user they
 * manage (checkManageUser), audited, and the user's sessions end; their password, tokens and anything
 * else stay as they are. The user enrols again at their next sign-in if their role requires it.
 */
export async function twoFactorResetter(db: Database, actor: Actor, userId: number, ctx: RequestContext = {}) {
  return db.transaction(async (tx) => {
    const target = await userRepository.byIdInScope(tx, actor.scope, userId);
    if (!target) throw notFound('用户');
    const check = checkManageUser(actor, { role: target.role as Role, regionCode: target.region_code });
    if (!check.ok) throw forbidden(check.message);
    if (actor.type === 'user' && Number(actor.id) === userId)
      throw forbidden('请在“两步验证”页面用密码和验证码停用自己的两步验证');
    if (!target.two_factor_enabled && !(await twoFactorRepository.totpOf(tx, userId)))
      throw new DomainError('conflict', 'TWO_FACTOR_NOT_ON', '该用户未开启两步验证');
    await twoFactorRepository.remove(tx, userId);
    await sessionRepository.deleteForUser(tx, userId);
    await writeAudit(
      tx,
      actor,
      {
        action: 'user.2fa_reset',
        entityType: 'user',
        entityId: userId,
        regionCode: target.region_code,
        before: { username: target.username, twoFactorEnabled: target.two_factor_enabled },
        after: { username: target.username, twoFactorEnabled: false },
      },
      ctx,
    );
    return { ok: true as const };
  });
}
