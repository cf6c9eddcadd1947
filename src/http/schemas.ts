/** Shared TypeBox schemas: the API's vocabulary, used for validation, serialisation and OpenAPI. */
import { Type } from '@sinclair/typebox';
import { ROLES } from '../domain/permissions.js';
import { COMMITTEE_LABELS, type CommitteeType, LEVELS } from '../domain/region-code.js';

import { Nullable, RegionCode, StrEnum } from '../domain/schema-types.js';

export { Nullable, RegionCode, StrEnum };
export const RoleSchema = StrEnum(ROLES);
export const LevelSchema = StrEnum(LEVELS);

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      fields: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    }),
  },
  { $id: 'Error' },
);

/** Error responses every protected route can give. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
};

export const Ok = Type.Object({ ok: Type.Literal(true) });

export const Page = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
});

export const RegionSummarySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: LevelSchema,
  parentCode: Nullable(Type.String()),
  committeeType: Nullable(StrEnum(Object.keys(COMMITTEE_LABELS) as CommitteeType[])),
  urbanRuralClass: Nullable(Type.String()),
  childCount: Type.Integer(),
  population: Nullable(Type.Object({ year: Type.Integer(), urbanResidentPopulation: Type.Integer() })),
  version: Type.String({ description: '版本号：修改时原样传回（或 If-Match），记录已被他人修改则返回 409' }),
});

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  regionCode: Type.String(),
  regionName: Type.String(),
  regionLevel: LevelSchema,
  disabled: Type.Boolean(),
  lockedUntil: Nullable(Type.String()),
  mustChangePassword: Type.Boolean(),
  /** Two-factor sign-in (两步验证) is on. */
  twoFactorEnabled: Type.Boolean(),
  createdAt: Type.String(),
  version: Type.String({ description: '版本号：修改时原样传回（或 If-Match），记录已被他人修改则返回 409' }),
});

export const MeSchema = Type.Composite([
  UserSchema,
  Type.Object({
    permissions: Type.Array(Type.String()),
    /** The policy (SHEQU_REQUIRE_2FA) requires two-factor sign-in for this user's role. */
    twoFactorRequired: Type.Boolean(),
    /** What the user must do before anything else: change the password, then turn on two-factor sign-in. */
    pending: Nullable(StrEnum(['password', 'two_factor'] as const)),
  }),
]);
