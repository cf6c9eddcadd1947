/**
 * The policy document (政策配置): every number of the opinion and every detail it delegates to
 * provinces, cities and counties, as data (domain.md "Policy is data, not code"). One TypeBox schema
 * serves the validator here and, later, the API and its OpenAPI document.
 *
 * Two shapes:
 * - `PolicySchema`: a complete policy, every section and field present (what the engines read).
 * - `PolicyDocumentSchema`: what one level (nation < province < city < county) publishes: every
 *   field optional, merged over the levels above it by `resolvePolicy` (arrays replace, objects merge).
 *
 * Conventions: money is integer fen (分); ratios (shares, rates, coefficients, uplift) are decimals
 * with at most 4 decimal places, read by the engines as integer ten-thousandths (`ratioE4`) so money
 * is computed with integers only.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { LEVEL_LABELS } from '../domain/region-code.js';
import type { Education, Position, Qualification } from '../domain/worker-vocab.js';
import { EDUCATIONS, POSITIONS, QUALIFICATIONS } from '../domain/worker-vocab.js';

const Strict = <T extends Record<string, TSchema>>(properties: T, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

/** A decimal ratio, at most 4 decimal places (checked semantically in policy.validate.ts). */
const Ratio = (description: string, maximum = 1) => Type.Number({ minimum: 0, maximum, description });
const Fen = (description: string) => Type.Integer({ minimum: 0, description: `${description}（分）` });
const PositiveInt = (description: string, maximum?: number) =>
  Type.Integer({ minimum: 1, ...(maximum ? { maximum } : {}), description });
const NonNegInt = (description: string) => Type.Integer({ minimum: 0, description });

/** 职务 code (worker-vocab.ts POSITIONS). */
export const PositionCodeSchema = Type.Unsafe<Position>({
  type: 'string',
  enum: Object.keys(POSITIONS),
  description: '职务',
});

/** 岗位类别 code under 三岗: 正职 leader, 副职 deputy, 其他 general. */
export const PostCategorySchema = Type.Union(
  [Type.Literal('leader'), Type.Literal('deputy'), Type.Literal('general')],
  { description: '岗位类别' },
);
export type PostCategory = Static<typeof PostCategorySchema>;
export const POST_CATEGORY_LABELS: Record<PostCategory, string> = { leader: '正职', deputy: '副职', general: '其他' };

/** Policy levels, in merge order (lowest precedence first). Names follow region-code.ts `Level`. */
export const POLICY_LEVELS = ['nation', 'province', 'city', 'county'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];
export const POLICY_LEVEL_LABELS: Record<PolicyLevel, string> = {
  nation: LEVEL_LABELS.nation,
  province: LEVEL_LABELS.province,
  city: LEVEL_LABELS.city,
  county: LEVEL_LABELS.county,
};

// ---------------------------------------------------------------- sections (complete form)

/** F-NORM (§2.3) 配备标准 / 总量控制. */
const staffingProps = {
  perTenThousand: Type.Number({
    exclusiveMinimum: 0,
    maximum: 1000,
    description: '每万城镇常住人口配备社区工作者人数',
  }),
  quotaLevel: Type.Union([Type.Literal('county'), Type.Literal('city')], { description: '总量控制的层级' }),
  rounding: Type.Union([Type.Literal('ceil'), Type.Literal('round'), Type.Literal('floor')], {
    description: '职数取整方式（ceil 向上取整）',
  }),
  withinTolerance: Ratio('“基本持平”的容差，占职数的比例（0 表示须恰好等于职数）', 0.5),
};
export const StaffingSchema = Strict(staffingProps, '配备标准');

/** F-TRAIN-RULE (§3.8) 培训频次. */
export const TrainingRuleSchema = Strict({
  appliesTo: Type.Array(PositionCodeSchema, { minItems: 1, description: '适用职务' }),
  everyYears: PositiveInt('周期（年）', 10),
  minTimes: PositiveInt('每个周期至少培训次数', 10),
});
/**
 * How the cycle of a rule is measured (F-TRAIN-RULE, documented in docs/api-training.md):
 * - calendar: fixed windows of `everyYears` calendar years counted from `windowStartYear`
 *   (1 year → each calendar year; 3 years from 2024 → 2024–2026, 2027–2029 …);
 * - rolling: the last `everyYears` years ending today (a training on D counts until D + everyYears − 1 day).
 */
export const TrainingWindowSchema = Type.Union([Type.Literal('calendar'), Type.Literal('rolling')], {
  description: '周期计算方式：calendar 按自然年对齐的固定周期；rolling 截至当日的滚动周期',
});
const trainingProps = {
  rules: Type.Array(TrainingRuleSchema, { description: '培训规则' }),
  window: TrainingWindowSchema,
  windowStartYear: Type.Integer({
    minimum: 1990,
    maximum: 2100,
    description: '按自然年对齐时，多年周期的起算年（如 2024：2024—2026、2027—2029……）',
  }),
  dueSoonDays: Type.Integer({ minimum: 0, maximum: 366, description: '距周期截止不超过多少天列为“即将到期”' }),
};
export const TrainingSchema = Strict(trainingProps, '培训');

/** F-INCENTIVE (§5.13) 优秀社区党组织书记 进入事业编制. */
const incentiveProps = {
  positions: Type.Array(PositionCodeSchema, { minItems: 1, description: '适用职务（书记、一肩挑）' }),
  secretaryYears: PositiveInt('连续从事社区工作年限（年）', 50),
  fullTermRequired: Type.Boolean({ description: '须至少任满一届书记' }),
};
export const IncentiveSchema = Strict(incentiveProps, '书记激励');

/** F-GRADE (§2.4) 岗位类别: a range of grades and the positions it covers. */
export const GradeCategorySchema = Strict({
  code: PostCategorySchema,
  name: Type.String({ minLength: 1, maxLength: 20, description: '类别名称' }),
  positions: Type.Array(PositionCodeSchema, { minItems: 1, description: '包含的职务' }),
  minGrade: PositiveInt('最低等级', 30),
  maxGrade: PositiveInt('最高等级', 30),
});
export type GradeCategory = Static<typeof GradeCategorySchema>;

const educationYearsProps = {
  doctorate: NonNegInt('博士研究生视同社区工作年限'),
  master: NonNegInt('硕士研究生视同社区工作年限'),
  bachelor: NonNegInt('大学本科视同社区工作年限'),
  associate: NonNegInt('大学专科视同社区工作年限'),
  secondary: NonNegInt('中专及以下视同社区工作年限'),
} satisfies Record<Education, TSchema>;
const qualificationStepsProps = {
  assistant: NonNegInt('助理社会工作师加级'),
  intermediate: NonNegInt('社会工作师加级'),
  senior: NonNegInt('高级社会工作师加级'),
} satisfies Record<Qualification, TSchema>;
const earlyStepProps = {
  consecutiveExcellent: PositiveInt('连续几年优秀提前晋升一级', 10),
  maxTimes: NonNegInt('提前晋升最多次数'),
};
const gradesProps = {
  categories: Type.Array(GradeCategorySchema, { minItems: 1, description: '岗位类别' }),
  yearsPerStep: PositiveInt('每满几年晋升一级', 10),
  educationYears: Strict(educationYearsProps, '学历视同社区工作年限'),
  qualificationSteps: Strict(qualificationStepsProps, '职业水平加级（就高不叠加）'),
  earlyStep: Strict(earlyStepProps, '连续优秀提前晋升'),
  excludeFailedYears: Type.Boolean({ description: '年度考核不合格的年度不计入社区工作年限' }),
};
export const GradesSchema = Strict(gradesProps, '岗位等级序列');

/** Per-category amounts (正职 / 副职 / 其他). */
const PerCategory = <T extends TSchema>(f: (label: string) => T, what: string) =>
  Strict({ leader: f(`正职${what}`), deputy: f(`副职${what}`), general: f(`其他${what}`) });

const componentProps = {
  postPayFen: PerCategory(Fen, '岗位工资'),
  dualRoleBonusFen: Fen('一肩挑加发'),
  seniority: Strict({
    firstFen: Fen('第 1 级级别工资'),
    stepFen: Fen('每级增加'),
    yearsPerLevel: PositiveInt('每满几年升一级', 10),
    maxLevels: PositiveInt('级别数', 50),
  }),
  qualificationAllowanceFen: Strict({
    assistant: Fen('助理社会工作师津贴'),
    intermediate: Fen('社会工作师津贴'),
    senior: Fen('高级社会工作师津贴'),
  }),
  basicPerformanceFen: Fen('基础性绩效'),
};
const floorRatioProps = {
  ratios: PerCategory((d) => Ratio(d, 5), '保底比例（占上年平均工资）'),
  gradeStepFen: Fen('类别最低等级以上每级加发'),
  includesEmployerContributions: Type.Boolean({ description: '保底标准是否含单位缴纳的五险一金' }),
};

/** F-PAY (§5.12) 薪酬. */
const payProps = {
  model: Type.Union([Type.Literal('COEFFICIENT'), Type.Literal('COMPONENT'), Type.Literal('FLOOR_RATIO')], {
    description: '薪酬模型',
  }),
  example: Type.Boolean({ description: '示例数据（界面上标注“示例”）' }),
  source: Type.Optional(Type.String({ maxLength: 500, description: '数据来源说明' })),
  averageWageFen: Fen('上年度全口径城镇单位就业人员年平均工资'),
  averageWageYear: Type.Integer({ minimum: 1990, maximum: 2100, description: '平均工资所属年度' }),
  uplift: Type.Optional(Ratio('上浮（折算）系数', 5)),
  baseMonthlyFen: Type.Optional(Fen('固定月基数（设定时不按平均工资计算基数）')),
  coefficients: Type.Optional(
    Type.Array(Ratio('等级系数', 10), { minItems: 1, maxItems: 30, description: '第 1 级起各等级的薪酬系数' }),
  ),
  basicShare: Ratio('基本工资占比'),
  performanceShare: Ratio('绩效工资占比'),
  probationRatio: Ratio('试用期工资比例'),
  component: Type.Optional(Strict(componentProps, '结构工资模型参数')),
  floorRatio: Type.Optional(Strict(floorRatioProps, '保底比例模型参数')),
};
export const PaySchema = Strict(payProps, '薪酬');

/** F-BUDGET (§6.15) 经费测算. */
const budgetProps = {
  employerSocialInsuranceRate: Ratio('单位缴纳社会保险费率'),
  housingFundRate: Ratio('单位缴存住房公积金比例'),
  months: Type.Integer({ minimum: 12, maximum: 14, description: '每年发放月数（含年终一次性奖金时为 13）' }),
};
export const BudgetSchema = Strict(budgetProps, '经费');

// ---- assessment (issue 5, F-ASSESS) ----
/** 年度考核结果 keys; the labels shown are configurable (合格 or 称职). */
export const ASSESSMENT_RESULT_KEYS = ['excellent', 'competent', 'basic', 'fail'] as const;
/** Consequence kinds (F-ASSESS, F-REWARD): early_step 提前晋级, delayed_step 延缓晋级, renewal 续聘, non_renewal 不再续聘, dismissal_review 解聘审查, reward 奖励, sanction 惩戒. */
export const CONSEQUENCE_KINDS = [
  'early_step',
  'delayed_step',
  'renewal',
  'non_renewal',
  'dismissal_review',
  'reward',
  'sanction',
] as const;
const ConsequenceList = (d: string) =>
  Type.Array(Type.Union(CONSEQUENCE_KINDS.map((k) => Type.Literal(k))), {
    maxItems: CONSEQUENCE_KINDS.length,
    uniqueItems: true,
    description: d,
  });
const Label = (d: string) => Type.String({ minLength: 1, maxLength: 10, description: d });
const Score = (d: string) => Type.Number({ minimum: 0, maximum: 100, description: d });
const MonthDay = (d: string) =>
  Type.String({ pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', description: `${d}（MM-DD）` });
const assessmentLabelsProps = {
  excellent: Label('优秀等次名称'),
  competent: Label('合格（称职）等次名称'),
  basic: Label('基本合格（基本称职）等次名称'),
  fail: Label('不合格（不称职）等次名称'),
};
const assessmentWeightsProps = {
  politicalQuality: Ratio('政治素质权重'),
  workPerformance: Ratio('工作实绩权重'),
  residentSatisfaction: Ratio('居民满意度权重'),
};
const assessmentBandsProps = {
  excellentMin: Score('可评优秀的最低总分'),
  competentMin: Score('合格的最低总分'),
  basicMin: Score('基本合格的最低总分'),
};
const assessmentConsequencesProps = {
  excellent: ConsequenceList('优秀的运用'),
  competent: ConsequenceList('合格的运用'),
  basic: ConsequenceList('基本合格的运用'),
  fail: ConsequenceList('不合格的运用'),
};
const assessmentRatingGuardProps = {
  perAddress: PositiveInt('同一网络地址每个测评期对一个社区计入的票数上限', 1000),
  burstMinutes: PositiveInt('集中提交的判断时间窗（分钟）', 1440),
  burstAddressVotes: PositiveInt('同一地址在时间窗内达到此票数即全部暂不计入、待县级审核', 1000),
  burstSubnetVotes: PositiveInt('同一网段在时间窗内达到此票数即全部暂不计入、待县级审核', 10000),
};
const assessmentProps = {
  labels: Strict(assessmentLabelsProps, '等次名称'),
  weights: Strict(assessmentWeightsProps, '考核内容权重（之和为 1）'),
  bands: Strict(assessmentBandsProps, '总分对应等次'),
  excellentTarget: Ratio('优秀等次一般掌握的比例'),
  excellentCap: Ratio('优秀等次最高比例（硬上限，按考核单位计，人数向下取整）'),
  quotaUnit: Type.Union([Type.Literal('street'), Type.Literal('community')], {
    description: '优秀比例的考核单位（街道或社区）',
  }),
  satisfactionFloor: Ratio('居民满意度低于此比例定为不合格'),
  minMonthsWorked: Type.Integer({ minimum: 0, maximum: 12, description: '年度内在社区工作不满几个月不定等次' }),
  ratingWindow: Strict({ from: MonthDay('居民测评开始'), to: MonthDay('居民测评结束') }, '居民满意度测评期'),
  minRatings: NonNegInt('居民测评票数少于此数时只展示、不计入满意度'),
  verification: Type.Boolean({
    description: '测评期内居民须输入公示验证码（默认是；县级可对个别社区说明理由后关闭）',
  }),
  // Optional: documents stored before it existed resolve to RATING_GUARD_DEFAULTS (domain/rating-guard.ts).
  ratingGuard: Type.Optional(Strict(assessmentRatingGuardProps, '居民测评防刷票')),
  consequences: Strict(assessmentConsequencesProps, '考核结果运用（拟定后经确认生效）'),
};
export const AssessmentSchema = Strict(assessmentProps, '年度考核');
// ---- end assessment ----
// ---------------------------------------------------------------- lifecycle (issue 6: probation, retirement, incentive continuity)

/**
 * 法定退休年龄 under the 2025 gradual reform (全国人大常委会《关于实施渐进式延迟法定退休年龄的决定》,
 * from 2025-01-01): people born in or after `reformFromBirthMonth` retire `baseAgeYears` plus one month
 * for every `monthsPerStep` months of birth since then (the first group already +1), at most
 * `maxDelayMonths` more; people born earlier at `baseAgeYears`.
 */
export const RetirementRuleSchema = Strict({
  baseAgeYears: PositiveInt('原法定退休年龄（周岁）', 80),
  reformFromBirthMonth: Type.String({
    pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
    description: '自该出生年月（YYYY-MM）起逐步延迟',
  }),
  monthsPerStep: PositiveInt('出生每满几个月延迟一个月', 24),
  maxDelayMonths: NonNegInt('最多延迟月数'),
});
export type RetirementRule = Static<typeof RetirementRuleSchema>;
const lifecycleProps = {
  probation: Strict(
    {
      months: PositiveInt('试用期（月）', 12),
      reminderDays: NonNegInt('试用期满前几天提醒'),
    },
    '试用期（F-PROBATION；试用期工资比例见薪酬 probationRatio）',
  ),
  retirement: Strict(
    {
      male: RetirementRuleSchema,
      female: RetirementRuleSchema,
      reminderMonths: NonNegInt('退休前几个月列入到龄名单'),
      basis: Type.String({ maxLength: 300, description: '依据' }),
    },
    '法定退休年龄（F-EXIT）',
  ),
  contract: Strict({ reminderDays: NonNegInt('劳动合同到期前几天列入续签提醒') }, '劳动合同（F-CONTRACT）'),
  incentiveRules: Strict(
    {
      provinceMovesKeepContinuity: Type.Boolean({ description: '省内调动不中断“连续”从事社区工作年限' }),
      fullTermYears: PositiveInt('一届任期（年），担任书记满该年限视为任满一届', 10),
      assessmentYears: PositiveInt('考察最近几个年度的考核结果', 10),
      minExcellent: NonNegInt('其中至少几个年度“优秀”'),
    },
    '书记激励的认定细则（F-INCENTIVE）',
  ),
};
export const LifecycleSchema = Strict(lifecycleProps, '人员进出（试用期、退休、激励认定）');

export const SECTION_SCHEMAS = {
  staffing: StaffingSchema,
  training: TrainingSchema,
  incentive: IncentiveSchema,
  grades: GradesSchema,
  pay: PaySchema,
  budget: BudgetSchema,
  assessment: AssessmentSchema,
  lifecycle: LifecycleSchema,
} as const;
export type PolicySection = keyof typeof SECTION_SCHEMAS;
export const POLICY_SECTIONS = Object.keys(SECTION_SCHEMAS) as PolicySection[];
export const SECTION_LABELS: Record<PolicySection, string> = {
  staffing: '配备标准',
  training: '培训',
  incentive: '书记激励',
  grades: '岗位等级序列',
  pay: '薪酬',
  budget: '经费',
  assessment: '年度考核',
  lifecycle: '人员进出',
};

/** A complete policy: what the engines read. */
export const PolicySchema = Strict(SECTION_SCHEMAS);
export type Policy = Static<typeof PolicySchema>;
export type StaffingPolicy = Policy['staffing'];
export type TrainingPolicy = Policy['training'];
export type IncentivePolicy = Policy['incentive'];
export type GradesPolicy = Policy['grades'];
export type PayPolicy = Policy['pay'];
export type BudgetPolicy = Policy['budget'];
export type AssessmentPolicy = Policy['assessment'];
export type LifecyclePolicy = Policy['lifecycle'];

/** The policy in force somewhere on some date: a section is absent when no level set it (completely). */
export type ResolvedPolicy = Partial<Policy>;

// ---------------------------------------------------------------- the document one level publishes

const GradesPatchSchema = Type.Partial(
  Strict({
    ...gradesProps,
    educationYears: Type.Partial(Strict(educationYearsProps)),
    qualificationSteps: Type.Partial(Strict(qualificationStepsProps)),
    earlyStep: Type.Partial(Strict(earlyStepProps)),
  }),
);
const PayPatchSchema = Type.Partial(
  Strict({
    ...payProps,
    component: Type.Partial(
      Strict({
        ...componentProps,
        postPayFen: Type.Partial(componentProps.postPayFen),
        seniority: Type.Partial(componentProps.seniority),
        qualificationAllowanceFen: Type.Partial(componentProps.qualificationAllowanceFen),
      }),
    ),
    floorRatio: Type.Partial(Strict({ ...floorRatioProps, ratios: Type.Partial(floorRatioProps.ratios) })),
  }),
);

/**
 * One versioned policy document of one level. Every section and field is optional: what it leaves
 * out is inherited from the levels above. Old versions are kept so past figures can be recomputed.
 */
export const PolicyDocumentSchema = Strict({
  id: Type.Optional(Type.String({ maxLength: 64, description: '文档标识' })),
  level: Type.Union([Type.Literal('nation'), Type.Literal('province'), Type.Literal('city'), Type.Literal('county')], {
    description: '层级',
  }),
  regionCode: Type.String({ pattern: '^\\d{12}$', description: '12 位统计用区划代码（全国为 000000000000）' }),
  version: PositiveInt('版本号'),
  effectiveFrom: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '生效日期 YYYY-MM-DD' }),
  title: Type.Optional(Type.String({ maxLength: 200, description: '文件名称' })),
  basis: Type.Optional(Type.String({ maxLength: 500, description: '依据' })),
  staffing: Type.Optional(Type.Partial(StaffingSchema)),
  training: Type.Optional(Type.Partial(TrainingSchema)),
  incentive: Type.Optional(Type.Partial(IncentiveSchema)),
  grades: Type.Optional(GradesPatchSchema),
  pay: Type.Optional(PayPatchSchema),
  budget: Type.Optional(Type.Partial(BudgetSchema)),
  assessment: Type.Optional(
    Type.Partial(
      Strict({
        ...assessmentProps,
        labels: Type.Partial(Strict(assessmentLabelsProps)),
        weights: Type.Partial(Strict(assessmentWeightsProps)),
        bands: Type.Partial(Strict(assessmentBandsProps)),
        ratingWindow: Type.Partial(assessmentProps.ratingWindow),
        ratingGuard: Type.Partial(Strict(assessmentRatingGuardProps)),
        consequences: Type.Partial(Strict(assessmentConsequencesProps)),
      }),
    ),
  ),
  lifecycle: Type.Optional(
    Type.Partial(
      Strict({
        probation: Type.Partial(lifecycleProps.probation),
        retirement: Type.Partial(Strict({ ...lifecycleProps.retirement.properties })),
        contract: Type.Partial(lifecycleProps.contract),
        incentiveRules: Type.Partial(lifecycleProps.incentiveRules),
      }),
    ),
  ),
});
export type PolicyDocument = Static<typeof PolicyDocumentSchema>;

// ---------------------------------------------------------------- shared helpers

/**
 * A ratio as integer ten-thousandths (0.8 → 8000, 1.3906 → 13906). Policies hold at most 4 decimal
 * places (policy.validate.ts refuses more), so this is exact; money is then computed with integers.
 */
export const ratioE4 = (x: number): number => Math.round(x * 10000);

/** True when `x` has at most 4 decimal places. */
export const hasAtMost4Decimals = (x: number): boolean => Math.abs(x * 10000 - Math.round(x * 10000)) < 1e-6;

/** Labels used in explanations. */
export const LABELS = { positions: POSITIONS, educations: EDUCATIONS, qualifications: QUALIFICATIONS };
