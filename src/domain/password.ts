/**
 * Password rule, applied whenever a password is set (created, reset or changed); stored hashes are not
 * re-checked, so existing accounts keep signing in. GB/T 22239-2019 level 3 asks for complex passwords:
 * - 10 to 128 characters, from at least three of four classes: upper case, lower case, digits, symbols
 *   (whitespace belongs to none; letters without case, e.g. 汉字, count as symbols);
 * - not derived from the account: the user name or its reverse, the person's name in pinyin (when the
 *   caller knows it), the system's name "shequ";
 * - not a common password (common-passwords.ts), also after undoing symbol-for-letter swaps (P@ssw0rd);
 * - not made almost entirely of guessable parts: common passwords, years and dates, keyboard walks
 *   (qwer, 1qaz, asdf), sequences (1234, abcd, 4321) and repeats — fewer than 4 characters left over.
 */
import { COMMON_PASSWORDS, COMMON_WORDS } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export interface PasswordContext {
  /** The account's user name. */
  username?: string;
  /** The person's name in Latin letters (pinyin), if known: whole and in parts. */
  names?: string[];
}

export const PASSWORD_MESSAGES = {
  short: `密码至少 ${PASSWORD_MIN_LENGTH} 位`,
  long: `密码不能超过 ${PASSWORD_MAX_LENGTH} 位`,
  classes: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
  username: '密码不能包含用户名（也不能是用户名倒写）',
  name: '密码不能包含姓名拼音',
  product: '密码不能包含系统名称 shequ',
  common: '该密码是常见密码，很容易被猜中，请换一个',
  guessable: '密码主要由常见单词、年份、键盘连续字符或重复字符组成，很容易被猜中，请换一个',
} as const;

const COMMON = new Set(COMMON_PASSWORDS);
/** The dictionary of guessable parts: entries long enough to mean something inside a longer password. */
const PARTS = [...new Set([...COMMON_PASSWORDS, ...COMMON_WORDS])].filter((w) => w.length >= 4);
/** Symbols and digits people put for letters. Same length in and out, so positions stay aligned. */
const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '8': 'b',
  '(': 'c',
  '3': 'e',
  '6': 'g',
  '9': 'g',
  '#': 'h',
  '1': 'i',
  '!': 'i',
  '|': 'l',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
  '+': 't',
  '2': 'z',
};
/** Rows and columns of the keyboard, the alphabet and the digits: three or more in a row is a walk. */
const WALKS = [
  '`1234567890-=',
  'qwertyuiop[]\\',
  "asdfghjkl;'",
  'zxcvbnm,./',
  '!@#$%^&*()_+',
  '1qaz',
  '2wsx',
  '3edc',
  '4rfv',
  '5tgb',
  '6yhn',
  '7ujm',
  '8ik,',
  '9ol.',
  '0p;/',
  'qaz',
  'wsx',
  'edc',
  'rfv',
  'tgb',
  'yhn',
  'ujm',
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
].flatMap((w) => [w, [...w].reverse().join('')]);

const leet = (s: string): string => [...s].map((c) => LEET[c] ?? c).join('');
const reverse = (s: string): string => [...s].reverse().join('');

/** How many of the four classes the password uses. */
export function characterClasses(pw: string): number {
  let upper = false;
  let lower = false;
  let digit = false;
  let symbol = false;
  for (const c of pw) {
    if (/\s/u.test(c)) continue;
    if (/\p{Lu}/u.test(c)) upper = true;
    else if (/\p{Ll}/u.test(c)) lower = true;
    else if (/\p{Nd}/u.test(c)) digit = true;
    else symbol = true;
  }
  return [upper, lower, digit, symbol].filter(Boolean).length;
}

/** The characters not explained by a guessable part (common word, year or date, walk, repeat). */
export function unguessableLength(pw: string): number {
  const lower = pw.toLowerCase();
  const chars = [...lower];
  const n = chars.length;
  const covered = new Array<boolean>(n).fill(false);
  const mark = (from: number, len: number) => {
    for (let i = from; i < from + len && i < n; i++) covered[i] = true;
  };
  const plain = chars.join('');
  const swapped = leet(plain);
  for (const form of plain === swapped ? [plain] : [plain, swapped]) {
    for (const word of PARTS) {
      for (let at = form.indexOf(word); at >= 0; at = form.indexOf(word, at + 1)) mark(at, word.length);
    }
  }
  // Dates (19900101) and years (1990, 2024).
  for (const re of [/(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/g, /(19|20)\d\d/g]) {
    for (const m of plain.matchAll(re)) mark(m.index ?? 0, m[0].length);
  }
  // Keyboard walks and sequences of three or more.
  for (let i = 0; i < n; i++) {
    for (const walk of WALKS) {
      let len = 1;
      let pos = walk.indexOf(chars[i]);
      if (pos < 0) continue;
      while (i + len < n && walk[pos + 1] === chars[i + len]) {
        pos++;
        len++;
      }
      if (len >= 3) mark(i, len);
    }
  }
  // Repeats: the same character three times or more, and a block repeated right after itself.
  for (let i = 0; i < n; i++) {
    let len = 1;
    while (i + len < n && chars[i + len] === chars[i]) len++;
    if (len >= 3) mark(i, len);
    for (let size = 2; i + 2 * size <= n; size++) {
      if (chars.slice(i, i + size).join('') === chars.slice(i + size, i + 2 * size).join('')) mark(i + size, size);
    }
  }
  return covered.filter((c) => !c).length;
}

/**
 * The first problem with a new password, as a message for the clerk, or null when it may be used.
 * `ctx` carries what the password must not be derived from.
 */
export function passwordProblem(pw: string, ctx: PasswordContext = {}): string | null {
  const length = [...pw].length;
  if (length < PASSWORD_MIN_LENGTH) return PASSWORD_MESSAGES.short;
  if (length > PASSWORD_MAX_LENGTH) return PASSWORD_MESSAGES.long;
  if (characterClasses(pw) < 3) return PASSWORD_MESSAGES.classes;
  const lower = pw.toLowerCase();
  const forms = [lower, leet(lower)];
  const contains = (part: string) => forms.some((f) => f.includes(part));
  const username = ctx.username?.trim().toLowerCase();
  if (username && username.length >= 3 && (contains(username) || contains(reverse(username))))
    return PASSWORD_MESSAGES.username;
  for (const name of ctx.names ?? []) {
    const n = name.toLowerCase().replace(/[^a-z]/g, '');
    if (n.length >= 3 && (contains(n) || contains(reverse(n)))) return PASSWORD_MESSAGES.name;
  }
  if (contains('shequ')) return PASSWORD_MESSAGES.product;
  if (forms.some((f) => COMMON.has(f))) return PASSWORD_MESSAGES.common;
  if (unguessableLength(pw) < 4) return PASSWORD_MESSAGES.guessable;
  return null;
}

/**
 * Latin-letter forms of a display name to keep out of a password: the whole name without spaces and
 * each part of three letters or more ("Zhang Sanfeng" → zhangsanfeng, zhang, sanfeng). A name in 汉字
 * gives none (no pinyin table is shipped).
 */
export function nameForms(displayName: string | undefined): string[] {
  if (!displayName || !/^[A-Za-z][A-Za-z .'-]*$/.test(displayName.trim())) return [];
  const parts = displayName
    .trim()
    .toLowerCase()
    .split(/[\s.'-]+/)
    .filter((p) => p.length >= 3);
  const whole = displayName.toLowerCase().replace(/[^a-z]/g, '');
  return [...new Set([whole, ...parts])];
}
