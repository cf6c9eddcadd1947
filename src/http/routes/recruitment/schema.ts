import { Type } from '@sinclair/typebox';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';
import { WorkerSchema } from '../workers/schema.js';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const RegionQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });

const Groups = ['graduate', 'veteran', 'socialWork', 'gridWorker'] as const;
const Bonus = Type.Object(
  {
    graduate: Type.Optional(Type.Number({ minimum: 0, maximum: 20, description: '高校毕业生加分' })),
    veteran: Type.Optional(Type.Number({ minimum: 0, maximum: 20, description: '退役军人加分' })),
    socialWork: Type.Optional(Type.Number({ minimum: 0, maximum: 20, description: '社会工作专业人才加分' })),
    gridWorker: Type.Optional(Type.Number({ minimum: 0, maximum: 20, description: '网格员转聘加分' })),
  },
  { additionalProperties: false, description: '优待加分（就高不累加）' },
);

export const PlanBody = Type.Object(
  {
    regionCode: RegionCode,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    referenceDate: Type.String({ format: 'date', description: '年龄计算日期' }),
    maxAge: Type.Optional(Nullable(Type.Integer({ minimum: 16, maximum: 70 }))),
    minEducation: Type.Optional(Nullable(StrEnum(['doctorate', 'master', 'bachelor', 'associate', 'secondary'] as const))),
    residenceRegion: Type.Optional(Nullable(RegionCode)),
    writtenPercent: Type.Integer({ minimum: 0, maximum: 100, description: '笔试成绩占比（%），其余为面试' }),
    bonus: Type.Optional(Bonus),
    posts: Type.Array(Type.Object({ regionCode: RegionCode, posts: Type.Integer({ minimum: 1, maximum: 1000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);

const Loose = Type.Union([Type.String({ maxLength: 100 }), Type.Number(), Type.Boolean(), Type.Null()]);
export const ApplicantBody = Type.Object(
  {
    name: Type.String({ maxLength: 50 }),
    idNumber: Type.String({ maxLength: 30 }),
    phone: Type.Optional(Loose),
    education: Type.Optional(Loose),
    major: Type.Optional(Loose),
    politicalStatus: Type.Optional(Loose),
    homeRegionCode: Type.Optional(Loose),
    graduate: Type.Optional(Loose),
    graduateYear: Type.Optional(Loose),
    veteran: Type.Optional(Loose),
    socialWork: Type.Optional(Loose),
    gridWorker: Type.Optional(Loose),
    post: Type.Optional(Loose),
    writtenScore: Type.Optional(Loose),
    interviewScore: Type.Optional(Loose),
  },
  { additionalProperties: false },
);

export const ApplicantPatch = Type.Object(
  {
    writtenScore: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
    interviewScore: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
    vetting: Type.Optional(StrEnum(['pending', 'passed', 'failed'] as const, { description: '政治把关：待审/通过/不通过' })),
    vettingNote: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const HireBody = Type.Object({ startDate: Type.String({ format: 'date', description: '入职（试用期开始）日期' }) }, { additionalProperties: false });

const PlanSchema = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  regionName: Type.String(),
  title: Type.String(),
  status: StrEnum(['open', 'closed'] as const),
  referenceDate: Type.String(),
  maxAge: Nullable(Type.Integer()),
  minEducation: Nullable(Type.String()),
  residenceRegion: Nullable(Type.String()),
  residenceName: Nullable(Type.String()),
  writtenPercent: Type.Integer(),
  bonus: Type.Object({ graduate: Type.Number(), veteran: Type.Number(), socialWork: Type.Number(), gridWorker: Type.Number() }),
  createdBy: Type.String(),
});

export const PlanListSchema = Type.Object({ items: Type.Array(Type.Composite([PlanSchema, Type.Object({ posts: Type.Integer(), applicants: Type.Integer(), hired: Type.Integer() })])) });

export const PlanViewSchema = Type.Object({
  plan: PlanSchema,
  posts: Type.Array(
    Type.Object({
      id: Type.Integer(),
      regionCode: Type.String(),
      regionName: Type.String(),
      streetName: Nullable(Type.String()),
      posts: Type.Integer(),
      applicants: Type.Array(
        Type.Object({
          id: Type.Integer(),
          name: Type.String(),
          idNumber: Type.String(),
          gender: Type.String(),
          birthDate: Type.String(),
          phone: Nullable(Type.String()),
          education: Nullable(Type.String()),
          homeRegionCode: Nullable(Type.String()),
          groups: Type.Array(StrEnum(Groups)),
          nearHome: Type.Boolean({ description: '就近就便：居住地与岗位在同一街道（乡镇）' }),
          writtenScore: Nullable(Type.Number()),
          interviewScore: Nullable(Type.Number()),
          total: Nullable(Type.Number()),
          arithmetic: Type.String(),
          eligible: Type.Boolean(),
          checks: Type.Array(Type.Object({ rule: Type.String(), met: Type.Boolean(), evidence: Type.String() })),
          rank: Nullable(Type.Integer()),
          tied: Type.Boolean(),
          withinPosts: Type.Boolean(),
          note: Nullable(Type.String()),
          vetting: StrEnum(['pending', 'passed', 'failed'] as const),
          vettingNote: Nullable(Type.String()),
          status: StrEnum(['applied', 'offered', 'hired'] as const),
          offeredOn: Nullable(Type.String()),
          workerId: Nullable(Type.Integer()),
        }),
      ),
    }),
  ),
});

export const CreatedSchema = Type.Object({ id: Type.Integer() });
export const ImportResultSchema = Type.Object({ created: Type.Integer(), ids: Type.Array(Type.Integer()) });
export const OfferSchema = Type.Object({ id: Type.Integer(), status: Type.Literal('offered'), offeredOn: Type.String(), rank: Type.Integer(), total: Type.Number() });
export const HireSchema = Type.Object({ applicantId: Type.Integer(), worker: WorkerSchema });
