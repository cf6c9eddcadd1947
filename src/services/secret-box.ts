/**
 * Sealing small secrets (the two-factor secrets) for the database with a key kept outside it
 * (SHEQU_SECRET_KEY): AES-256-GCM, a fresh 12-byte nonce each time, the user id as associated data so a
 * sealed secret copied to another user's row does not open. Without a key the secret is stored as
 * `plain:` — still never returned by the API after enrolment — and start-up warns about it.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export function sealSecret(plain: string, key: Buffer | null, userId: number): string {
  if (!key) return `plain:${plain}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`user:${userId}`));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** Opens a sealed secret; throws when the key is missing or wrong (a configuration error, not user input). */
export function openSecret(sealed: string, key: Buffer | null, userId: number): string {
  if (sealed.startsWith('plain:')) return sealed.slice(6);
  if (!sealed.startsWith('v1:')) throw new Error('unknown sealed secret format');
  if (!key) throw new Error('两步验证密钥已加密存储，但未设置 SHEQU_SECRET_KEY');
  const raw = Buffer.from(sealed.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(`user:${userId}`));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
