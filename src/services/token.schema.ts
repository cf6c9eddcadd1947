/**
 * Input schemas of the token capability: the route validates requests with them and the service takes
 * its input types from them (`Static<typeof …>`), so an input shape is written once.
 */
import { type Static, Type } from '@sinclair/typebox';
import { RegionCode, StrEnum } from '../domain/schema-types.js';

export const TokenCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    regionCode: RegionCode,
    access: StrEnum(['read', 'write'] as const),
    expiresAt: Type.String({ minLength: 10, maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type TokenCreateInput = Static<typeof TokenCreateBody>;
