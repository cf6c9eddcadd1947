// Labels and ordering for roles, levels, committee types, and the policy vocabulary (issue 4).
import { type CommitteeType, type Level, POLICY_SECTIONS, type Role, type StaffingStatus } from './api';
import type { MessageKey, Translate } from './i18n';

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
/** The county 组织部 is a department of its own; every other role is in the social work line. */
const department = (r: Role) => (r === 'county_org' ? 'organization' : 'social_work');

/**
 * Roles a user may hand out (the server decides, src/domain/permissions.ts roleManageCheck): the
 * platform administrator any; anyone else only lower levels of their own department.
 */
export function assignableRoles(own: Role): Role[] {
  if (own === 'sysadmin') return [...ROLES];
  return ROLES.filter((r) => r !== 'sysadmin' && ROLE_RANK[r] > ROLE_RANK[own] && department(r) === department(own));
}

export const roleLabel = (t: Translate, role: Role | string): string =>
  ROLES.includes(role as Role) ? t(`role.${role as Role}`) : role;

const LEVELS: Level[] = ['nation', 'province', 'city', 'county', 'street', 'community'];

export const levelLabel = (t: Translate, level: Level | string): string =>
  LEVELS.includes(level as Level) ? t(`level.${level as Level}`) : level;

const COMMITTEES: CommitteeType[] = ['residents', 'villagers', 'special'];

export const committeeLabel = (t: Translate, type: CommitteeType | null): string =>
  type && COMMITTEES.includes(type) ? t(`committee.${type}`) : '—';

// ---------------------------------------------------------------- policy, staffing, grades

const STAFFING_STATUSES: StaffingStatus[] = ['short', 'within', 'over'];

/** 缺员 red, 持平 green, 超员 orange. */
export const STAFFING_STATUS_COLORS: Record<StaffingStatus, string> = { short: 'red', within: 'green', over: 'orange' };

export const staffingStatusLabel = (t: Translate, status: StaffingStatus | string | null): string =>
  status && STAFFING_STATUSES.includes(status as StaffingStatus)
    ? t(`staffing.status.${status as StaffingStatus}`)
    : '—';

export const sectionLabel = (t: Translate, section: string): string =>
  (POLICY_SECTIONS as string[]).includes(section) ? t(`policy.section.${section}` as MessageKey) : section;

const GRADE_RULES = ['category', 'serviceYears', 'education', 'yearSteps', 'qualification', 'earlySteps', 'cap'];

export const gradeRuleLabel = (t: Translate, rule: string): string =>
  GRADE_RULES.includes(rule) ? t(`grade.rule.${rule}` as MessageKey) : rule;

/** Field names of the policy document that have a label (pf.*). */
const POLICY_FIELDS = new Set([
  'perTenThousand',
  'quotaLevel',
  'rounding',
  'withinTolerance',
  'rules',
  'appliesTo',
  'everyYears',
  'minTimes',
  'positions',
  'secretaryYears',
  'fullTermRequired',
  'categories',
  'code',
  'name',
  'minGrade',
  'maxGrade',
  'yearsPerStep',
  'educationYears',
  'qualificationSteps',
  'earlyStep',
  'consecutiveExcellent',
  'maxTimes',
  'excludeFailedYears',
  'model',
  'example',
  'source',
  'averageWageFen',
  'averageWageYear',
  'uplift',
  'baseMonthlyFen',
  'coefficients',
  'basicShare',
  'performanceShare',
  'probationRatio',
  'component',
  'postPayFen',
  'dualRoleBonusFen',
  'seniority',
  'firstFen',
  'stepFen',
  'yearsPerLevel',
  'maxLevels',
  'qualificationAllowanceFen',
  'basicPerformanceFen',
  'floorRatio',
  'ratios',
  'gradeStepFen',
  'includesEmployerContributions',
  'employerSocialInsuranceRate',
  'housingFundRate',
  'months',
  'leader',
  'deputy',
  'general',
]);

/** Label of a policy field; education and qualification keys take their vocabulary labels. */
export function policyFieldLabel(t: Translate, field: string): string {
  if (POLICY_FIELDS.has(field)) return t(`pf.${field}` as MessageKey);
  if (['doctorate', 'master', 'bachelor', 'associate', 'secondary'].includes(field)) {
    return t(`vocab.education.${field}` as MessageKey);
  }
  if (['assistant', 'intermediate', 'senior'].includes(field)) return t(`vocab.qualification.${field}` as MessageKey);
  return field;
}
