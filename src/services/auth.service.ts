/**
 * Sign-in, sessions, API tokens and password change. Sessions live in the database; the cookie holds a
 * random secret whose SHA-256 is the session id. Sign-in is rate-limited per account and per address.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Database, Queryable } from '../db/database.js';
import { type TokenWithCreatorRow, tokenRepository } from '../db/repositories/token.repository.js';
import { twoFactorRepository } from '../db/repositories/two-factor.repository.js';
import {
  loginAttemptRepository,
  sessionRepository,
  type UserRow,
  userRepository,
} from '../db/repositories/user.repository.js';
import { DomainError, invalid } from '../domain/errors.js';
import { nameForms, passwordProblem } from '../domain/password.js';
import { type Actor, ROLE_PERMISSIONS, type Role, scopeOf, TOKEN_PERMISSIONS } from '../domain/permissions.js';
import type { Level } from '../domain/region-code.js';
import { base32Decode, looksLikeTotp, recoveryCodeHash, verifyTotp } from '../domain/totp.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { openSecret } from './secret-box.js';

export const LOGIN_LIMITS = {
  /** Failed attempts on one account before it is locked. */
  accountFailures: 5,
  lockMinutes: 15,
  /** Failed attempts from one address in the window before it is refused. */
  ipFailures: 30,
  windowMinutes: 15,
};

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommendation). */
export const hashPassword = (pw: string): Promise<string> => hash(pw);

// Verifying against a fixed hash when the user does not exist keeps the timing the same.
let dummyHash: Promise<string> | null = null;

export const BAD_CREDENTIALS = () =>
  new DomainError('unauthenticated', 'BAD_CREDENTIALS', '用户名或密码错误', [], 'Wrong user name or password');
export const NOT_SIGNED_IN = () =>
  new DomainError('unauthenticated', 'UNAUTHENTICATED', '请先登录', [], 'Sign in first');
export const TWO_FACTOR_REQUIRED = () =>
  new DomainError(
    'unauthenticated',
    'TWO_FACTOR_REQUIRED',
    '该账号已开启两步验证，请输入手机验证器上的 6 位验证码',
    [{ field: 'code', message: '请输入验证码' }],
    'Enter the code from your authenticator app',
  );
export const BAD_TWO_FACTOR_CODE = () =>
  new DomainError(
    'unauthenticated',
    'BAD_TWO_FACTOR_CODE',
    '验证码不正确或已使用过',
    [{ field: 'code', message: '验证码不正确或已使用过' }],
    'Wrong or already used code',
  );

/**
 * What a signed-in user must do before anything else: change an initial or reset password, then — in a
 * role the policy (SHEQU_REQUIRE_2FA) requires it for — turn on two-factor sign-in. Until then the
 * session reaches only the sign-in steps (routes marked `signInStep`).
 */
export type SignInObligation = 'password' | 'two_factor';
export function signInObligation(user: UserRow, requireTwoFactor: readonly Role[]): SignInObligation | null {
  if (user.must_change_password) return 'password';
  if (requireTwoFactor.includes(user.role as Role) && !user.two_factor_enabled) return 'two_factor';
  return null;
}

/** What a new password of this user must not be derived from (their user name and name). */
export const passwordContextOf = (u: { username: string; displayName?: string }) => ({
  username: u.username,
  names: nameForms(u.displayName),
});

export function userActor(u: UserRow): Actor {
  const role = u.role as Role;
  return {
    type: 'user',
    id: String(u.id),
    name: u.username,
    role,
    regionCode: u.region_code,
    regionLevel: u.region_level as Level,
    scope: scopeOf(u.region_code, u.region_level as Level),
    permissions: ROLE_PERMISSIONS[role],
  };
}

/**
 * A token acts with its own scope and access intersected with its creator's rights as they are now
 * (role, region, enabled state read at each request): a demoted, moved or disabled creator's tokens
 * lose what the creator lost, at once. A token whose region no longer overlaps its creator's has no
 * rights at all.
 */
export function tokenActor(t: TokenWithCreatorRow): Actor {
  const tokenScope = scopeOf(t.region_code, t.region_level as Level);
  const creatorScope = scopeOf(t.creator_region_code, t.creator_region_level as Level);
  const scope = tokenScope.startsWith(creatorScope)
    ? tokenScope
    : creatorScope.startsWith(tokenScope)
      ? creatorScope
      : null;
  const creatorRights: readonly string[] = t.creator_disabled ? [] : ROLE_PERMISSIONS[t.creator_role as Role];
  return {
    type: 'token',
    id: `token:${t.id}`,
    name: `token:${t.name}`,
    role: 'token',
    regionCode: t.region_code,
    regionLevel: t.region_level as Level,
    scope: scope ?? tokenScope,
    permissions: scope === null ? [] : TOKEN_PERMISSIONS[t.access].filter((p) => creatorRights.includes(p)),
  };
}

export interface LoginInput {
  username: string;
  password: string;
  /** The two-factor code (6 digits) or a recovery code, for a user who has two-factor sign-in on. */
  code?: string;
  /** SHEQU_SECRET_KEY, to open the user's two-factor secret. */
  secretKey?: Buffer | null;
  ip: string;
  userAgent: string;
  sessionHours: number;
}

export interface LoginResult {
  user: UserRow;
  sessionSecret: string;
  csrfToken: string;
}

export async function loginer(db: Database, input: LoginInput, ctx: RequestContext = {}): Promise<LoginResult> {
  const username = input.username.trim();
  if (!username) throw invalid('username', '请输入用户名');
  if (!input.password) throw invalid('password', '请输入密码');

  if (
    (await loginAttemptRepository.recentFailures(db, 'ip', input.ip, LOGIN_LIMITS.windowMinutes)) >=
    LOGIN_LIMITS.ipFailures
  ) {
    throw new DomainError(
      'rate_limited',
      'RATE_LIMITED',
      `登录尝试过于频繁，请 ${LOGIN_LIMITS.windowMinutes} 分钟后再试`,
    );
  }
  const user = await userRepository.byUsername(db, username);
  const lockedMsg = `登录失败次数过多，账号已临时锁定，请 ${LOGIN_LIMITS.lockMinutes} 分钟后再试`;
  if (user?.locked_until && new Date(user.locked_until) > new Date())
    throw new DomainError('locked', 'ACCOUNT_LOCKED', lockedMsg);
  // Unknown names are throttled the same way, so the answer does not tell whether a name exists.
  if (
    !user &&
    (await loginAttemptRepository.recentFailures(db, 'username', username, LOGIN_LIMITS.windowMinutes)) >=
      LOGIN_LIMITS.accountFailures
  ) {
    throw new DomainError('locked', 'ACCOUNT_LOCKED', lockedMsg);
  }

  dummyHash ??= hashPassword('not-a-password-0');
  const ok = await verify(user?.password_hash ?? (await dummyHash), input.password).catch(() => false);
  const recordFailure = () =>
    db.transaction(async (tx) => {
      await loginAttemptRepository.insert(tx, username, input.ip, false);
      if (user) {
        const { locked } = await userRepository.recordFailure(
          tx,
          user.id,
          LOGIN_LIMITS.accountFailures,
          LOGIN_LIMITS.lockMinutes,
        );
        if (locked) {
          await writeAudit(
            tx,
            userActor(user),
            {
              action: 'auth.lockout',
              entityType: 'user',
              entityId: user.id,
              regionCode: user.region_code,
              after: { lockedMinutes: LOGIN_LIMITS.lockMinutes },
            },
            ctx,
          );
        }
      }
    });
  if (!user || !ok) {
    await recordFailure();
    throw BAD_CREDENTIALS();
  }
  if (user.disabled) throw new DomainError('forbidden', 'ACCOUNT_DISABLED', '该账号已停用，请联系管理员');
  if (user.two_factor_enabled) {
    // The password was right; the second factor decides. A wrong code counts like a wrong password, so
    // the account lockout bounds code guessing as it bounds password guessing.
    if (!input.code?.trim()) throw TWO_FACTOR_REQUIRED();
    if (!(await secondFactorAccepted(db, user, input.code, input.secretKey ?? null, ctx))) {
      await recordFailure();
      throw BAD_TWO_FACTOR_CODE();
    }
  }

  const sessionSecret = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await loginAttemptRepository.insert(tx, username, input.ip, true);
    await userRepository.recordSuccess(tx, user.id);
    await sessionRepository.insert(tx, {
      id: sha256(sessionSecret),
      userId: user.id,
      csrfToken,
      ip: input.ip,
      userAgent: input.userAgent.slice(0, 300),
      hours: input.sessionHours,
    });
    await writeAudit(
      tx,
      userActor(user),
      { action: 'auth.login', entityType: 'user', entityId: user.id, regionCode: user.region_code },
      ctx,
    );
  });
  return { user, sessionSecret, csrfToken };
}

export interface Authenticated {
  actor: Actor;
  user: UserRow | null;
  sessionId: string | null;
  csrfToken: string | null;
}

/**
 * Checks a TOTP code (recording its step so it cannot be used again) or a recovery code (marking it
 * used, audited) of a user with two-factor sign-in on. False if neither matches.
 */
export async function secondFactorAccepted(
  db: Database,
  user: UserRow,
  code: string,
  secretKey: Buffer | null,
  ctx: RequestContext = {},
): Promise<boolean> {
  const now = (ctx.now?.() ?? new Date()).getTime();
  return db.transaction(async (tx) => {
    const row = await twoFactorRepository.totpOf(tx, user.id);
    if (!row?.confirmed_at) return false;
    if (looksLikeTotp(code)) {
      const key = base32Decode(openSecret(row.secret, secretKey, user.id));
      const step = key ? verifyTotp(key, code, now, row.last_step) : null;
      return step !== null && (await twoFactorRepository.consumeStep(tx, user.id, step));
    }
    if (code.length > 40 || !(await twoFactorRepository.consumeRecoveryCode(tx, user.id, recoveryCodeHash(code))))
      return false;
    await writeAudit(
      tx,
      userActor(user),
      {
        action: 'auth.recovery_code_used',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.region_code,
        after: { recoveryCodesLeft: await twoFactorRepository.unusedRecoveryCodes(tx, user.id) },
      },
      ctx,
    );
    return true;
  });
}

/** Resolves a session cookie to its user, or null. */
export async function sessionAuthenticator(db: Queryable, secret: string): Promise<Authenticated | null> {
  const session = await sessionRepository.findValid(db, sha256(secret));
  if (!session) return null;
  return { actor: userActor(session.user), user: session.user, sessionId: session.id, csrfToken: session.csrf_token };
}

/** Resolves an `Authorization: Bearer` API token, or null. */
export async function tokenAuthenticator(db: Queryable, secret: string): Promise<Authenticated | null> {
  const token = await tokenRepository.byHash(db, sha256(secret));
  if (!token) return null;
  if (token.creator_disabled) {
    throw new DomainError(
      'unauthenticated',
      'TOKEN_SUSPENDED',
      '创建该接口令牌的账号已停用，令牌暂不可用',
      [],
      'The account that created this token is disabled',
    );
  }
  await tokenRepository.touch(db, token.id);
  return { actor: tokenActor(token), user: null, sessionId: null, csrfToken: null };
}

export async function logouter(db: Database, auth: Authenticated, ctx: RequestContext = {}): Promise<void> {
  if (!auth.sessionId || !auth.user) return;
  const { sessionId, user } = auth;
  await db.transaction(async (tx) => {
    await sessionRepository.delete(tx, sessionId);
    await writeAudit(
      tx,
      auth.actor,
      { action: 'auth.logout', entityType: 'user', entityId: user.id, regionCode: user.region_code },
      ctx,
    );
  });
}

export async function passwordChanger(
  db: Database,
  auth: Authenticated,
  input: { currentPassword: string; newPassword: string },
  ctx: RequestContext = {},
): Promise<void> {
  const user = auth.user;
  if (!user) throw new DomainError('forbidden', 'FORBIDDEN', '只有登录用户可以修改密码');
  await requireCurrentPassword(db, auth, input.currentPassword, 'currentPassword', ctx);
  const problem = passwordProblem(
    input.newPassword,
    passwordContextOf({ username: user.username, displayName: user.display_name }),
  );
  if (problem) throw invalid('newPassword', problem);
  if (input.newPassword === input.currentPassword) throw invalid('newPassword', '新密码不能与当前密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await userRepository.update(tx, user.id, { passwordHash, mustChangePassword: false });
    // Other sessions of this user end: a changed password must lock out whoever knew the old one.
    await sessionRepository.deleteForUser(tx, user.id, auth.sessionId ?? undefined);
    await writeAudit(
      tx,
      auth.actor,
      { action: 'user.password_change', entityType: 'user', entityId: user.id, regionCode: user.region_code },
      ctx,
    );
  });
}

/**
 * Asks a signed-in user for their password again (changing it, turning two-factor sign-in off). A wrong
 * one counts like a failed sign-in: a stolen session cannot guess without limit; the fifth locks the
 * account and ends its sessions. Throws 400 on `field` when wrong.
 */
export async function requireCurrentPassword(
  db: Database,
  auth: Authenticated,
  password: string,
  field: string,
  ctx: RequestContext = {},
): Promise<void> {
  const user = auth.user;
  if (!user) throw new DomainError('forbidden', 'FORBIDDEN', '只有登录用户可以执行此操作');
  if (!(await verify(user.password_hash, password).catch(() => false))) {
    // Wrong current passwords count like failed sign-ins: a stolen session cannot guess without limit.
    await db.transaction(async (tx) => {
      await loginAttemptRepository.insert(tx, user.username, ctx.ip ?? 'unknown', false);
      const { locked } = await userRepository.recordFailure(
        tx,
        user.id,
        LOGIN_LIMITS.accountFailures,
        LOGIN_LIMITS.lockMinutes,
      );
      if (locked) {
        await sessionRepository.deleteForUser(tx, user.id);
        await writeAudit(
          tx,
          auth.actor,
          {
            action: 'auth.lockout',
            entityType: 'user',
            entityId: user.id,
            regionCode: user.region_code,
            after: { lockedMinutes: LOGIN_LIMITS.lockMinutes },
          },
          ctx,
        );
      }
    });
    throw invalid(field, '当前密码不正确');
  }
}
