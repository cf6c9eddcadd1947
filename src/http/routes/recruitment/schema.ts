import { Type } from '@sinclair/typebox';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';
import { Version } from '../../versioning.js';
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

const Qualification = StrEnum(['assistant', 'intermediate', 'senior'] as const, {
  description: '助理社会工作师/社会工作师/高级社会工作师',
});
const Conditions = Type.Object(
  {
    partyMember: Type.Optional(Type.Boolean({ description: '须为中共党员（含预备党员）' })),
    localYears: Type.Optional(
      Nullable(Type.Integer({ minimum: 1, maximum: 30, description: '本地户籍，或在本地居住满 N 年' })),
    ),
    noCriminalRecord: Type.Optional(Type.Boolean({ description: '无违法犯罪记录（承诺）' })),
    healthy: Type.Optional(Type.Boolean({ description: '身体健康（体检合格）' })),
    socialWorkQualification: Type.Optional(Nullable(Qualification)),
    custom: Type.Optional(
      Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10, description: '公告中的其他条件，由县级逐人审核' }),
    ),
  },
  { additionalProperties: false, description: '其他资格条件' },
);

export const PlanBody = Type.Object(
  {
    regionCode: RegionCode,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    referenceDate: Type.String({ format: 'date', description: '年龄计算日期' }),
    maxAge: Type.Optional(Nullable(Type.Integer({ minimum: 16, maximum: 70 }))),
    minEducation: Type.Optional(
      Nullable(StrEnum(['doctorate', 'master', 'bachelor', 'associate', 'secondary'] as const)),
    ),
    residenceRegion: Type.Optional(Nullable(RegionCode)),
    writtenPercent: Type.Integer({ minimum: 0, maximum: 100, description: '笔试成绩占比（%），其余为面试' }),
    bonus: Type.Optional(Bonus),
    conditions: Type.Optional(Conditions),
    posts: Type.Array(
      Type.Object(
        { regionCode: RegionCode, posts: Type.Integer({ minimum: 1, maximum: 1000 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
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
    localHukou: Type.Optional(Loose),
    residenceYears: Type.Optional(Loose),
    noRecordDeclared: Type.Optional(Loose),
    qualification: Type.Optional(Loose),
  },
  { additionalProperties: false },
);

export const ApplicantPatch = Type.Object(
  {
    writtenScore: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
    interviewScore: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
    vetting: Type.Optional(
      StrEnum(['pending', 'passed', 'failed'] as const, { description: '政治把关：待审/通过/不通过' }),
    ),
    vettingNote: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    localHukou: Type.Optional(Nullable(Type.Boolean({ description: '是否本地户籍' }))),
    residenceYears: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100, description: '本地居住年限' }))),
    noRecordDeclared: Type.Optional(Nullable(Type.Boolean({ description: '已签署无违法犯罪记录承诺' }))),
    health: Type.Optional(
      StrEnum(['pending', 'passed', 'failed'] as const, { description: '体检：未体检/合格/不合格' }),
    ),
    qualification: Type.Optional(Nullable(Qualification)),
    customChecks: Type.Optional(
      Type.Array(
        Type.Object(
          {
            index: Type.Integer({ minimum: 0, maximum: 9 }),
            met: Nullable(Type.Boolean()),
            note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10, description: '县级对其他条件的审核（met 为 null 时撤回）' },
      ),
    ),
    version: Type.Optional(Version),
  },
  { additionalProperties: false },
);

export const CloseBody = Type.Object(
  { note: Type.Optional(Nullable(Type.String({ maxLength: 500, description: '说明（如未聘满岗位的原因）' }))) },
  { additionalProperties: false },
);
export const TieBody = Type.Object(
  {
    winners: Type.Array(Type.Integer({ minimum: 1 }), {
      minItems: 1,
      maxItems: 100,
      description: '取得岗位的报名人员，按名次先后',
    }),
    reason: Type.String({ maxLength: 500, description: '决定依据，如加试成绩' }),
  },
  { additionalProperties: false },
);
export const TemplateParams = IdParams;
export const ReportParams = Type.Object({ reportId: Type.String({ pattern: '^[0-9a-f]{32}$' }) });
export const ImportErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    reportId: Type.Optional(
      Type.String({
        description:
          '导入有错误时：标注了错误的表格，GET /api/recruitment/imports/{reportId}/errors.xlsx 下载，保留 1 小时',
      }),
    ),
  }),
});

export const HireBody = Type.Object(
  { startDate: Type.String({ format: 'date', description: '入职（试用期开始）日期' }) },
  { additionalProperties: false },
);

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
  bonus: Type.Object({
    graduate: Type.Number(),
    veteran: Type.Number(),
    socialWork: Type.Number(),
    gridWorker: Type.Number(),
  }),
  conditions: Type.Object({
    partyMember: Type.Boolean(),
    localYears: Nullable(Type.Integer()),
    noCriminalRecord: Type.Boolean(),
    healthy: Type.Boolean(),
    socialWorkQualification: Nullable(Type.String()),
    custom: Type.Array(Type.String()),
  }),
  closedOn: Nullable(Type.String()),
  closedBy: Nullable(Type.String()),
  closeNote: Nullable(Type.String()),
  createdBy: Type.String(),
});

export const PlanListSchema = Type.Object({
  items: Type.Array(
    Type.Composite([
      PlanSchema,
      Type.Object({
        posts: Type.Integer(),
        applicants: Type.Integer(),
        hired: Type.Integer(),
        unfilled: Type.Integer(),
      }),
    ]),
  ),
});

export const PlanViewSchema = Type.Object({
  plan: PlanSchema,
  posts: Type.Array(
    Type.Object({
      id: Type.Integer(),
      regionCode: Type.String(),
      regionName: Type.String(),
      streetName: Nullable(Type.String()),
      posts: Type.Integer(),
      hired: Type.Integer(),
      offered: Type.Integer({ description: '已发录用通知、尚未聘用' }),
      unfilled: Type.Integer({ description: '尚未聘用也未发通知的岗位数' }),
      applicants: Type.Array(
        Type.Object({
          id: Type.Integer(),
          version: Type.String({ description: '版本号：修改时原样传回（或 If-Match），记录已被他人修改则返回 409' }),
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
          eligible: Type.Boolean({ description: '没有不符合的条件（待确认的不影响排名）' }),
          conditionsComplete: Type.Boolean({ description: '全部条件均已确认符合（发录用通知的前提）' }),
          checks: Type.Array(
            Type.Object({ rule: Type.String(), met: Type.Boolean(), pending: Type.Boolean(), evidence: Type.String() }),
          ),
          localHukou: Nullable(Type.Boolean()),
          residenceYears: Nullable(Type.Integer()),
          noRecordDeclared: Nullable(Type.Boolean()),
          health: StrEnum(['pending', 'passed', 'failed'] as const),
          qualification: Nullable(Type.String()),
          customChecks: Type.Array(
            Type.Object({ index: Type.Integer(), met: Type.Boolean(), note: Nullable(Type.String()) }),
          ),
          rank: Nullable(Type.Integer()),
          tied: Type.Boolean(),
          tieUndecided: Type.Boolean({ description: '并列跨越岗位末位，尚待决定' }),
          tieDecision: Nullable(
            Type.Object({
              reason: Type.String(),
              won: Type.Boolean(),
              decidedOn: Type.String(),
              decidedBy: Type.String(),
            }),
          ),
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
export const OfferSchema = Type.Object({
  id: Type.Integer(),
  status: Type.Literal('offered'),
  offeredOn: Type.String(),
  rank: Type.Integer(),
  total: Type.Number(),
});
export const HireSchema = Type.Object({ applicantId: Type.Integer(), worker: WorkerSchema });
