/**
 * The server's own security warnings, for the start-up log and the platform administrator: demo accounts
 * that still sign in with the published demo password, a reverse proxy that is not trusted, two-factor
 * secrets stored without SHEQU_SECRET_KEY.
 */
import { verify } from '@node-rs/argon2';
import type { Queryable } from '../db/database.js';
import { twoFactorRepository } from '../db/repositories/two-factor.repository.js';
import { userRepository } from '../db/repositories/user.repository.js';
import { forbidden } from '../domain/errors.js';
import type { Actor } from '../domain/permissions.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seed/demo.js';

/** What the running server has noticed about its own setup (shown to the platform administrator). */
export interface SecurityState {
  proxyWithoutTrust: { at: string; peer: string } | null;
}

export const newSecurityState = (): SecurityState => ({ proxyWithoutTrust: null });

export const PROXY_WARNING =
  '检测到请求经反向代理转发（带 X-Forwarded-For 头），但未设置 SHEQU_TRUST_PROXY=true：所有请求都会被当作来自代理的同一地址，' +
  '按地址的登录失败限制会让所有人一起被拒绝登录。请在反向代理之后运行时设置 SHEQU_TRUST_PROXY=true（并只让代理能访问本服务）。';

// Keyed by the stored hash: a changed password has another hash, so the answer never goes stale, and
// each hash costs one argon2 verification per process.
const keepsDemoPassword = new Map<string, Promise<boolean>>();

export interface DemoAccounts {
  /** Demo accounts exist in this database (the demo data is loaded). */
  present: boolean;
  /** Enabled demo accounts whose password is still the demo password. */
  withDemoPassword: string[];
}

export async function demoAccounts(db: Queryable): Promise<DemoAccounts> {
  const users = await userRepository.byUsernames(
    db,
    DEMO_ACCOUNTS.map((a) => a.username),
  );
  const withDemoPassword: string[] = [];
  for (const u of users) {
    if (u.disabled) continue;
    let same = keepsDemoPassword.get(u.password_hash);
    if (!same) {
      same = verify(u.password_hash, DEMO_PASSWORD).catch(() => false);
      keepsDemoPassword.set(u.password_hash, same);
    }
    if (await same) withDemoPassword.push(u.username);
  }
  return { present: users.length > 0, withDemoPassword };
}

export const demoPasswordWarning = (names: string[]): string =>
  `演示账号 ${names.join('、')} 仍在使用公开的演示密码 ${DEMO_PASSWORD}，任何人都能用它登录。` +
  '正式使用前请修改这些账号的密码或停用它们。';

export interface SecurityWarning {
  code: 'DEMO_PASSWORDS' | 'PROXY_NOT_TRUSTED' | 'SECRET_KEY_MISSING';
  message: string;
}

/** The warnings in force now; for the platform administrator only. */
export async function securityWarnings(
  db: Queryable,
  actor: Actor,
  state: SecurityState,
  secretKey: Buffer | null,
): Promise<{ warnings: SecurityWarning[] }> {
  if (actor.role !== 'sysadmin' && actor.role !== 'system') throw forbidden('只有系统管理员可以查看系统安全提示');
  const warnings: SecurityWarning[] = [];
  const demo = await demoAccounts(db);
  if (demo.withDemoPassword.length)
    warnings.push({ code: 'DEMO_PASSWORDS', message: demoPasswordWarning(demo.withDemoPassword) });
  if (state.proxyWithoutTrust) warnings.push({ code: 'PROXY_NOT_TRUSTED', message: PROXY_WARNING });
  if (!secretKey && (await twoFactorRepository.inUse(db))) {
    warnings.push({
      code: 'SECRET_KEY_MISSING',
      message:
        '未设置 SHEQU_SECRET_KEY：两步验证的密钥未加密保存在数据库中。请设置该密钥（32 字节），已开启的用户重新设置后即加密保存。',
    });
  }
  return { warnings };
}
