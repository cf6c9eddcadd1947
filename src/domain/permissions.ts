/**
 * Who may do what: roles, permissions `resource.action`, and the data scope (a region-code prefix).
 * Pure functions, no I/O; the HTTP layer and services ask these.
 */
import { type Level, inScope, scopePrefix } from './region-code.js';

export const ROLES = ['sysadmin', 'province', 'city', 'county_swd', 'county_org', 'street', 'community', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  sysadmin: '系统管理员',
  province: '省级社会工作部',
  city: '市级社会工作部',
  county_swd: '县级社会工作部',
  county_org: '县级组织部',
  street: '街道（乡镇）',
  community: '社区',
  worker: '社区工作者',
};

export const PERMISSIONS = [
  'region.read',
  'region.update',
  'region.import',
  'population.update',
  'user.manage',
  'audit.read',
  'token.manage',
  'worker.read',
  'worker.manage',
  'worker.transfer',
  'worker.reveal',
  'worker.import',
  'worker.export',
  /** Policy as data (issue 4): read the policy in force, publish a version, adjust a quota, run the grade review, read pay. */
  'policy.read',
  'policy.edit',
  'staffing.adjust',
  'grade.review',
  'pay.read',
  /** Statistics (issue 7, F-STATS): read the figures, approve a year-end snapshot at one's own level, export the report. */
  'stats.read',
  'stats.approve',
  'stats.export',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ADMIN_LEVEL: Permission[] = ['region.read', 'region.update', 'population.update', 'user.manage', 'audit.read', 'token.manage'];
const WORKER_OVERSIGHT: Permission[] = ['worker.read', 'worker.export'];
/** Street and county manage the registry (集中管理): records, transfers, imports, full ID numbers. */
const WORKER_MANAGEMENT: Permission[] = ['worker.read', 'worker.manage', 'worker.transfer', 'worker.reveal', 'worker.import', 'worker.export'];

/** Every office role reads the policy in force and the pay it gives (`pay.read`). */
const POLICY_READ: Permission[] = ['policy.read', 'pay.read'];

/** F-STATS: every office role reads and exports the figures of its subtree; approval is the level's own office (stats.service.ts checks the level). */
const STATS_READ: Permission[] = ['stats.read', 'stats.export'];

/**
 * `policy.edit` is further narrowed by level and section in policy.service.ts (`POLICY_EDIT_RIGHTS`):
 * the province sets grades, training and incentives; the city and county pay, budget and staffing.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sysadmin: PERMISSIONS,
  province: [...ADMIN_LEVEL, ...WORKER_OVERSIGHT, ...POLICY_READ, 'policy.edit', ...STATS_READ, 'stats.approve'],
  city: [...ADMIN_LEVEL, ...WORKER_OVERSIGHT, ...POLICY_READ, 'policy.edit', 'staffing.adjust', ...STATS_READ, 'stats.approve'],
  county_swd: [...ADMIN_LEVEL, ...WORKER_MANAGEMENT, ...POLICY_READ, 'policy.edit', 'staffing.adjust', 'grade.review', ...STATS_READ, 'stats.approve'],
  county_org: ['region.read', 'user.manage', 'audit.read', 'worker.read', 'worker.reveal', 'worker.export', ...POLICY_READ, ...STATS_READ],
  street: ['region.read', 'population.update', 'user.manage', ...WORKER_MANAGEMENT, ...POLICY_READ, ...STATS_READ],
  // The community secretary keeps the daily record (统筹使用) but does not move people or see full ID numbers.
  community: ['region.read', 'worker.read', 'worker.manage', ...POLICY_READ, ...STATS_READ],
  // A worker reads their own record, grade and pay only (the services narrow the scope to themself).
  worker: ['region.read', 'worker.read', 'pay.read'],
};

/** API tokens for other platforms (F-ONCE): read-only or read-write within their region. */
export const TOKEN_PERMISSIONS: Record<'read' | 'write', readonly Permission[]> = {
  read: ['region.read', 'worker.read'],
  write: ['region.read', 'region.update', 'population.update', 'worker.read', 'worker.manage', 'worker.import'],
};

/** The region level each role is attached to; sysadmin may sit anywhere. */
export const ROLE_LEVELS: Record<Role, readonly Level[]> = {
  sysadmin: ['nation', 'province', 'city', 'county', 'street', 'community'],
  province: ['province'],
  city: ['city'],
  county_swd: ['county'],
  county_org: ['county'],
  street: ['street'],
  community: ['community'],
  worker: ['community'],
};

/** Rank for "nobody can grant a role above their own". Equal ranks may grant each other. */
const ROLE_RANK: Record<Role, number> = {
  sysadmin: 100,
  province: 80,
  city: 70,
  county_swd: 60,
  county_org: 60,
  street: 50,
  community: 40,
  worker: 10,
};

export interface Actor {
  type: 'user' | 'token' | 'system';
  id: string;
  name: string;
  role: Role | 'token' | 'system';
  regionCode: string;
  regionLevel: Level;
  /** Region-code prefix of the actor's subtree; '' = everything. */
  scope: string;
  permissions: readonly Permission[];
}

export const systemActor = (name = 'system'): Actor => ({
  type: 'system',
  id: 'system',
  name,
  role: 'system',
  regionCode: '000000000000',
  regionLevel: 'nation',
  scope: '',
  permissions: PERMISSIONS,
});

export const can = (actor: Actor, permission: Permission): boolean => actor.permissions.includes(permission);

export const canSeeRegion = (actor: Actor, code: string): boolean => inScope(actor.scope, code);

export const scopeOf = (code: string, level: Level): string => scopePrefix(code, level);

/** Roles the actor may hand out: not above their own rank, and sysadmin only by a sysadmin. */
export function grantableRoles(actor: Actor): Role[] {
  if (actor.role === 'system' || actor.role === 'sysadmin') return [...ROLES];
  if (actor.role === 'token') return [];
  const own = ROLE_RANK[actor.role];
  return ROLES.filter((r) => r !== 'sysadmin' && ROLE_RANK[r] <= own);
}

export type GrantCheck = { ok: true } | { ok: false; field: 'role' | 'regionCode'; message: string };

/**
 * May `actor` give `role` at region (`code`, `level`)? The region must be inside the actor's subtree,
 * the role not above the actor's own, and the role must belong at that level.
 */
export function checkGrant(actor: Actor, role: Role, code: string, level: Level): GrantCheck {
  if (!can(actor, 'user.manage')) return { ok: false, field: 'role', message: '无权管理用户' };
  if (!grantableRoles(actor).includes(role)) return { ok: false, field: 'role', message: '不能授予高于自己的角色' };
  if (!canSeeRegion(actor, code)) return { ok: false, field: 'regionCode', message: '该区划不在您的管辖范围内' };
  if (!ROLE_LEVELS[role].includes(level)) {
    return { ok: false, field: 'regionCode', message: `角色“${ROLE_LABELS[role]}”只能分配到${ROLE_LEVELS[role].map(levelName).join('、')}级区划` };
  }
  return { ok: true };
}

const levelName = (l: Level): string =>
  ({ nation: '全国', province: '省', city: '市', county: '县', street: '街道', community: '社区' })[l];
