import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('security settings from the environment', () => {
  it.each([
    [{}, [], null, undefined],
    [
      { SHEQU_REQUIRE_2FA: 'sysadmin, county_swd,county_org' },
      ['sysadmin', 'county_swd', 'county_org'],
      null,
      undefined,
    ],
    [{ HOST: '0.0.0.0', SHEQU_SECRET_KEY: 'ab'.repeat(32) }, [], 32, '0.0.0.0'],
    [{ SHEQU_SECRET_KEY: Buffer.alloc(32, 1).toString('base64') }, [], 32, undefined],
  ])('%j', (env, roles, keyBytes, host) => {
    const c = loadConfig(env);
    expect(c.requireTwoFactor).toEqual(roles);
    expect(c.secretKey?.length ?? null).toBe(keyBytes);
    expect(c.host).toBe(host);
  });

  it.each([
    [{ SHEQU_REQUIRE_2FA: 'sysadmin,mayor' }, 'SHEQU_REQUIRE_2FA: 未知角色 mayor'],
    [{ SHEQU_SECRET_KEY: 'too-short' }, 'SHEQU_SECRET_KEY 须为 32 字节'],
  ])('refuses %j at start-up', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
