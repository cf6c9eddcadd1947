import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  newRecoveryCodes,
  normalizeRecoveryCode,
  otpauthUri,
  recoveryCodeHash,
  type TotpAlgorithm,
  totp,
  totpStep,
  verifyTotp,
} from './totp.js';

const SEEDS: Record<TotpAlgorithm, Buffer> = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};

describe('RFC 6238 appendix B test vectors (8 digits, 30 s)', () => {
  it.each<[number, TotpAlgorithm, string]>([
    [59, 'sha1', '94287082'],
    [59, 'sha256', '46119246'],
    [59, 'sha512', '90693936'],
    [1111111109, 'sha1', '07081804'],
    [1111111109, 'sha256', '68084774'],
    [1111111109, 'sha512', '25091201'],
    [1111111111, 'sha1', '14050471'],
    [1111111111, 'sha256', '67062674'],
    [1111111111, 'sha512', '99943326'],
    [1234567890, 'sha1', '89005924'],
    [1234567890, 'sha256', '91819424'],
    [1234567890, 'sha512', '93441116'],
    [2000000000, 'sha1', '69279037'],
    [2000000000, 'sha256', '90698825'],
    [2000000000, 'sha512', '38618901'],
    [20000000000, 'sha1', '65353130'],
    [20000000000, 'sha256', '77737706'],
    [20000000000, 'sha512', '47863826'],
  ])('T = %d s, %s → %s', (seconds, algorithm, code) => {
    expect(totp(SEEDS[algorithm], seconds * 1000, { digits: 8, algorithm })).toBe(code);
  });
});

describe('RFC 4226 appendix D test vectors (HOTP, 6 digits)', () => {
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [4, '338314'],
    [5, '254676'],
    [6, '287922'],
    [7, '162583'],
    [8, '399871'],
    [9, '520489'],
  ])('counter %d → %s', (counter, code) => {
    expect(hotp(SEEDS.sha1, counter)).toBe(code);
  });
});

describe('verifying a code: ±1 step, no reuse', () => {
  const key = SEEDS.sha1;
  const now = 1_700_000_015_000; // 15 s into a step
  const step = totpStep(now);
  const codeAt = (s: number) => hotp(key, s);
  it.each<[string, () => string, number | null, number | null]>([
    ['the current step', () => codeAt(step), null, step],
    ['the previous step (drift)', () => codeAt(step - 1), null, step - 1],
    ['the next step (drift)', () => codeAt(step + 1), null, step + 1],
    ['two steps back', () => codeAt(step - 2), null, null],
    ['two steps ahead', () => codeAt(step + 2), null, null],
    ['the current step once it was used', () => codeAt(step), step, null],
    ['an earlier step after a later one was used', () => codeAt(step - 1), step, null],
    ['the next step after the current one was used', () => codeAt(step + 1), step, step + 1],
    ['with a space in the middle', () => `${codeAt(step).slice(0, 3)} ${codeAt(step).slice(3)}`, null, step],
    ['five digits', () => codeAt(step).slice(1), null, null],
    ['letters', () => 'abcdef', null, null],
    ['empty', () => '', null, null],
  ])('%s', (_label, code, lastStep, expected) => {
    expect(verifyTotp(key, code(), now, lastStep)).toBe(expected);
  });

  it('a wrong code of the right shape is refused', () => {
    const right = codeAt(step);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(key, wrong, now)).toBeNull();
  });

  it('the step changes every 30 seconds', () => {
    expect(totpStep(59_000)).toBe(1);
    expect(totpStep(60_000)).toBe(2);
    expect(totpStep(29_999)).toBe(0);
  });
});

describe('base32 (RFC 4648 test vectors) and the otpauth URI', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('%j ↔ %j', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded)?.toString()).toBe(plain);
    expect(base32Decode(`${encoded.toLowerCase()}====`)?.toString()).toBe(plain);
  });

  it('refuses a character outside the alphabet', () => {
    expect(base32Decode('MZXW1')).toBeNull();
  });

  it('the URI names the issuer, the account and the parameters apps read', () => {
    const uri = otpauthUri('shequ', 'demo-admin', SEEDS.sha1);
    expect(uri).toBe(
      'otpauth://totp/shequ:demo-admin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=shequ&algorithm=SHA1&digits=6&period=30',
    );
  });
});

describe('recovery codes', () => {
  it('ten distinct codes of the form xxxxx-xxxxx without look-alike characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it('is matched however it is typed, and stored only as its SHA-256', () => {
    expect(normalizeRecoveryCode(' AbCde-fGhjk ')).toBe('abcdefghjk');
    expect(recoveryCodeHash('abcde-fghjk')).toBe(recoveryCodeHash('ABCDEFGHJK'));
    expect(recoveryCodeHash('abcde-fghjk')).toMatch(/^[0-9a-f]{64}$/);
  });
});
