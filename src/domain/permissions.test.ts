import { describe, expect, it } from 'vitest';
import {
  type Actor,
  checkGrant,
  checkManageUser,
  grantableRoles,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
  roleManageCheck,
  scopeOf,
} from './permissions.js';
import type { Level } from './region-code.js';

const actor = (role: Role, regionCode: string, regionLevel: Level): Actor => ({
  type: 'user',
  id: '1',
  name: role,
  role,
  regionCode,
  regionLevel,
  scope: scopeOf(regionCode, regionLevel),
  permissions: ROLE_PERMISSIONS[role],
});

const county = actor('county_swd', '532822000000', 'county');
const street = actor('street', '532822101000', 'street');
const admin = actor('sysadmin', '000000000000', 'nation');

describe('checkGrant: nobody grants a role or a region above their own', () => {
  it.each<[string, Actor, Role, string, Level, boolean, string?]>([
    ['county gives a street role in its county', county, 'street', '532822101000', 'street', true],
    ['county gives a community role', county, 'community', '532822101001', 'community', true],
    [
      'county may not give the 组织部 role (another department)',
      county,
      'county_org',
      '532822000000',
      'county',
      false,
      'role',
    ],
    ['county may not give its own role (same level)', county, 'county_swd', '532822000000', 'county', false, 'role'],
    ['county may not give city', county, 'city', '532800000000', 'city', false, 'role'],
    ['county may not give sysadmin', county, 'sysadmin', '532822000000', 'county', false, 'role'],
    ['county may not reach a sibling county', county, 'street', '532801001000', 'street', false, 'regionCode'],
    ['a street role belongs at a street', county, 'street', '532822000000', 'county', false, 'regionCode'],
    ['street gives a worker in its community', street, 'worker', '532822101001', 'community', true],
    ['street may not give county_swd', street, 'county_swd', '532822000000', 'county', false, 'role'],
    ['street may not reach another street', street, 'community', '532822102001', 'community', false, 'regionCode'],
    ['sysadmin gives sysadmin anywhere', admin, 'sysadmin', '532822000000', 'county', true],
  ])('%s', (_name, who, role, code, level, ok, field) => {
    const result = checkGrant(who, role, code, level);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.field).toBe(field);
  });

  it('roles without user.manage grant nothing', () => {
    const community = actor('community', '532822101001', 'community');
    expect(checkGrant(community, 'worker', '532822101001', 'community')).toEqual({
      ok: false,
      field: 'role',
      message: '无权管理用户',
    });
  });

  it('grantable roles never include sysadmin for non-admins and never exceed the own rank', () => {
    expect(grantableRoles(county)).toEqual(['street', 'community', 'worker']);
    expect(grantableRoles(street)).toEqual(['community', 'worker']);
    expect(grantableRoles(actor('county_org', '532822000000', 'county'))).toEqual([]);
    expect(grantableRoles(admin)).toContain('sysadmin');
  });
});

/**
 * Who may manage whom (reset a password, change a role, disable, reset two-factor sign-in): the whole
 * matrix. ✓ manages; H the target is higher (or sysadmin); S same level; D another department.
 */
const MATRIX: Record<Role, string> = {
  //          sysadmin province city county_swd county_org street community worker
  sysadmin: '✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓',
  province: 'H S ✓ ✓ D ✓ ✓ ✓',
  city: '     H H S ✓ D ✓ ✓ ✓',
  county_swd: 'H H H S D ✓ ✓ ✓',
  county_org: 'H H H D S D D D',
  street: '   H H H H H S ✓ ✓',
  community: 'H H H H H H S ✓',
  worker: '   H H H H H H H S',
};
const MESSAGES: Record<string, string> = {
  H: '不能管理高于自己角色的用户',
  S: '不能管理与自己同级的用户',
  D: '不能管理其他部门的用户',
};

describe('roleManageCheck: departments stay separate, only lower levels are managed', () => {
  const cases = ROLES.flatMap((a) =>
    MATRIX[a]
      .trim()
      .split(/\s+/)
      .map((cell, i) => [a, ROLES[i], cell] as const),
  );
  it('the matrix covers every pair', () => expect(cases).toHaveLength(ROLES.length ** 2));
  it.each(cases)('%s → %s: %s', (a, target, cell) => {
    expect(roleManageCheck(a, target)).toEqual(cell === '✓' ? { ok: true } : { ok: false, message: MESSAGES[cell] });
  });
  it('tokens manage nobody, the system everybody', () => {
    for (const r of ROLES) {
      expect(roleManageCheck('token', r).ok).toBe(false);
      expect(roleManageCheck('system', r).ok).toBe(true);
    }
  });
});

describe('checkManageUser: the role rule, inside the subtree, with user.manage', () => {
  const countyOrg = actor('county_org', '532822000000', 'county');
  const city = actor('city', '532800000000', 'city');
  it.each<[string, Actor, Role, string, string | null]>([
    [
      'county 社会工作部 → the county 组织部 user (the issue’s takeover)',
      county,
      'county_org',
      '532822000000',
      '不能管理其他部门的用户',
    ],
    [
      'county 社会工作部 → a peer county 社会工作部 user',
      county,
      'county_swd',
      '532822000000',
      '不能管理与自己同级的用户',
    ],
    ['county 社会工作部 → a street user in its county', county, 'street', '532822101000', null],
    [
      'county 社会工作部 → a street user of a sibling county',
      county,
      'street',
      '532801001000',
      '该用户不在您的管辖范围内',
    ],
    ['county 组织部 → anyone (no user.manage)', countyOrg, 'worker', '532822101001', '无权管理用户'],
    ['city → the county 组织部 user', city, 'county_org', '532822000000', '不能管理其他部门的用户'],
    ['city → a county 社会工作部 user', city, 'county_swd', '532822000000', null],
    ['sysadmin → the county 组织部 user', admin, 'county_org', '532822000000', null],
    ['sysadmin → another sysadmin', admin, 'sysadmin', '532822000000', null],
    ['street → a community user in its street', street, 'community', '532822101001', null],
    ['street → a peer street user', street, 'street', '532822101000', '不能管理与自己同级的用户'],
  ])('%s', (_label, who, role, regionCode, message) => {
    expect(checkManageUser(who, { role, regionCode })).toEqual(
      message === null ? { ok: true } : { ok: false, message },
    );
  });
});
