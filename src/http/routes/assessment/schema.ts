import { Type } from '@sinclair/typebox';
import { Nullable, RegionCode, StrEnum } from '../../schemas.js';

const Result = StrEnum(['excellent', 'competent', 'basic', 'fail'] as const, {
  description: 'excellent 优秀 / competent 合格 / basic 基本合格 / fail 不合格（显示名称见 rules.labels）',
});
const Rating = StrEnum(['satisfied', 'basic', 'unsatisfied'] as const, {
  description: 'satisfied 满意 / basic 基本满意 / unsatisfied 不满意',
});
const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 });
const Score = (d: string) =>
  Type.Number({ minimum: 0, maximum: 100, multipleOf: 0.01, description: `${d}（0–100，最多两位小数）` });

export const IdParams = Type.Object({ id: Id });
export const CodeParams = Type.Object({ code: RegionCode });
export const RegionQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });

export const PlanSchema = Type.Object({
  id: Type.Integer(),
  regionCode: Type.String(),
  regionName: Type.String(),
  year: Type.Integer(),
  title: Type.String(),
  status: StrEnum(['open', 'approved'] as const, { description: 'open 评分中 / approved 已审定锁定' }),
  ratingFrom: Type.String(),
  ratingTo: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  approvedBy: Nullable(Type.String()),
  approvedAt: Nullable(Type.String()),
});

export const PlanListSchema = Type.Object({
  items: Type.Array(Type.Composite([PlanSchema, Type.Object({ entries: Type.Integer(), scored: Type.Integer() })])),
});

export const PlanCreateBody = Type.Object(
  {
    regionCode: RegionCode,
    year: Type.Integer({ minimum: 2000, maximum: 2200 }),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    ratingFrom: Type.Optional(
      Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '居民测评开始日期（默认按政策）' }),
    ),
    ratingTo: Type.Optional(
      Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '居民测评结束日期（默认按政策）' }),
    ),
  },
  { additionalProperties: false },
);
export const PlanCreatedSchema = Type.Object({ plan: PlanSchema, entries: Type.Integer(), rated: Type.Integer() });

const SatisfactionSchema = Type.Object({
  count: Type.Integer(),
  satisfied: Type.Integer(),
  basic: Type.Integer(),
  unsatisfied: Type.Integer(),
  rate: Nullable(Type.Number({ description: '（满意 + 基本满意）÷ 票数，百分比' })),
  usable: Type.Boolean({ description: '票数达到下限，可计入满意度' }),
  text: Type.String(),
});

const QuotaSchema = Type.Object({
  unitCode: Type.String(),
  unitName: Type.String(),
  rated: Type.Integer(),
  excellent: Type.Integer(),
  target: Type.Integer(),
  cap: Type.Integer(),
  unscored: Type.Integer(),
  status: StrEnum(['ok', 'over_target', 'over_cap'] as const),
  text: Type.String({ description: '规则、输入与算式' }),
});

const Step = Type.Object({ rule: Type.String(), text: Type.String() });
const ScoresSchema = Type.Object({
  politicalQuality: Type.Number(),
  workPerformance: Type.Number(),
  residentSatisfaction: Type.Number(),
});

const EntrySchema = Type.Object({
  workerId: Type.Integer(),
  name: Type.String(),
  position: Type.String(),
  positionLabel: Type.String(),
  regionCode: Type.String(),
  communityName: Type.String(),
  rated: Type.Boolean(),
  unratedReason: Nullable(Type.String()),
  eligibility: Type.String(),
  scores: Nullable(ScoresSchema),
  total: Nullable(Type.Number()),
  result: Nullable(Result),
  resultLabel: Nullable(Type.String()),
  steps: Type.Array(Step),
  scoredBy: Nullable(Type.String()),
  scoredAt: Nullable(Type.String()),
  residents: SatisfactionSchema,
});

export const ConsequenceSchema = Type.Object({
  id: Type.Integer(),
  workerId: Type.Integer(),
  name: Type.String(),
  regionCode: Type.String(),
  year: Type.Integer(),
  kind: Type.String(),
  kindLabel: Type.String(),
  reason: Type.String(),
  status: StrEnum(['proposed', 'confirmed', 'rejected', 'waived'] as const),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

export const PlanDetailSchema = Type.Object({
  plan: PlanSchema,
  rules: Type.Object({}, { additionalProperties: true, description: '方案下达时冻结的考核规则（政策 assessment 节）' }),
  quotaRule: Type.String(),
  quotas: Type.Array(QuotaSchema),
  summary: Type.Object({
    entries: Type.Integer(),
    rated: Type.Integer(),
    unscored: Type.Integer(),
    byResult: Type.Object({
      excellent: Type.Integer(),
      competent: Type.Integer(),
      basic: Type.Integer(),
      fail: Type.Integer(),
    }),
  }),
  entries: Type.Array(EntrySchema),
  consequences: Type.Array(ConsequenceSchema),
  faultTolerances: Type.Array(
    Type.Object({
      id: Type.Integer(),
      workerId: Type.Integer(),
      name: Type.String(),
      regionCode: Type.String(),
      year: Type.Integer(),
      reason: Type.String(),
      decidedBy: Type.String(),
      decidedAt: Type.String(),
    }),
  ),
  abilities: Type.Object({ score: Type.Boolean(), approve: Type.Boolean(), decide: Type.Boolean() }),
});

export const ScoresBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          workerId: Id,
          politicalQuality: Score('政治素质'),
          workPerformance: Score('工作实绩'),
          residentSatisfaction: Type.Optional(
            Score('居民满意度（满意率，百分比）；不填时取本测评期居民测评的满意率（票数须达到下限）'),
          ),
          result: Type.Optional(Nullable(Result)),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 2000 },
    ),
  },
  { additionalProperties: false },
);
export const ScoresSavedSchema = Type.Object({
  saved: Type.Integer(),
  results: Type.Array(
    Type.Object({ workerId: Type.Integer(), total: Type.Number(), result: Result, resultLabel: Type.String() }),
  ),
  quotas: Type.Array(QuotaSchema),
});

export const ApprovedSchema = Type.Object({
  plan: PlanSchema,
  byResult: Type.Object({
    excellent: Type.Integer(),
    competent: Type.Integer(),
    basic: Type.Integer(),
    fail: Type.Integer(),
  }),
  consequencesProposed: Type.Integer(),
});

export const DecisionBody = Type.Object(
  { decision: StrEnum(['confirm', 'reject'] as const), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) },
  { additionalProperties: false },
);

export const BatchDecisionBody = Type.Object(
  {
    kind: StrEnum([
      'early_step',
      'delayed_step',
      'renewal',
      'non_renewal',
      'dismissal_review',
      'reward',
      'sanction',
    ] as const),
    decision: StrEnum(['confirm', 'reject'] as const),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const BatchDecidedSchema = Type.Object({ kind: Type.String(), status: Type.String(), decided: Type.Integer() });

export const FaultToleranceBody = Type.Object(
  { workerId: Id, reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export const FaultToleranceSchema = Type.Object({
  id: Type.Integer(),
  workerId: Type.Integer(),
  name: Type.String(),
  year: Type.Integer(),
  reason: Type.String(),
  waived: Type.Array(Type.Integer()),
});

// ---------------------------------------------------------------- residents' voice

export const ProfileBody = Type.Object(
  {
    duties: Type.String({ maxLength: 500, description: '岗位职责（公开）' }),
    commitments: Type.String({ maxLength: 500, description: '服务承诺（公开）' }),
  },
  { additionalProperties: false },
);
export const ProfileSchema = Type.Object({
  workerId: Type.Integer(),
  duties: Type.String(),
  commitments: Type.String(),
});

const Window = Nullable(Type.Object({ year: Type.Integer(), from: Type.String(), to: Type.String() }));
const PublicWorker = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  position: Type.String(),
  duties: Type.String(),
  commitments: Type.String(),
  ratings: SatisfactionSchema,
});

export const SettingsSchema = Type.Object({
  regionCode: Type.String(),
  name: Type.String(),
  publicPath: Type.String({ description: '公开页面路径（二维码内容为站点地址 + 此路径）' }),
  verificationRequired: Type.Boolean(),
  verificationCode: Nullable(Type.String()),
  saved: Type.Boolean({ description: '本测评期县级已对验证码作出决定（false：按默认，须输入验证码）' }),
  updatedBy: Nullable(Type.String()),
  offReason: Nullable(Type.String({ description: '本测评期关闭验证码的理由' })),
  warning: Nullable(Type.String({ description: '本测评期未要求验证码时的风险提示' })),
  canSwitchOff: Type.Boolean({ description: '当前用户可关闭验证码（县级社会工作部）' }),
  canReview: Type.Boolean({ description: '当前用户可审核未计入的评价（县级社会工作部）' }),
  window: Window,
  ratings: SatisfactionSchema,
  discounted: Type.Object(
    {
      notCounted: Type.Integer({ description: '本测评期未计入满意度的评价（超出上限、待审核、已作废）' }),
      pending: Type.Integer({ description: '其中待县级审核' }),
      reasons: Type.Array(
        Type.Object({
          status: StrEnum(['capped', 'held', 'accepted', 'discarded'] as const),
          statusLabel: Type.String(),
          reason: StrEnum(['address_cap', 'address_burst', 'subnet_burst'] as const),
          reasonLabel: Type.String(),
          ballots: Type.Integer(),
        }),
      ),
      groups: Type.Array(
        Type.Object({
          id: Type.Integer({ description: '审核时提交此编号' }),
          label: Type.String(),
          reasons: Type.Array(Type.String()),
          ballots: Type.Integer(),
          pending: Type.Integer(),
          accepted: Type.Integer(),
          discarded: Type.Integer(),
          from: Type.String(),
          to: Type.String(),
        }),
      ),
    },
    { description: '未计入的评价及原因（只有计入的评价进入满意率和年度考核）' },
  ),
  workers: Type.Array(PublicWorker),
});
export const SettingsBody = Type.Object(
  {
    verificationRequired: Type.Boolean(),
    verificationCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9A-Za-z]{4,12}$' }))),
    reason: Type.Optional(Type.String({ maxLength: 200, description: '关闭验证码的理由（关闭时必填，仅县级）' })),
  },
  { additionalProperties: false },
);
export const ReviewBody = Type.Object(
  {
    group: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1, description: '未计入评价的分组编号' }),
    decision: StrEnum(['accept', 'discard'] as const, { description: 'accept 计入；discard 作废' }),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const PublicCommunitySchema = Type.Object({
  community: Type.Object({
    code: Type.String(),
    name: Type.String(),
    street: Nullable(Type.String()),
    county: Nullable(Type.String()),
  }),
  window: Window,
  verificationRequired: Type.Boolean(),
  alreadyRated: Type.Boolean({ description: '本设备在本测评期内已经评价过' }),
  minRatings: Type.Integer(),
  scores: Type.Array(Type.Object({ value: Rating, label: Type.String() })),
  ratings: SatisfactionSchema,
  workers: Type.Array(PublicWorker),
});

export const RatingBody = Type.Object(
  {
    community: Rating,
    workers: Type.Optional(
      Type.Array(Type.Object({ workerId: Id, score: Rating }, { additionalProperties: false }), { maxItems: 100 }),
    ),
    code: Type.Optional(Type.String({ maxLength: 12, description: '公示验证码（社区开启时必填）' })),
  },
  { additionalProperties: false },
);
export const RatingSavedSchema = Type.Object({ ok: Type.Literal(true), ratings: Type.Integer() });

export const WorkerAssessmentsSchema = Type.Object({
  workerId: Type.Integer(),
  items: Type.Array(
    Type.Object({
      year: Type.Integer(),
      planId: Type.Integer(),
      planTitle: Type.String(),
      approved: Type.Boolean({ description: '已审定锁定（计入岗位等级）；false 为评分中，仅考核部门可见' }),
      approvedAt: Nullable(Type.String()),
      rated: Type.Boolean(),
      unratedReason: Nullable(Type.String({ description: '不参加评定等次的原因（试用期、任职不满半年等）' })),
      scores: Nullable(
        Type.Object({
          politicalQuality: Type.Number(),
          workPerformance: Type.Number(),
          residentSatisfaction: Type.Number(),
        }),
      ),
      total: Nullable(Type.Number()),
      result: Nullable(Result),
      resultLabel: Nullable(Type.String({ description: '该年度方案冻结的等次名称' })),
      steps: Type.Array(Step),
      consequences: Type.Array(
        Type.Object({
          kind: Type.String(),
          kindLabel: Type.String(),
          reason: Type.String(),
          status: StrEnum(['proposed', 'confirmed', 'rejected', 'waived'] as const),
          decidedAt: Nullable(Type.String()),
          note: Nullable(Type.String()),
        }),
      ),
      faultTolerance: Nullable(
        Type.Object({ reason: Type.String(), decidedAt: Type.String() }, { description: '容错纠错认定' }),
      ),
    }),
  ),
});
