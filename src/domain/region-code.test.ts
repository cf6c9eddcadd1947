import { describe, expect, it } from 'vitest';
import { committeeTypeOf, inScope, levelOfCode, parentCodeOf, scopePrefix } from './region-code.js';

describe('region codes (统计用区划代码)', () => {
  it.each([
    ['000000000000', 'nation', null],
    ['530000000000', 'province', '000000000000'],
    ['532800000000', 'city', '530000000000'],
    ['532822000000', 'county', '532800000000'],
    ['532822101000', 'street', '532822000000'],
    ['532822101001', 'community', '532822101000'],
    ['532801001016', 'community', '532801001000'],
  ])('%s is a %s with parent %s', (code, level, parent) => {
    expect(levelOfCode(code)).toBe(level);
    expect(parentCodeOf(code)).toBe(parent);
  });

  it.each(['53282210100', '5328221010011', '53282210100A', '', ' 532822101001'])('rejects malformed %j', (code) => {
    expect(levelOfCode(code)).toBeNull();
    expect(parentCodeOf(code)).toBeNull();
  });

  it.each([
    ['532822101001', 'residents'], // 001 is the first 居委会
    ['532822101199', 'residents'], // 199 the last
    ['532822101200', 'villagers'], // 200 the first 村委会
    ['532822101399', 'villagers'],
    ['532822101400', 'special'], // 400–599 政企合一 living areas
    ['532822101000', null], // a street has no committee
  ])('committee type of %s is %s', (code, type) => {
    expect(committeeTypeOf(code)).toBe(type);
  });

  it.each([
    ['532822000000', 'county', '532822'],
    ['532822101000', 'street', '532822101'],
    ['000000000000', 'nation', ''],
  ] as const)('scope prefix of %s (%s) is %j', (code, level, prefix) => {
    expect(scopePrefix(code, level)).toBe(prefix);
  });

  it('a county scope holds its communities and not a sibling county’s', () => {
    expect(inScope('532822', '532822101001')).toBe(true);
    expect(inScope('532822', '532801001001')).toBe(false);
    expect(inScope('', '532801001001')).toBe(true);
  });
});
