import { Type } from '@sinclair/typebox';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';
import { PolicySourcesSchema } from '../policies/schema.js';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const CodeParams = Type.Object({ code: RegionCode });
export const DateQuery = Type.Object(
  { date: Type.Optional(Type.String({ format: 'date' })) },
  { additionalProperties: false },
);
export const YearQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2200 })) },
  { additionalProperties: false },
);

const Step = Type.Object({ text: Type.String(), arithmetic: Type.String() });
const Skipped = Type.Array(Type.Object({ reason: Type.String(), workers: Type.Integer() }), {
  description: '未能计算的人员（按原因计数）',
});

export const GradeSchema = Type.Object({
  workerId: Type.Integer(),
  name: Type.String(),
  date: Type.String(),
  category: Type.String({ description: '岗位类别 leader 正职 / deputy 副职 / general 其他' }),
  categoryName: Type.String(),
  grade: Type.Integer(),
  minGrade: Type.Integer(),
  maxGrade: Type.Integer(),
  countedYears: Type.Integer({ description: '计入的社区工作年限（满年）' }),
  equivalentYears: Type.Integer({ description: '计入年限 + 学历视同年限' }),
  steps: Type.Array(
    Type.Object({
      rule: Type.String(),
      input: Type.Object({}, { additionalProperties: true }),
      effect: Type.Integer({ description: '本步对等级的影响' }),
      grade: Type.Integer({ description: '本步之后的等级' }),
      text: Type.String(),
    }),
  ),
  recorded: Nullable(
    Type.Object(
      { grade: Type.Integer(), effectiveFrom: Nullable(Type.String()) },
      { description: '已评定（提交）的等级' },
    ),
  ),
  policySources: PolicySourcesSchema,
});

export const PaySchema = Type.Object({
  workerId: Type.Integer(),
  date: Type.String(),
  grade: Type.Integer(),
  category: Type.String(),
  categoryName: Type.String(),
  monthlyFen: Type.Integer({ description: '月应发（分），等于各组成部分之和' }),
  components: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), fen: Type.Integer() })),
  steps: Type.Array(Step),
  example: Type.Boolean({ description: '政策数字为示例（界面标注“示例”）' }),
  policySources: PolicySourcesSchema,
});

export const BudgetSchema = Type.Object({
  regionCode: Type.String(),
  year: Type.Integer(),
  date: Type.String(),
  annualFen: Type.Integer(),
  workers: Type.Integer(),
  monthlyTotalFen: Type.Integer(),
  breakdown: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), fen: Type.Integer() })),
  steps: Type.Array(Step),
  example: Type.Boolean(),
  skipped: Skipped,
  policySources: PolicySourcesSchema,
});

export const ReviewBody = Type.Object(
  { regionCode: RegionCode, effectiveDate: Type.String({ format: 'date' }) },
  { additionalProperties: false },
);

export const ReviewSchema = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  effectiveDate: Type.String(),
  status: StrEnum(['draft', 'committed'] as const),
  items: Type.Array(
    Type.Object({
      workerId: Type.Integer(),
      name: Type.String(),
      from: Nullable(Type.Integer()),
      to: Type.Integer(),
      reason: Type.String(),
    }),
  ),
  unchanged: Type.Integer(),
  skipped: Skipped,
});

export const CommitSchema = Type.Object({ id: Type.Integer(), committed: Type.Integer() });
