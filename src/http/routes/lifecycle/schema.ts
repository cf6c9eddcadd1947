import { Type } from '@sinclair/typebox';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';
import { WorkerSchema } from '../workers/schema.js';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const RegionQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });
export const RetirementQuery = Type.Object(
  {
    region: Type.Optional(RegionCode),
    months: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 120, description: '未来几个月内到龄（默认按政策提醒月数）' }),
    ),
  },
  { additionalProperties: false },
);
export const RetiredQuery = Type.Object(
  {
    region: Type.Optional(RegionCode),
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);
export const YearQuery = Type.Object(
  { region: Type.Optional(RegionCode), year: Type.Optional(Type.Integer({ minimum: 1949, maximum: 2200 })) },
  { additionalProperties: false },
);

export const ProbationBody = Type.Object(
  {
    result: StrEnum(['pass', 'fail'] as const, { description: 'pass 合格（转为在岗）/ fail 不合格（解除聘用）' }),
    date: Type.String({ format: 'date', description: '考核日期' }),
    opinion: Type.String({ minLength: 1, maxLength: 500, description: '考核意见' }),
  },
  { additionalProperties: false },
);

const Person = {
  workerId: Type.Integer(),
  name: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  streetName: Nullable(Type.String()),
  position: Type.String(),
  positionName: Type.String(),
};

export const ProbationListSchema = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  date: Type.String(),
  counts: Type.Object({ total: Type.Integer(), overdue: Type.Integer(), dueSoon: Type.Integer() }),
  items: Type.Array(
    Type.Object({
      ...Person,
      startDate: Type.String(),
      dueOn: Type.String({ description: '试用期最后一天' }),
      daysLeft: Type.Integer(),
      state: StrEnum(['running', 'dueSoon', 'overdue'] as const),
      stateName: Type.String(),
      rule: Type.String(),
      arithmetic: Type.String(),
    }),
  ),
});

export const ProbationDecisionSchema = Type.Object({
  worker: WorkerSchema,
  decision: Type.Object({
    result: StrEnum(['pass', 'fail'] as const),
    date: Type.String(),
    dueOn: Type.String(),
    opinion: Type.String(),
    decidedBy: Type.String(),
    early: Type.Boolean({ description: '在试用期满前作出' }),
  }),
});

export const RetirementSchema = Type.Object({
  workerId: Type.Integer(),
  name: Type.String(),
  birthDate: Type.String(),
  gender: Type.String(),
  status: Type.String(),
  date: Type.String({ description: '法定退休日期（达到退休年龄之日）' }),
  ageYears: Type.Integer(),
  ageMonths: Type.Integer(),
  delayMonths: Type.Integer({ description: '渐进式延迟的月数' }),
  rule: Type.String(),
  arithmetic: Type.String(),
});

export const RetirementListSchema = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  date: Type.String(),
  until: Type.String(),
  months: Type.Integer(),
  rule: Type.String(),
  items: Type.Array(
    Type.Object({
      ...Person,
      birthDate: Type.String(),
      gender: Type.String(),
      age: Type.Integer(),
      retirementDate: Type.String(),
      overdue: Type.Boolean({ description: '已到龄仍在岗' }),
      arithmetic: Type.String(),
    }),
  ),
});

export const RetiredListSchema = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  items: Type.Array(
    Type.Object({
      ...Person,
      birthDate: Type.String(),
      gender: Type.String(),
      exitDate: Type.String(),
      ageAtExit: Type.Integer(),
      reason: Type.String(),
    }),
  ),
});

export const IncentiveListSchema = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  year: Type.Integer(),
  date: Type.String(),
  rule: Type.String(),
  counts: Type.Object({ secretaries: Type.Integer(), eligible: Type.Integer() }),
  items: Type.Array(
    Type.Object({
      ...Person,
      eligible: Type.Boolean(),
      continuousText: Type.String(),
      fullTerms: Type.Integer(),
      honours: Type.Array(Type.String(), { description: '表彰和代表委员人选推荐（参考，不作为条件）' }),
      conditions: Type.Array(
        Type.Object({
          code: StrEnum(['position', 'continuousYears', 'fullTerm', 'assessment'] as const),
          label: Type.String(),
          met: Type.Boolean(),
          rule: Type.String(),
          evidence: Type.String(),
        }),
      ),
    }),
  ),
});
