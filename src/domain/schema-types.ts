/**
 * The TypeBox building blocks of the API's vocabulary, usable from any layer: services take their input
 * types from schemas built with these (src/services/*.schema.ts), routes validate and document with
 * them (src/http/schemas.ts re-exports them).
 */
import { type TSchema, Type } from '@sinclair/typebox';

export const StrEnum = <T extends readonly string[]>(values: T, opts: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });

export const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);

export const RegionCode = Type.String({ pattern: '^[0-9]{12}$', description: '12 位统计用区划代码' });
