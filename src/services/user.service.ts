/** User management inside the administrator's own subtree: nobody grants a role or region above their own. */
import type { Database } from '../db/database.js';
import { regionRepository } from '../db/repositories/region.repository.js';
import { rowLockRepository } from '../db/repositories/row-lock.repository.js';
import { sessionRepository, type UserRow, userRepository } from '../db/repositories/user.repository.js';
import { checkVersion } from '../domain/concurrency.js';
import { conflict, forbidden, invalid, notFound, outOfScope } from '../domain/errors.js';
import { passwordProblem } from '../domain/password.js';
import {
  type Actor,
  can,
  canSeeRegion,
  checkGrant,
  checkManageUser,
  ROLE_PERMISSIONS,
  type Role,
} from '../domain/permissions.js';
import { isRegionCode, type Level, scopePrefix } from '../domain/region-code.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { hashPassword, passwordContextOf, signInObligation } from './auth.service.js';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  regionName: string;
  regionLevel: string;
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  twoFactorEnabled: boolean;
  createdAt: string;
  version: string;
}

export const presentUser = (u: UserRow): UserView => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  regionCode: u.region_code,
  regionName: u.region_name,
  regionLevel: u.region_level,
  disabled: u.disabled,
  lockedUntil: u.locked_until && new Date(u.locked_until) > new Date() ? new Date(u.locked_until).toISOString() : null,
  mustChangePassword: u.must_change_password,
  twoFactorEnabled: u.two_factor_enabled,
  createdAt: new Date(u.created_at).toISOString(),
  version: u.version,
});

/**
 * The signed-in user: with their permissions, whether their role must use two-factor sign-in, and what
 * they must do before anything else (`pending`: change the password, then turn on two-factor sign-in).
 */
export const presentMe = (u: UserRow, requireTwoFactor: readonly Role[] = []) => ({
  ...presentUser(u),
  permissions: [...ROLE_PERMISSIONS[u.role as Role]],
  twoFactorRequired: requireTwoFactor.includes(u.role as Role),
  pending: signInObligation(u, requireTwoFactor),
});

// What the audit log keeps of a user: never the password hash.
const auditable = (u: UserRow) => ({
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  regionCode: u.region_code,
  disabled: u.disabled,
});

export async function userSearcher(
  db: Database,
  actor: Actor,
  f: { region?: string; q?: string; role?: string; page: number; pageSize: number },
) {
  if (!can(actor, 'user.manage')) throw forbidden();
  let prefix = actor.scope;
  if (f.region) {
    if (!isRegionCode(f.region)) throw invalid('region', '区划代码应为 12 位数字');
    if (!canSeeRegion(actor, f.region)) throw outOfScope();
    const r = await regionRepository.exists(db, f.region);
    if (!r) throw notFound('区划');
    prefix = scopePrefix(r.code, r.level as Level);
  }
  const { rows, total } = await userRepository.search(db, {
    prefix,
    q: f.q,
    role: f.role,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return { items: rows.map(presentUser), total };
}

export interface UserCreateInput {
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  password: string;
  mustChangePassword?: boolean;
}

export async function userCreator(db: Database, actor: Actor, input: UserCreateInput, ctx: RequestContext = {}) {
  const username = input.username.trim();
  if (!/^[A-Za-z0-9_.-]{3,40}$/.test(username))
    throw invalid('username', '用户名应为 3–40 位字母、数字、下划线、点或连字符');
  if (!input.displayName.trim()) throw invalid('displayName', '姓名不能为空');
  const problem = passwordProblem(
    input.password,
    passwordContextOf({ username, displayName: input.displayName.trim() }),
  );
  if (problem) throw invalid('password', problem);
  if (!isRegionCode(input.regionCode)) throw invalid('regionCode', '区划代码应为 12 位数字');
  const region = await regionRepository.exists(db, input.regionCode);
  if (!region) throw invalid('regionCode', '区划不存在');
  const grant = checkGrant(actor, input.role, region.code, region.level as Level);
  if (!grant.ok) {
    if (!can(actor, 'user.manage')) throw forbidden();
    if (grant.field === 'regionCode' && !canSeeRegion(actor, region.code)) throw outOfScope();
    throw invalid(grant.field, grant.message);
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await userRepository.byUsername(tx, username)) throw conflict('用户名已被使用', 'USERNAME_TAKEN', 'username');
    const id = await userRepository.insert(tx, {
      username,
      displayName: input.displayName.trim(),
      role: input.role,
      regionCode: region.code,
      passwordHash,
      mustChangePassword: input.mustChangePassword ?? true,
    });
    const user = (await userRepository.byId(tx, id))!;
    await writeAudit(
      tx,
      actor,
      { action: 'user.create', entityType: 'user', entityId: id, regionCode: user.region_code, after: auditable(user) },
      ctx,
    );
    return { user: presentUser(user) };
  });
}

export interface UserUpdateInput {
  displayName?: string;
  role?: Role;
  regionCode?: string;
  disabled?: boolean;
  password?: string;
  /** The version the client read (body or If-Match); a user changed since is refused (409). */
  version?: string;
}

export async function userUpdater(
  db: Database,
  actor: Actor,
  id: number,
  input: UserUpdateInput,
  ctx: RequestContext = {},
) {
  if (!can(actor, 'user.manage')) throw forbidden();
  if (input.displayName !== undefined && !input.displayName.trim()) throw invalid('displayName', '姓名不能为空');
  if (input.regionCode !== undefined && !isRegionCode(input.regionCode))
    throw invalid('regionCode', '区划代码应为 12 位数字');
  let passwordHash: string | undefined;
  if (input.password !== undefined) {
    // The rule needs the target's user name and name: read them first (the write re-reads in its transaction).
    const target = await userRepository.byIdInScope(db, actor.scope, id);
    if (!target) throw notFound('用户');
    const problem = passwordProblem(
      input.password,
      passwordContextOf({ username: target.username, displayName: input.displayName ?? target.display_name }),
    );
    if (problem) throw invalid('password', problem);
    passwordHash = await hashPassword(input.password);
  }
  return db.transaction(async (tx) => {
    await rowLockRepository.lock(tx, 'app_user', id);
    const before = await userRepository.byIdInScope(tx, actor.scope, id);
    if (!before) throw notFound('用户');
    if (actor.type === 'user' && Number(actor.id) === id && input.password !== undefined) {
      // Resetting without the current password would let a stolen session take the account over.
      throw invalid('password', '请通过“修改密码”修改自己的密码（需要输入当前密码）');
    }
    if (
      actor.type === 'user' &&
      Number(actor.id) === id &&
      (input.role !== undefined || input.regionCode !== undefined || input.disabled)
    ) {
      throw invalid(
        input.role !== undefined ? 'role' : input.regionCode !== undefined ? 'regionCode' : 'disabled',
        '不能修改自己的角色、区划或停用自己',
      );
    }
    // The target must be someone the actor manages: a lower level of their own department (a county 社会工作部
    // cannot edit the city, a peer county user, or the county 组织部's accounts); the platform administrator
    // manages everyone.
    const current = checkManageUser(actor, { role: before.role as Role, regionCode: before.region_code });
    if (!current.ok) throw forbidden(current.message);
    checkVersion(before.version, input.version);
    const role = input.role ?? (before.role as Role);
    const regionCode = input.regionCode ?? before.region_code;
    const region = await regionRepository.exists(tx, regionCode);
    if (!region) throw invalid('regionCode', '区划不存在');
    const grant = checkGrant(actor, role, region.code, region.level as Level);
    if (!grant.ok) {
      // Moving a user outside the subtree is refused as creating one there is: 403, not a field error.
      if (grant.field === 'regionCode' && !canSeeRegion(actor, region.code)) throw outOfScope();
      throw invalid(grant.field, grant.message);
    }
    await userRepository.update(tx, id, {
      displayName: input.displayName?.trim(),
      role: input.role,
      regionCode: input.regionCode,
      disabled: input.disabled,
      passwordHash,
      mustChangePassword: passwordHash ? true : undefined,
    });
    // A reset, like a self-service change, must lock out whoever knew the old password.
    if (passwordHash) await sessionRepository.deleteForUser(tx, id);
    const after = (await userRepository.byId(tx, id))!;
    await writeAudit(
      tx,
      actor,
      {
        action: passwordHash ? 'user.update+password_reset' : 'user.update',
        entityType: 'user',
        entityId: id,
        regionCode: after.region_code,
        before: auditable(before),
        after: auditable(after),
      },
      ctx,
    );
    return { user: presentUser(after) };
  });
}
