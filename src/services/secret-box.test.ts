import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box.js';

describe('sealing two-factor secrets', () => {
  const key = randomBytes(32);
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it('seals with AES-256-GCM: the stored text holds no trace of the secret and opens again', () => {
    const sealed = sealSecret(secret, key, 7);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain(secret);
    expect(sealSecret(secret, key, 7)).not.toBe(sealed); // a fresh nonce each time
    expect(openSecret(sealed, key, 7)).toBe(secret);
  });

  it.each([
    ['another key', () => openSecret(sealSecret(secret, key, 7), randomBytes(32), 7)],
    ['another user’s row', () => openSecret(sealSecret(secret, key, 7), key, 8)],
    ['no key at all', () => openSecret(sealSecret(secret, key, 7), null, 7)],
    [
      'a changed byte',
      () => {
        const sealed = sealSecret(secret, key, 7);
        const raw = Buffer.from(sealed.slice(3), 'base64');
        raw[raw.length - 1] ^= 1;
        return openSecret(`v1:${raw.toString('base64')}`, key, 7);
      },
    ],
  ])('does not open with %s', (_label, open) => {
    expect(open).toThrow();
  });

  it('without a key the secret is stored plain (and start-up warns about it)', () => {
    expect(sealSecret(secret, null, 7)).toBe(`plain:${secret}`);
    expect(openSecret(`plain:${secret}`, null, 7)).toBe(secret);
  });
});
