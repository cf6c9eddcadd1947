import { Type } from '@sinclair/typebox';
import { POLICY_LEVELS, POLICY_SECTIONS, PolicyDocumentSchema, PolicySchema } from '../../../policy/policy.schema.js';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';

export const PolicyLevelSchema = StrEnum(POLICY_LEVELS, {
  description: '层级：nation 全国 / province 省 / city 市 / county 县',
});

/** The sections one level publishes (every field optional; what it leaves out is inherited). */
export const PolicySectionsSchema = Type.Pick(PolicyDocumentSchema, POLICY_SECTIONS, {
  description: '本级设置的政策内容（未设置的继承上级）',
});

export const PolicyDocumentViewSchema = Type.Object({
  id: Type.String(),
  level: PolicyLevelSchema,
  regionCode: Type.String(),
  regionName: Type.String(),
  version: Type.Integer(),
  effectiveFrom: Type.String({ description: '生效日期 YYYY-MM-DD' }),
  title: Type.String(),
  basis: Nullable(Type.String()),
  document: PolicySectionsSchema,
  createdAt: Type.String(),
  createdBy: Type.String(),
});

/** The documents behind each section of a merged policy, lowest level first. */
export const PolicySourcesSchema = Type.Array(
  Type.Object({
    section: Type.String(),
    documents: Type.Array(
      Type.Object({
        id: Type.String(),
        level: PolicyLevelSchema,
        regionCode: Type.String(),
        regionName: Type.String(),
        version: Type.Integer(),
        effectiveFrom: Type.String(),
        title: Nullable(Type.String()),
        fields: Type.Array(Type.String(), { description: '该文件设置的字段' }),
        text: Type.String({ description: '引用文字，如“…… 第 1 版（2025-01-01 起施行）”' }),
      }),
    ),
  }),
);

export const ListQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });
export const EffectiveQuery = Type.Object(
  { region: Type.Optional(RegionCode), date: Type.Optional(Type.String({ format: 'date' })) },
  { additionalProperties: false },
);

export const EffectiveSchema = Type.Object({
  regionCode: Type.String(),
  date: Type.String(),
  policy: Type.Partial(PolicySchema, { description: '合并后的政策；某部分未生效或合并后不完整时缺省（见 problems）' }),
  sources: PolicySourcesSchema,
  problems: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
});

export const CreateBody = Type.Object(
  {
    level: PolicyLevelSchema,
    regionCode: RegionCode,
    effectiveFrom: Type.String({ format: 'date', description: '生效日期 YYYY-MM-DD' }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    basis: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    // Checked by the policy engine, which names each problem by its JSON pointer (/grades/categories/0/maxGrade).
    document: Type.Object(
      {},
      {
        additionalProperties: true,
        description: '本级设置的政策内容：staffing、training、incentive、grades、pay、budget 中的若干部分',
      },
    ),
  },
  { additionalProperties: false },
);
