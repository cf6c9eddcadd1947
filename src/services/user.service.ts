/** User management inside the administrator's own subtree: nobody grants a role or region above their own. */
import type { Database } from '../db/database.js';
import { regionRepository } from '../db/repositories/region.repository.js';
import { rowLockRepository } from '../db/repositories/row-lock.repository.js';
import { sessionRepository, type UserRow, userRepository } from '../db/repositories/user.repository.js';
import { checkVersion } from '../domain/concurrency.js';
import { conflict, forbidden, invalid, notFound, outOfScope } from '../domain/errors.js';
import { passwordProblem } from '../domain/password.js';
import { type Actor, can, canSeeRegion, checkGrant, ROLE_PERMISSIONS, type Role } from '../domain/permissions.js';
import { isRegionCode, type Level, scopePrefix } from '../domain/region-code.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { hashPassword } from './auth.service.js';

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
  createdAt: new Date(u.created_at).toISOString(),
  version: u.version,
});

export const presentMe = (u: UserRow) => ({ ...presentUser(u), permissions: [...ROLE_PERMISSIONS[u.role as Role]] });

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
  const problem = passwordProblem(input.password);
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
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw invalid('password', problem);
  }
  if (input.regionCode !== undefined && !isRegionCode(input.regionCode))
    throw invalid('regionCode', '区划代码应为 12 位数字');
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
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
    // The target's current role must itself be one the actor could grant (a county cannot edit a city user).
    const current = checkGrant(actor, before.role as Role, before.region_code, before.region_level as Level);
    if (!current.ok) throw forbidden('不能修改高于自己角色的用户');
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
