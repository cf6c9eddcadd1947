/**
 * Sign-in, sessions, API tokens and password change. Sessions live in the database; the cookie holds a
 * random secret whose SHA-256 is the session id. Sign-in is rate-limited per account and per address.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Database, Queryable } from '../db/database.js';
import { type TokenRow, tokenRepository } from '../db/repositories/token.repository.js';
import {
  loginAttemptRepository,
  sessionRepository,
  type UserRow,
  userRepository,
} from '../db/repositories/user.repository.js';
import { DomainError, invalid } from '../domain/errors.js';
import { passwordProblem } from '../domain/password.js';
import { type Actor, ROLE_PERMISSIONS, type Role, scopeOf, TOKEN_PERMISSIONS } from '../domain/permissions.js';
import type { Level } from '../domain/region-code.js';
import { type RequestContext, writeAudit } from './audit.service.js';

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

export function tokenActor(t: TokenRow): Actor {
  return {
    type: 'token',
    id: `token:${t.id}`,
    name: `token:${t.name}`,
    role: 'token',
    regionCode: t.region_code,
    regionLevel: t.region_level as Level,
    scope: scopeOf(t.region_code, t.region_level as Level),
    permissions: TOKEN_PERMISSIONS[t.access],
  };
}

export interface LoginInput {
  username: string;
  password: string;
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
  if (!user || !ok) {
    await db.transaction(async (tx) => {
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
    throw BAD_CREDENTIALS();
  }
  if (user.disabled) throw new DomainError('forbidden', 'ACCOUNT_DISABLED', '该账号已停用，请联系管理员');

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
  if (!(await verify(user.password_hash, input.currentPassword).catch(() => false))) {
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
    throw invalid('currentPassword', '当前密码不正确');
  }
  const problem = passwordProblem(input.newPassword);
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
