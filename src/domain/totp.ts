/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) for two-factor sign-in (两步验证), with
 * node:crypto only. The product uses HMAC-SHA1, a 30-second step and 6 digits (what every authenticator
 * app reads from an otpauth:// URI), accepts the step before and after the current one (clock drift),
 * and never accepts a step at or before the last one used (a code cannot be replayed). Recovery codes
 * are random, shown once, and kept as SHA-256.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export const TOTP = { step: 30, digits: 6, window: 1, algorithm: 'sha1' as TotpAlgorithm, secretBytes: 20 };

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (what otpauth:// URIs carry). */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces, hyphens and padding; null if a character is not base32. */
export function base32Decode(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of clean) {
    const v = BASE32.indexOf(c);
    if (v < 0) return null;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP: the code for one counter value. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP.digits, algorithm = TOTP.algorithm): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step (counter) of an instant: floor(seconds since the epoch ÷ step). */
export const totpStep = (atMs: number, step = TOTP.step): number => Math.floor(atMs / 1000 / step);

/** RFC 6238 TOTP: the code at an instant. */
export function totp(
  key: Uint8Array,
  atMs: number,
  opts: { step?: number; digits?: number; algorithm?: TotpAlgorithm } = {},
): string {
  return hotp(key, totpStep(atMs, opts.step ?? TOTP.step), opts.digits ?? TOTP.digits, opts.algorithm);
}

/**
 * The step a code matches at `atMs` within ±window steps, or null. A step at or before `lastStep` is
 * refused, so a code (or an older one) cannot be used twice. Codes are compared in constant time.
 */
export function verifyTotp(
  key: Uint8Array,
  code: string,
  atMs: number,
  lastStep: number | null = null,
  window = TOTP.window,
): number | null {
  const clean = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${TOTP.digits}}$`).test(clean)) return null;
  const now = totpStep(atMs);
  let found: number | null = null;
  for (let s = now - window; s <= now + window; s++) {
    if (s < 0 || (lastStep !== null && s <= lastStep)) continue;
    if (equalDigits(hotp(key, s), clean) && found === null) found = s;
  }
  return found;
}

const equalDigits = (a: string, b: string): boolean => {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
};

/** A new random secret (160 bits, as RFC 4226 recommends). */
export const newTotpSecret = (): Buffer => randomBytes(TOTP.secretBytes);

/** The otpauth:// URI an authenticator app scans: issuer and account shown in the app. */
export function otpauthUri(issuer: string, account: string, secret: Uint8Array): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({
    secret: base32Encode(secret),
    issuer,
    algorithm: TOTP.algorithm.toUpperCase(),
    digits: String(TOTP.digits),
    period: String(TOTP.step),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}

export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten recovery codes `xxxxx-xxxxx` (about 49 bits each; no 0/o/1/l/i to misread). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A recovery code as typed (any case, spaces, with or without the hyphen) → its stored form. */
export const normalizeRecoveryCode = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '');

/** What is stored of a recovery code. */
export const recoveryCodeHash = (code: string): string =>
  createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');

/** Does the input look like a TOTP code (digits) rather than a recovery code? */
export const looksLikeTotp = (code: string): boolean => /^\d{6}$/.test(code.replace(/\s/g, ''));
