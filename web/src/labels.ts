// Labels and ordering for roles, levels and committee types.
import type { CommitteeType, Level, Role } from './api';
import type { Translate } from './i18n';

export const ROLES: Role[] = [
  'sysadmin',
  'province',
  'city',
  'county_swd',
  'county_org',
  'street',
  'community',
  'worker',
];

/** Lower rank = higher authority; the two county departments share a rank. */
const ROLE_RANK: Record<Role, number> = {
  sysadmin: 0,
  province: 1,
  city: 2,
  county_swd: 3,
  county_org: 3,
  street: 4,
  community: 5,
  worker: 6,
};

/** Roles a user may hand out: those not above their own. */
export function assignableRoles(own: Role): Role[] {
  return ROLES.filter((r) => ROLE_RANK[r] >= ROLE_RANK[own]);
}

export const roleLabel = (t: Translate, role: Role | string): string =>
  ROLES.includes(role as Role) ? t(`role.${role as Role}`) : role;

const LEVELS: Level[] = ['nation', 'province', 'city', 'county', 'street', 'community'];

export const levelLabel = (t: Translate, level: Level | string): string =>
  LEVELS.includes(level as Level) ? t(`level.${level as Level}`) : level;

const COMMITTEES: CommitteeType[] = ['residents', 'villagers', 'special'];

export const committeeLabel = (t: Translate, type: CommitteeType | null): string =>
  type && COMMITTEES.includes(type) ? t(`committee.${type}`) : '—';
