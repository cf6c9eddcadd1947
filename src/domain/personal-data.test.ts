import { describe, expect, it } from 'vitest';
import { makeIdNumber } from './id-number.js';
import { holdsPersonal, maskPersonal, PERSONAL_KEYS } from './personal-data.js';

const ID = makeIdNumber('532822', '1990-05-17', 123);
const ID_MASKED = `532822********${ID.slice(-4)}`;
const ID_X = '11010519491231002X';

describe('maskPersonal: values under the personal keys', () => {
  it.each([
    ['idNumber', ID, ID_MASKED],
    ['id_number', ID, ID_MASKED],
    ['idNumber', ID_X, '110105********002X'],
    ['phone', '13812341234', '138****1234'],
    // whatever the value looks like, the key says it is personal
    ['phone', '0691-2123456', '069****3456'],
    ['idNumber', '12345', '*****'],
  ])('%s: %s → %s', (key, value, masked) => {
    expect(maskPersonal({ [key]: value })).toEqual({ [key]: masked });
  });

  it('leaves null, numbers and booleans under those keys alone', () => {
    expect(maskPersonal({ phone: null, idNumber: null })).toEqual({ phone: null, idNumber: null });
  });

  it('masks at any depth: arrays of records, records inside records', () => {
    const entry = {
      items: [
        { name: '玉罕', idNumber: ID, phone: '13812341234' },
        { name: '岩温', idNumber: ID_X, phone: null },
      ],
      worker: { profile: { phone: '13900000000' } },
    };
    expect(maskPersonal(entry)).toEqual({
      items: [
        { name: '玉罕', idNumber: ID_MASKED, phone: '138****1234' },
        { name: '岩温', idNumber: '110105********002X', phone: null },
      ],
      worker: { profile: { phone: '139****0000' } },
    });
  });

  it('a field-level history names the key as data: maskPersonal(value, field)', () => {
    expect(maskPersonal(ID, 'idNumber')).toBe(ID_MASKED);
    expect(maskPersonal('13812341234', 'phone')).toBe('138****1234');
    expect(maskPersonal('社会工作', 'major')).toBe('社会工作');
  });

  it('does not change its input', () => {
    const input = { idNumber: ID, nested: [{ phone: '13812341234' }] };
    const copy = structuredClone(input);
    maskPersonal(input);
    expect(input).toEqual(copy);
  });

  it('covers every key the table names', () => {
    for (const key of Object.keys(PERSONAL_KEYS)) expect(maskPersonal({ [key]: ID })).not.toEqual({ [key]: ID });
  });
});

describe('maskPersonal: numbers typed into free text', () => {
  it.each([
    [`本人身份证 ${ID} 已核对`, `本人身份证 ${ID_MASKED} 已核对`],
    [`联系电话13812341234，请回电`, '联系电话138****1234，请回电'],
    [`${ID}/13812341234`, `${ID_MASKED}/138****1234`],
    ['身份证 11010519491231002x', '身份证 110105********002X'],
  ])('%s', (text, masked) => {
    expect(maskPersonal({ reason: text })).toEqual({ reason: masked });
  });

  it.each([
    ['a region code', '532822101001'],
    ['a longer run of digits', '1381234123456'],
    ['a hash', 'a13812341234b0c9f'],
    ['a certificate number', 'ZS13812341234'],
    ['a sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['a date and an amount', '2026-12-07 12000000'],
    ['an ID-like run inside a longer one', `9${ID}`],
  ])('leaves %s alone', (_, text) => {
    expect(maskPersonal({ note: text })).toEqual({ note: text });
  });

  it('does not scan numbers (ids, counts) that are not strings', () => {
    expect(maskPersonal({ createdIds: [13812341234] })).toEqual({ createdIds: [13812341234] });
  });
});

describe('holdsPersonal', () => {
  it.each([
    [{ idNumber: ID }, true],
    [{ after: { phone: '13812341234' } }, true],
    [{ reason: `号码 ${ID}` }, true],
    [{ phone: null }, false],
    [{ name: '玉罕', regionCode: '532822101001' }, false],
    [null, false],
    [undefined, false],
  ])('%j → %s', (value, expected) => {
    expect(holdsPersonal(value)).toBe(expected);
  });
});
