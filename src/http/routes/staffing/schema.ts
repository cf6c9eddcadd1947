import { Type } from '@sinclair/typebox';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';

export const CodeParams = Type.Object({ code: RegionCode });
export const YearQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2200 })) },
  { additionalProperties: false },
);

const Status = StrEnum(['short', 'within', 'over'] as const, { description: 'short 缺员 / within 持平 / over 超员' });

/** How a figure was computed: the rule, its inputs, the arithmetic, and the policy cited. */
export const ExplanationSchema = Type.Object({
  rule: Type.String(),
  inputs: Type.Object({}, { additionalProperties: true }),
  arithmetic: Type.String(),
  source: Type.Optional(Type.String()),
  headcount: Type.Optional(Type.String()),
  gap: Type.Optional(Type.String()),
  per10k: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
});

export const AdjustmentSchema = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  regionName: Type.String(),
  year: Type.Integer(),
  quota: Type.Integer(),
  reason: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
});

const ChildSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  urbanPopulation: Type.Integer(),
  headcount: Type.Integer(),
  quota: Type.Integer(),
  gap: Type.Integer(),
  per10k: Nullable(Type.Number()),
  status: Status,
});

export const StaffingSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  year: Type.Integer(),
  policyDate: Type.String({ description: '计算所依据政策的日期' }),
  quota: Type.Integer(),
  headcount: Type.Integer(),
  gap: Type.Integer({ description: '职数 − 实有：正数缺员，负数超员' }),
  per10k: Nullable(Type.Number()),
  status: Status,
  explanation: ExplanationSchema,
  byCategory: Type.Object({ committee: Type.Integer(), staff: Type.Integer() }),
  urbanPopulation: Type.Integer(),
  quotaLevel: StrEnum(['county', 'city'] as const),
  adjustments: Type.Array(
    Type.Composite([
      AdjustmentSchema,
      Type.Object({ applied: Type.Boolean({ description: '是否用于本年职数（同一区划同一年以最后一次为准）' }) }),
    ]),
  ),
  children: Type.Array(ChildSchema),
});

export const HistorySchema = Type.Object({
  items: Type.Array(
    Type.Object({
      year: Type.Integer(),
      urbanPopulation: Type.Integer(),
      quota: Type.Integer(),
      headcount: Type.Integer(),
      gap: Type.Integer(),
      per10k: Nullable(Type.Number()),
      status: Status,
      adjustment: Nullable(AdjustmentSchema),
    }),
  ),
  adjustments: Type.Array(AdjustmentSchema, { description: '本区划的全部调整记录（谁、何时、为何），新的在前' }),
});

export const AdjustmentBody = Type.Object(
  {
    year: Type.Integer({ minimum: 1949, maximum: 2200 }),
    quota: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
