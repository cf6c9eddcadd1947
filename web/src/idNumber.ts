// Client-side check of the resident ID number (GB 11643-1999), the same algorithm as the server's
// src/domain/id-number.ts (copied, not imported): 17 digits + ISO 7064 MOD 11-2 check character.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Trim, remove inner spaces, full-width digits/letters → half-width, x → X. */
export function normalizeIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .replace(/x/g, 'X');
}

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * WEIGHTS[i];
  return CHECK_CHARS.charAt(sum % 11);
}

const daysInMonth = (y: number, m: number) =>
  m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

export type IdCheck =
  | { ok: true; normalized: string; birthDate: string; gender: 'male' | 'female' }
  | { ok: false; message: string };

/** Messages as the server words them (ID_NUMBER_MESSAGES). */
const MESSAGES = {
  format: '身份证号码格式不正确，应为18位（17位数字加1位数字或字母X），请核对后重新输入',
  legacy: '该号码为15位旧版身份证号码，请填写18位居民身份证号码',
  date: '身份证号码中的出生日期无效，请核对后重新输入',
  future: '身份证号码中的出生日期晚于当前日期，请核对后重新输入',
  checksum: '身份证号码校验位错误，请核对后重新输入',
};

/** Checks an 18-character ID number; `today` is YYYY-MM-DD. */
export function checkIdNumber(raw: string, today: string): IdCheck {
  const id = normalizeIdNumber(raw);
  if (/^\d{15}$/.test(id)) return { ok: false, message: MESSAGES.legacy };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: MESSAGES.format };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return { ok: false, message: MESSAGES.date };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birthDate > today) return { ok: false, message: MESSAGES.future };
  if (idCheckChar(id.slice(0, 17)) !== id.charAt(17)) return { ok: false, message: MESSAGES.checksum };
  return { ok: true, normalized: id, birthDate, gender: Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female' };
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
