import { describe, expect, it } from 'vitest';
import { type Actor, checkGrant, grantableRoles, ROLE_PERMISSIONS, type Role, scopeOf } from './permissions.js';
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
    ['county gives a peer county_org', county, 'county_org', '532822000000', 'county', true],
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
    expect(grantableRoles(county)).toEqual(['county_swd', 'county_org', 'street', 'community', 'worker']);
    expect(grantableRoles(street)).toEqual(['street', 'community', 'worker']);
    expect(grantableRoles(admin)).toContain('sysadmin');
  });
});
