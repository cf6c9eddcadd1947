import { describe, expect, it } from 'vitest';
import {
  type IdNumberErrorCode,
  idCheckChar,
  makeIdNumber,
  maskIdNumber,
  maskPhone,
  normalizeIdNumber,
  validateIdNumber,
  validateMobile,
} from './id-number.js';

const TODAY = '2025-06-15';

describe('idCheckChar (ISO 7064 MOD 11-2)', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['51310119820113001', '4'],
    ['37010119010203997', '3'],
  ])('%s → %s', (first17, expected) => {
    expect(idCheckChar(first17)).toBe(expected);
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => idCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idCheckChar('1101051949123100A')).toThrow(RangeError);
  });
});

describe('normalizeIdNumber', () => {
  it.each([
    ['  11010519491231002x ', '11010519491231002X'],
    ['110105 19491231 002X', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
    ['\u3000110105194912310020\u3000', '110105194912310020'],
  ])('%j → %s', (raw, expected) => {
    expect(normalizeIdNumber(raw)).toBe(expected);
  });
});

describe('validateIdNumber: valid numbers', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female', '11', '110105'],
    ['513101198201130014', '1982-01-13', 'male', '51', '513101'],
    ['370101190102039973', '1901-02-03', 'male', '37', '370101'],
  ] as const)('%s', (raw, birthDate, gender, provinceCode, countyCode) => {
    expect(validateIdNumber(raw, TODAY)).toEqual({
      ok: true,
      value: { normalized: raw, birthDate, gender, provinceCode, countyCode },
    });
  });

  it('accepts the 1880 standard vector only when minBirthYear is lowered (default is 1900)', () => {
    expect(validateIdNumber('440524188001010014', TODAY, { minBirthYear: 1800 })).toEqual({
      ok: true,
      value: {
        normalized: '440524188001010014',
        birthDate: '1880-01-01',
        gender: 'male',
        provinceCode: '44',
        countyCode: '440524',
      },
    });
    expect(validateIdNumber('440524188001010014', TODAY)).toMatchObject({ ok: false, code: 'ID_DATE' });
  });

  it('accepts lowercase x and returns the upper-case form', () => {
    const r = validateIdNumber('11010519491231002x', TODAY);
    expect(r.ok && r.value.normalized).toBe('11010519491231002X');
  });

  it('accepts full-width digits and surrounding/inner spaces', () => {
    const r = validateIdNumber(' ５１３１０１ １９８２０１１３ ００１４ ', TODAY);
    expect(r).toMatchObject({ ok: true, value: { normalized: '513101198201130014', birthDate: '1982-01-13' } });
  });

  it('accepts a birth date equal to today', () => {
    const id = makeIdNumber('532801', TODAY, 2);
    expect(validateIdNumber(id, TODAY)).toMatchObject({ ok: true, value: { birthDate: TODAY, gender: 'female' } });
  });

  it('accepts a real number whose last three characters are 000', () => {
    // sequence 300 with check character 0
    expect(validateIdNumber('532822199001023000', TODAY)).toMatchObject({
      ok: true,
      value: { normalized: '532822199001023000', gender: 'female' },
    });
  });

  it('accepts 2000-02-29 (leap year) and the HK/Macao/Taiwan prefixes', () => {
    expect(validateIdNumber(makeIdNumber('532823', '2000-02-29', 11), TODAY).ok).toBe(true);
    expect(validateIdNumber(makeIdNumber('810000', '1990-05-05', 11), TODAY).ok).toBe(true);
    expect(validateIdNumber(makeIdNumber('830000', '1990-05-05', 11), TODAY).ok).toBe(true);
  });
});

describe('validateIdNumber: rejections', () => {
  // 532822199001011237 typed into a General-format Excel cell: Excel keeps 15
  // significant digits, so the text read back is 532822199001011000.
  const excelMangled = '532822199001011000';
  const cases: Array<[string, unknown, IdNumberErrorCode]> = [
    ['bad check character', '110105194912310021', 'ID_CHECKSUM'],
    ['bad check character (X instead of 4)', '51310119820113001X', 'ID_CHECKSUM'],
    ['bad digit elsewhere (transposition)', '513101198201310014', 'ID_CHECKSUM'],
    ['19490230 is not a calendar date', '110105194902300021', 'ID_DATE'],
    ['month 13', '110105194913010021', 'ID_DATE'],
    ['1900-02-29 (not a leap year)', makeIdNumber('110105', '19000301', 1).replace('19000301', '19000229'), 'ID_DATE'],
    ['year before 1900', '110105189912310021', 'ID_DATE'],
    ['birth date after injected today', makeIdNumber('532822', '2025-06-16', 123), 'ID_FUTURE'],
    ['15-digit legacy number', '110105491231002', 'ID_LEGACY_15'],
    ['unknown province 99', '990105194912310021', 'ID_PROVINCE'],
    ['unknown province 10', makeIdNumber('100105', '1949-12-31', 2), 'ID_PROVINCE'],
    ['17 digits', '11010519491231002', 'ID_FORMAT'],
    ['19 digits', '1101051949123100200', 'ID_FORMAT'],
    ['X in the middle', '1101051949123X0020', 'ID_FORMAT'],
    ['other letter as check char', '11010519491231002Y', 'ID_FORMAT'],
    ['object', { id: '11010519491231002X' }, 'ID_FORMAT'],
    ['empty string', '', 'ID_EMPTY'],
    ['only spaces', '   \u3000 ', 'ID_EMPTY'],
    ['null', null, 'ID_EMPTY'],
    ['undefined', undefined, 'ID_EMPTY'],
    ['typeof number', Number('532822199001011237'), 'ID_EXCEL_NUMBER'],
    ['exponent string', '5.32822E+17', 'ID_EXCEL_NUMBER'],
    ['lower-case exponent string', '5.32822199001011e+17', 'ID_EXCEL_NUMBER'],
    ['digits zero-filled by Excel', excelMangled, 'ID_EXCEL_NUMBER'],
  ];

  it.each(cases)('%s', (_label, raw, code) => {
    const r = validateIdNumber(raw, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('the Excel-mangled sample is not itself a valid number (check char of its first 17 is not 0)', () => {
    expect(idCheckChar(excelMangled.slice(0, 17))).not.toBe('0');
  });

  it('uses the specified user-facing messages', () => {
    expect(validateIdNumber('110105194912310021', TODAY)).toEqual({
      ok: false,
      code: 'ID_CHECKSUM',
      message: '身份证号码校验位错误，请核对后重新输入',
    });
    expect(validateIdNumber('5.32822E+17', TODAY)).toEqual({
      ok: false,
      code: 'ID_EXCEL_NUMBER',
      message: '身份证号码被 Excel 存成了数字，末位数字已丢失，请将该列设为文本格式后重新填写',
    });
    const legacy = validateIdNumber('110105491231002', TODAY);
    expect(!legacy.ok && legacy.message).toContain('18位');
  });

  it('the future check uses the injected clock, not the system clock', () => {
    const id = makeIdNumber('532822', '2030-01-01', 5);
    expect(validateIdNumber(id, '2029-12-31')).toMatchObject({ ok: false, code: 'ID_FUTURE' });
    expect(validateIdNumber(id, '2030-01-01')).toMatchObject({ ok: true, value: { gender: 'male' } });
  });

  it('throws on a malformed injected today', () => {
    expect(() => validateIdNumber('11010519491231002X', '2025/06/15')).toThrow(RangeError);
    expect(() => validateIdNumber('11010519491231002X', '2025-02-30')).toThrow(RangeError);
  });
});

describe('makeIdNumber', () => {
  it.each([
    ['532801', '1990-01-01', 123, 'male'],
    ['532822', '1975-12-31', 2, 'female'],
    ['532823', '2008-02-29', 999, 'male'],
    ['532823', '19600715', 0, 'female'],
  ] as const)('%s %s #%i round-trips', (county, birth, seq, gender) => {
    const id = makeIdNumber(county, birth, seq);
    expect(id).toMatch(/^\d{17}[\dX]$/);
    const birthIso = birth.includes('-') ? birth : `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`;
    expect(validateIdNumber(id, TODAY)).toEqual({
      ok: true,
      value: { normalized: id, birthDate: birthIso, gender, provinceCode: county.slice(0, 2), countyCode: county },
    });
  });

  it('produces the known vector', () => {
    expect(makeIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
  });

  it('rejects bad arguments', () => {
    expect(() => makeIdNumber('53282', '1990-01-01', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('532822', '1990-02-30', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('532822', '1990-01-01', 1000)).toThrow(RangeError);
    expect(() => makeIdNumber('532822', '1990-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('masking', () => {
  it.each([
    ['53282219900101123X', '532822********123X'],
    ['11010519491231002x', '110105********002X'],
    ['110105491231002', '110105*****1002'],
    ['123', '***'],
    ['', ''],
  ])('maskIdNumber(%j) → %s', (id, expected) => {
    expect(maskIdNumber(id)).toBe(expected);
  });

  it.each([
    ['13812341234', '138****1234'],
    ['138-1234-1234', '138****1234'],
    ['12345', '*****'],
  ])('maskPhone(%j) → %s', (phone, expected) => {
    expect(maskPhone(phone)).toBe(expected);
  });
});

describe('validateMobile', () => {
  it.each([
    ['13812341234', '13812341234'],
    [' 138 1234 1234 ', '13812341234'],
    ['138-1234-1234', '13812341234'],
    ['+86 138 1234 1234', '13812341234'],
    ['+86-19912341234', '19912341234'],
    ['１３８１２３４１２３４', '13812341234'],
  ])('accepts %j as %s', (raw, expected) => {
    expect(validateMobile(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['12812341234', '格式不正确'],
    ['1381234123', '格式不正确'],
    ['138123412345', '格式不正确'],
    ['0871-1234567', '格式不正确'],
    ['+85212345678', '格式不正确'],
    ['', '请填写'],
    ['  ', '请填写'],
    [null, '请填写'],
    [{}, '格式不正确'],
  ] as const)('rejects %j', (raw, fragment) => {
    const r = validateMobile(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(fragment);
  });
});
