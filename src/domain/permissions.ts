/**
 * Who may do what: roles, permissions `resource.action`, and the data scope (a region-code prefix).
 * Pure functions, no I/O; the HTTP layer and services ask these.
 */
import { inScope, type Level, scopePrefix } from './region-code.js';

export const ROLES = [
  'sysadmin',
  'province',
  'city',
  'county_swd',
  'county_org',
  'street',
  'community',
  'worker',
] as const;
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
  /** Training (issue 5): read programs and compliance; run programs (enrol, attendance); keep the trainer pool and resource library (city and above). */
  'training.read',
  'training.manage',
  'training.faculty',
  /**
   * Annual assessment and residents' voice (issue 5, F-ASSESS F-REWARD F-SUPERVISE): read plans and
   * results; issue a plan and approve (lock) it; enter scores; decide consequences and 容错纠错;
   * keep the public duty profiles and the rating settings of a community.
   */
  'assessment.read',
  'assessment.plan',
  'assessment.score',
  'assessment.decide',
  'voice.manage',
  /** From recruitment to exit (issue 6): read probation/retirement/incentive lists; decide probation; run recruitment. */
  'lifecycle.read',
  'probation.decide',
  'recruitment.read',
  'recruitment.manage',
  'filing.submit',
  'filing.review',
  'reserve.manage',
  'contract.manage',
  'subsidy.approve',
  'care.manage',
  /** Statistics (issue 7, F-STATS): read the figures, approve a year-end snapshot at one's own level, export the report. */
  'stats.read',
  'stats.approve',
  'stats.export',
  /** Exits with documents and approval, and the terms (届) register (issue 6, F-EXIT F-FILING): propose an exit; approve or return it; keep the register. */
  'exit.propose',
  'exit.approve',
  'term.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ADMIN_LEVEL: Permission[] = [
  'region.read',
  'region.update',
  'population.update',
  'user.manage',
  'audit.read',
  'token.manage',
];
const WORKER_OVERSIGHT: Permission[] = ['worker.read', 'worker.export'];
/** Street and county manage the registry (集中管理): records, transfers, imports, full ID numbers. */
const WORKER_MANAGEMENT: Permission[] = [
  'worker.read',
  'worker.manage',
  'worker.transfer',
  'worker.reveal',
  'worker.import',
  'worker.export',
];

/** Issue 6: the county (社会工作部) recruits and decides probation; the street decides probation; everyone above reads. */
const LIFECYCLE_OVERSIGHT: Permission[] = ['lifecycle.read', 'recruitment.read'];
const LIFECYCLE_MANAGEMENT: Permission[] = [
  'lifecycle.read',
  'recruitment.read',
  'recruitment.manage',
  'probation.decide',
  'filing.submit',
  'reserve.manage',
  'contract.manage',
  'subsidy.approve',
  'care.manage',
];

/** Every office role reads the policy in force and the pay it gives (`pay.read`). */
const POLICY_READ: Permission[] = ['policy.read', 'pay.read'];

/** Issue 5: the county issues, approves and decides; streets and communities score and keep the public page. */
const ASSESSMENT_READ: Permission[] = ['assessment.read'];
const ASSESSMENT_COUNTY: Permission[] = [
  'assessment.read',
  'assessment.plan',
  'assessment.score',
  'assessment.decide',
  'voice.manage',
];
const ASSESSMENT_LOCAL: Permission[] = ['assessment.read', 'assessment.score', 'voice.manage'];
/** F-STATS: every office role reads and exports the figures of its subtree; approval is the level's own office (stats.service.ts checks the level). */
const STATS_READ: Permission[] = ['stats.read', 'stats.export'];

/**
 * `policy.edit` is further narrowed by level and section in policy.service.ts (`POLICY_EDIT_RIGHTS`):
 * the province sets grades, training and incentives; the city and county pay, budget and staffing.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sysadmin: PERMISSIONS,
  province: [
    ...ADMIN_LEVEL,
    ...WORKER_OVERSIGHT,
    ...POLICY_READ,
    'policy.edit',
    ...ASSESSMENT_READ,
    ...LIFECYCLE_OVERSIGHT,
    ...STATS_READ,
    'stats.approve',
  ],
  city: [
    ...ADMIN_LEVEL,
    ...WORKER_OVERSIGHT,
    ...POLICY_READ,
    'policy.edit',
    'staffing.adjust',
    ...ASSESSMENT_READ,
    ...LIFECYCLE_OVERSIGHT,
    ...STATS_READ,
    'stats.approve',
  ],
  county_swd: [
    ...ADMIN_LEVEL,
    ...WORKER_MANAGEMENT,
    ...POLICY_READ,
    'policy.edit',
    'staffing.adjust',
    'grade.review',
    ...ASSESSMENT_COUNTY,
    ...LIFECYCLE_MANAGEMENT,
    ...STATS_READ,
    'stats.approve',
  ],
  // The organization department files secretaries (备案) and keeps the reserve pool with the county.
  // No user.manage: the 组织部 has no lower levels of its own, so the platform administrator keeps its accounts.
  county_org: [
    'region.read',
    'audit.read',
    'worker.read',
    'worker.reveal',
    'worker.export',
    ...POLICY_READ,
    ...ASSESSMENT_READ,
    ...LIFECYCLE_OVERSIGHT,
    'filing.review',
    'reserve.manage',
    'care.manage',
    ...STATS_READ,
  ],
  street: [
    'region.read',
    'population.update',
    'user.manage',
    ...WORKER_MANAGEMENT,
    ...POLICY_READ,
    ...ASSESSMENT_LOCAL,
    'lifecycle.read',
    'probation.decide',
    'filing.submit',
    'reserve.manage',
    'contract.manage',
    'care.manage',
    ...STATS_READ,
  ],
  // The community secretary keeps the daily record (统筹使用) but does not move people or see full ID numbers.
  community: [
    'region.read',
    'worker.read',
    'worker.manage',
    ...POLICY_READ,
    ...ASSESSMENT_LOCAL,
    'lifecycle.read',
    'care.manage',
    ...STATS_READ,
  ],
  // A worker reads their own record, grade and pay only (the services narrow the scope to themself).
  worker: ['region.read', 'worker.read', 'pay.read'],
};

// ---- Training (issue 5, F-TRAIN F-FACULTY): one block, added to the roles above so merges stay simple.
/** Street, county and above run programs; the trainer pool and resource library are kept at city level and above (F-FACULTY). */
const TRAINING_ROLE_PERMISSIONS: Partial<Record<Role, readonly Permission[]>> = {
  province: ['training.read', 'training.manage', 'training.faculty'],
  city: ['training.read', 'training.manage', 'training.faculty'],
  county_swd: ['training.read', 'training.manage'],
  county_org: ['training.read'],
  street: ['training.read', 'training.manage'],
  community: ['training.read'],
};
for (const [role, extra] of Object.entries(TRAINING_ROLE_PERMISSIONS) as [Role, Permission[]][])
  ROLE_PERMISSIONS[role] = [...ROLE_PERMISSIONS[role], ...extra];
// ---- end training

// ---- Exits and terms (issue 6, F-EXIT F-FILING): the street, the community and the county propose an
// exit with its documents; the county 社会工作部 approves or returns it. The register of terms (届) is kept
// by the street, the county and the organization department.
const EXIT_ROLE_PERMISSIONS: Partial<Record<Role, readonly Permission[]>> = {
  county_swd: ['exit.propose', 'exit.approve', 'term.manage'],
  county_org: ['term.manage'],
  street: ['exit.propose', 'term.manage'],
  community: ['exit.propose'],
};
for (const [role, extra] of Object.entries(EXIT_ROLE_PERMISSIONS) as [Role, Permission[]][])
  ROLE_PERMISSIONS[role] = [...ROLE_PERMISSIONS[role], ...extra];
// ---- end exits

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

/** Rank for "nobody manages a role at or above their own". */
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

/**
 * The department a role belongs to. The social work line (社会工作部: province, city, county, and the
 * street, community and worker accounts it oversees) and the organization department (组织部) keep their
 * accounts apart: neither resets the other's passwords or changes its roles. The platform administrator
 * stands outside both.
 */
export const ROLE_DEPARTMENT: Record<Role, 'platform' | 'social_work' | 'organization'> = {
  sysadmin: 'platform',
  province: 'social_work',
  city: 'social_work',
  county_swd: 'social_work',
  county_org: 'organization',
  street: 'social_work',
  community: 'social_work',
  worker: 'social_work',
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

export type ManageCheck = { ok: true } | { ok: false; message: string };

/**
 * May an actor of `actorRole` manage (create, edit, disable, reset the password or two-factor sign-in
 * of) a user holding `targetRole`? The platform administrator (and the system) manage everyone; anyone
 * else only roles of their own department strictly below their own level — so a county 社会工作部 manages
 * streets, communities and workers but neither its peers nor the county 组织部, and the 组织部, having no
 * lower levels of its own, manages nobody (its accounts are kept by the platform administrator).
 */
export function roleManageCheck(actorRole: Actor['role'], targetRole: Role): ManageCheck {
  if (actorRole === 'system' || actorRole === 'sysadmin') return { ok: true };
  if (actorRole === 'token') return { ok: false, message: '无权管理用户' };
  if (targetRole === 'sysadmin' || ROLE_RANK[targetRole] > ROLE_RANK[actorRole])
    return { ok: false, message: '不能管理高于自己角色的用户' };
  if (ROLE_DEPARTMENT[targetRole] !== ROLE_DEPARTMENT[actorRole])
    return { ok: false, message: '不能管理其他部门的用户' };
  if (ROLE_RANK[targetRole] === ROLE_RANK[actorRole]) return { ok: false, message: '不能管理与自己同级的用户' };
  return { ok: true };
}

/** Roles the actor may hand out: those `roleManageCheck` lets them manage. */
export function grantableRoles(actor: Actor): Role[] {
  return ROLES.filter((r) => roleManageCheck(actor.role, r).ok);
}

export type GrantCheck = { ok: true } | { ok: false; field: 'role' | 'regionCode'; message: string };

/** The grant refusal for a role the actor may not manage, worded for the role field. */
const grantMessage = (actorRole: Actor['role'], role: Role): string => {
  const check = roleManageCheck(actorRole, role);
  if (check.ok) return '';
  return check.message === '不能管理其他部门的用户'
    ? '不能授予其他部门的角色'
    : check.message === '不能管理与自己同级的用户'
      ? '不能授予与自己同级的角色'
      : '不能授予高于自己的角色';
};

/**
 * May `actor` give `role` at region (`code`, `level`)? The region must be inside the actor's subtree,
 * the role one the actor manages (`roleManageCheck`), and the role must belong at that level.
 */
export function checkGrant(actor: Actor, role: Role, code: string, level: Level): GrantCheck {
  if (!can(actor, 'user.manage')) return { ok: false, field: 'role', message: '无权管理用户' };
  if (!grantableRoles(actor).includes(role))
    return { ok: false, field: 'role', message: grantMessage(actor.role, role) };
  if (!canSeeRegion(actor, code)) return { ok: false, field: 'regionCode', message: '该区划不在您的管辖范围内' };
  if (!ROLE_LEVELS[role].includes(level)) {
    return {
      ok: false,
      field: 'regionCode',
      message: `角色“${ROLE_LABELS[role]}”只能分配到${ROLE_LEVELS[role].map(levelName).join('、')}级区划`,
    };
  }
  return { ok: true };
}

/**
 * May `actor` manage the existing user `target` at all (before any change is looked at)? The target
 * must sit inside the actor's subtree and hold a role the actor manages.
 */
export function checkManageUser(actor: Actor, target: { role: Role; regionCode: string }): ManageCheck {
  if (!can(actor, 'user.manage')) return { ok: false, message: '无权管理用户' };
  if (!canSeeRegion(actor, target.regionCode)) return { ok: false, message: '该用户不在您的管辖范围内' };
  return roleManageCheck(actor.role, target.role);
}

const levelName = (l: Level): string =>
  ({ nation: '全国', province: '省', city: '市', county: '县', street: '街道', community: '社区' })[l];
