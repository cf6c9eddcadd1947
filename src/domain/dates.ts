/** Business dates as 'YYYY-MM-DD' strings (Asia/Shanghai calendar days), with calendar arithmetic. */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 'YYYY-MM-DD' for a real calendar date, else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export const isIsoDate = (s: unknown): s is string =>
  typeof s === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  isoDate(+s.slice(0, 4), +s.slice(5, 7), +s.slice(8, 10)) === s;

/**
 * A date as offices type it: a JS Date (Excel date cell), an Excel serial number, `1985-03-01`,
 * `1985/3/1`, `1985.03.01`, `1985年3月1日`, `19850301`. Null when it is none of these or not a real day.
 */
export function parseFlexibleDate(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    // exceljs gives Excel dates as UTC midnight of the calendar day.
    return isoDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v === 'number') {
    // Excel serial day (1900 system): 1 = 1900-01-01, with Excel's phantom 1900-02-29.
    if (!Number.isInteger(v) || v < 1 || v > 2958465) return null;
    const d = new Date(Date.UTC(1899, 11, 30) + v * 86400000);
    return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  const s = String(v)
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  let m = s.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = s.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  // A full ISO timestamp: take its date.
  m = s.match(/^(\d{4})-(\d{2})-(\d{2})T/);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  return null;
}

/** Adds whole years, keeping 29 February on 28 February in common years. */
export function addYears(date: string, years: number): string {
  const y = +date.slice(0, 4) + years;
  const m = +date.slice(5, 7);
  const d = Math.min(+date.slice(8, 10), daysInMonth(y, m));
  return isoDate(y, m, d)!;
}

export function addDays(date: string, days: number): string {
  const t = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) + days * 86400000;
  const d = new Date(t);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())!;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round(
    (Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) -
      Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) /
      86400000,
  );
}

/** Completed years of age on `on`. */
export function ageOn(birthDate: string, on: string): number {
  let age = +on.slice(0, 4) - +birthDate.slice(0, 4);
  if (on.slice(5) < birthDate.slice(5)) age--;
  return age;
}

/** Adds whole months, clamping the day to the month's length (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const total = +date.slice(0, 4) * 12 + (+date.slice(5, 7) - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return isoDate(y, m, Math.min(+date.slice(8, 10), daysInMonth(y, m)))!;
}

/**
 * Calendar difference from `start` to `end`: the most whole months that fit (day clamped to the
 * month's length), then the remaining days.
 */
export function calendarDiff(start: string, end: string): { years: number; months: number; days: number } {
  let k = (+end.slice(0, 4) - +start.slice(0, 4)) * 12 + (+end.slice(5, 7) - +start.slice(5, 7));
  while (k > 0 && addMonths(start, k) > end) k--;
  const days = daysBetween(addMonths(start, k), end);
  return { years: Math.floor(k / 12), months: k % 12, days };
}

/** 1985年03月01日 — the Chinese display form. */
export const chineseDate = (iso: string): string => `${iso.slice(0, 4)}年${iso.slice(5, 7)}月${iso.slice(8, 10)}日`;
