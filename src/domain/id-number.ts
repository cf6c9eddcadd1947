/**
 * Resident identity number (公民身份号码, GB 11643-1999) and mainland mobile
 * number helpers. Pure functions, no I/O; the current date is injected.
 *
 * Layout of the 18 characters: 6-digit address code, 8-digit birth date
 * (YYYYMMDD), 3-digit sequence (odd = male, even = female), 1 check character
 * (ISO 7064:1983 MOD 11-2). See docs/research-domain-rules.md §12.
 */

export type IdNumberErrorCode =
  | 'ID_EMPTY'
  | 'ID_LEGACY_15'
  | 'ID_FORMAT'
  | 'ID_PROVINCE'
  | 'ID_DATE'
  | 'ID_FUTURE'
  | 'ID_CHECKSUM'
  | 'ID_EXCEL_NUMBER';

export interface IdNumberInfo {
  /** 18 characters, digits plus an upper-case X as the last character. */
  normalized: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'male' | 'female';
  /** First 2 digits, e.g. "53". */
  provinceCode: string;
  /** First 6 digits (address code at the time of issue), e.g. "532822". */
  countyCode: string;
}

export type IdNumberResult =
  | { ok: true; value: IdNumberInfo }
  | { ok: false; code: IdNumberErrorCode; message: string };

export const ID_NUMBER_MESSAGES: Readonly<Record<IdNumberErrorCode, string>> = {
  ID_EMPTY: '请填写身份证号码',
  ID_LEGACY_15: '该号码为15位旧版身份证号码，请填写18位居民身份证号码',
  ID_FORMAT: '身份证号码格式不正确，应为18位（17位数字加1位数字或字母X），请核对后重新输入',
  ID_PROVINCE: '身份证号码前两位地区代码无效，请核对后重新输入',
  ID_DATE: '身份证号码中的出生日期无效，请核对后重新输入',
  ID_FUTURE: '身份证号码中的出生日期晚于当前日期，请核对后重新输入',
  ID_CHECKSUM: '身份证号码校验位错误，请核对后重新输入',
  ID_EXCEL_NUMBER: '身份证号码被 Excel 存成了数字，末位数字已丢失，请将该列设为文本格式后重新填写',
};

/** Province-level prefixes accepted (mainland 11–65, plus 71 台湾, 81 香港, 82 澳门, 83 港澳台居民居住证 range). */
const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** Default earliest accepted birth year (research-domain-rules.md §12.2: "year ≥ 1900 (configurable)"). */
export const DEFAULT_MIN_BIRTH_YEAR = 1900;

export interface ValidateIdNumberOptions {
  /** Earliest accepted birth year; defaults to DEFAULT_MIN_BIRTH_YEAR (1900). */
  minBirthYear?: number;
}

/** Converts full-width ASCII (U+FF01–U+FF5E) to half-width and removes all whitespace, incl. U+3000. */
function toHalfWidthCompact(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '');
}

/** Trim, remove inner spaces, full-width digits/letters → half-width, x → X. */
export function normalizeIdNumber(raw: string): string {
  return toHalfWidthCompact(raw).replace(/x/g, 'X');
}

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(`idCheckChar expects 17 digits, got "${first17}"`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17.charAt(i)) * WEIGHTS[i]!;
  }
  return CHECK_CHARS.charAt(sum % 11);
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Returns YYYY-MM-DD for a valid YYYYMMDD calendar date, else null. */
function parseCompactDate(yyyymmdd: string): string | null {
  if (!/^\d{8}$/.test(yyyymmdd)) return null;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

function fail(code: IdNumberErrorCode): IdNumberResult {
  return { ok: false, code, message: ID_NUMBER_MESSAGES[code] };
}

/**
 * Validates an 18-character resident ID number.
 * @param raw   user input (any type: spreadsheet cells may arrive as numbers)
 * @param today current date as YYYY-MM-DD (injected clock)
 */
export function validateIdNumber(raw: unknown, today: string, options: ValidateIdNumberOptions = {}): IdNumberResult {
  const minBirthYear = options.minBirthYear ?? DEFAULT_MIN_BIRTH_YEAR;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || parseCompactDate(today.replace(/-/g, '')) === null) {
    throw new RangeError(`validateIdNumber: today must be YYYY-MM-DD, got "${today}"`);
  }
  if (raw === null || raw === undefined) return fail('ID_EMPTY');
  // An 18-digit number exceeds 2^53: once stored as a number, the last digits are gone.
  if (typeof raw === 'number' || typeof raw === 'bigint') return fail('ID_EXCEL_NUMBER');
  if (typeof raw !== 'string') return fail('ID_FORMAT');

  const id = normalizeIdNumber(raw);
  if (id === '') return fail('ID_EMPTY');
  // Excel scientific notation, e.g. "5.32822E+17" or "5.32822199001012e+17".
  if (/^\d+(\.\d+)?E\+?\d+$/i.test(id)) return fail('ID_EXCEL_NUMBER');
  if (/^\d{15}$/.test(id)) return fail('ID_LEGACY_15');
  if (!/^\d{17}[\dX]$/.test(id)) return fail('ID_FORMAT');

  const provinceCode = id.slice(0, 2);
  if (!PROVINCE_PREFIXES.has(provinceCode)) return fail('ID_PROVINCE');

  const birthDate = parseCompactDate(id.slice(6, 14));
  if (birthDate === null || Number(id.slice(6, 10)) < minBirthYear) return fail('ID_DATE');
  if (birthDate > today) return fail('ID_FUTURE');

  if (idCheckChar(id.slice(0, 17)) !== id.charAt(17)) {
    // Excel keeps 15 significant digits, so a number typed into a General cell
    // comes back with its last three digits zeroed.
    return fail(id.endsWith('000') ? 'ID_EXCEL_NUMBER' : 'ID_CHECKSUM');
  }

  return {
    ok: true,
    value: {
      normalized: id,
      birthDate,
      gender: Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female',
      provinceCode,
      countyCode: id.slice(0, 6),
    },
  };
}

/** 532822********123X: first 6, stars, last 4. Short or empty input is fully masked. */
export function maskIdNumber(id: string): string {
  const s = normalizeIdNumber(id);
  if (s.length < 10) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}

/** 138****1234: first 3, stars, last 4. Short input is fully masked. */
export function maskPhone(phone: string): string {
  const s = toHalfWidthCompact(phone).replace(/-/g, '');
  if (s.length < 8) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

const MOBILE_EMPTY_MESSAGE = '请填写手机号码';
const MOBILE_FORMAT_MESSAGE = '手机号码格式不正确，请输入11位中国大陆手机号码';

/** Mainland mobile number ^1[3-9]\d{9}$, after removing spaces/dashes and an optional +86. */
export function validateMobile(raw: unknown): { ok: true; value: string } | { ok: false; message: string } {
  if (raw === null || raw === undefined) return { ok: false, message: MOBILE_EMPTY_MESSAGE };
  if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, message: MOBILE_FORMAT_MESSAGE };
  let s = toHalfWidthCompact(String(raw)).replace(/-/g, '');
  if (s === '') return { ok: false, message: MOBILE_EMPTY_MESSAGE };
  if (s.startsWith('+86')) s = s.slice(3);
  if (!/^1[3-9]\d{9}$/.test(s)) return { ok: false, message: MOBILE_FORMAT_MESSAGE };
  return { ok: true, value: s };
}

/**
 * Builds a valid 18-character ID number (for synthetic/demo data only).
 * @param countyCode6 6-digit address code
 * @param birthDate   YYYY-MM-DD (or YYYYMMDD)
 * @param sequence3   0–999; odd = male, even = female
 */
export function makeIdNumber(countyCode6: string, birthDate: string, sequence3: number): string {
  if (!/^\d{6}$/.test(countyCode6)) {
    throw new RangeError(`makeIdNumber: county code must be 6 digits, got "${countyCode6}"`);
  }
  const compact = /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate.replace(/-/g, '') : birthDate;
  if (parseCompactDate(compact) === null) {
    throw new RangeError(`makeIdNumber: invalid birth date "${birthDate}"`);
  }
  if (!Number.isInteger(sequence3) || sequence3 < 0 || sequence3 > 999) {
    throw new RangeError(`makeIdNumber: sequence must be an integer 0–999, got ${sequence3}`);
  }
  const first17 = `${countyCode6}${compact}${String(sequence3).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}
