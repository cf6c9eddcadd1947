/** Schemas of two-factor sign-in (两步验证) and the administrator's security warnings. */
import { Type } from '@sinclair/typebox';
import { StrEnum } from '../../schemas.js';

export const CodeBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 20, description: '验证器上的 6 位验证码' }) },
  { additionalProperties: false },
);

export const PasswordAndCodeBody = Type.Object(
  {
    password: Type.String({ minLength: 1, maxLength: 200 }),
    code: Type.String({ minLength: 1, maxLength: 20, description: '6 位验证码或一个恢复码' }),
  },
  { additionalProperties: false },
);

export const Setup = Type.Object({
  /** The secret in base32, for typing into an app by hand; returned only here, once per setup. */
  secret: Type.String(),
  /** otpauth://totp/… for the QR code. */
  otpauthUri: Type.String(),
});

export const RecoveryCodes = Type.Object({
  /** Ten one-time codes, shown this once; only their hashes are kept. */
  recoveryCodes: Type.Array(Type.String()),
});

export const Status = Type.Object({
  enabled: Type.Boolean(),
  required: Type.Boolean(),
  recoveryCodesLeft: Type.Integer(),
});

export const UserIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

export const Warnings = Type.Object({
  warnings: Type.Array(
    Type.Object({
      code: StrEnum(['DEMO_PASSWORDS', 'PROXY_NOT_TRUSTED', 'SECRET_KEY_MISSING'] as const),
      message: Type.String(),
    }),
  ),
});
