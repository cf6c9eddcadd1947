/**
 * Shipped policy documents: the national defaults of the 2024 opinion, and an example provincial
 * grade sequence (三岗十八级) with an example city pay standard for the demo region 西双版纳州.
 * Example figures carry `pay.example: true` so the UI labels them 示例; they are not official.
 */

import { RATING_GUARD_DEFAULTS } from '../domain/rating-guard.js';
import { NATION_CODE } from '../domain/region-code.js';
import type { AssessmentPolicy, PayPolicy, PolicyDocument } from './policy.schema.js';

/**
 * Issue 6 (F-PROBATION, F-EXIT, F-INCENTIVE) national defaults, added to the shipped national document
 * by migration 009:
 * - probation 6 months (劳动合同法 第十九条: the maximum for a contract of 3 years or more, the usual
 *   community-worker contract), reminder 30 days before it ends; pay during probation is `pay.probationRatio`;
 * - retirement by the 2025 gradual reform (全国人大常委会《关于实施渐进式延迟法定退休年龄的决定》,
 *   2024-09-13): men 60 → 63, one month per 4 months of birth from January 1965; women whose former
 *   age was 55 → 58, one month per 4 months from January 1970. Community workers are taken as the 55
 *   group (管理、专业技术岗位); a province that treats them as the former-50 group sets
 *   `female: { baseAgeYears: 50, reformFromBirthMonth: '1975-01', monthsPerStep: 2, maxDelayMonths: 60 }`;
 * - incentive details the opinion leaves open: moves inside the province keep the years continuous
 *   (省内互认, the opinion's own rule for years of work); a term is 5 years (居民委员会组织法 2018 修正);
 *   "excellent records" read as at least one 优秀 and no 不称职 in the last 3 annual assessments (the
 *   江阴 practice, research §5). Each is a policy setting.
 * - labour contracts listed for renewal 60 days before they end.
 */
export const NATIONAL_LIFECYCLE = {
  probation: { months: 6, reminderDays: 30 },
  retirement: {
    male: { baseAgeYears: 60, reformFromBirthMonth: '1965-01', monthsPerStep: 4, maxDelayMonths: 36 },
    female: { baseAgeYears: 55, reformFromBirthMonth: '1970-01', monthsPerStep: 4, maxDelayMonths: 36 },
    reminderMonths: 6,
    basis: '全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定（2024-09-13，2025-01-01 起施行）',
  },
  contract: { reminderDays: 60 },
  incentiveRules: { provinceMovesKeepContinuity: true, fullTermYears: 5, assessmentYears: 3, minExcellent: 1 },
} satisfies NonNullable<PolicyDocument['lifecycle']>;

/**
 * National defaults (《关于加强社区工作者队伍建设的意见》, 2024-03-28):
 * F-NORM §2.3 18 per 10,000 urban permanent residents, quota held in total at county level, rounded up;
 * F-TRAIN-RULE §3.8 secretaries and directors trained at least once a year, everyone else once in 3 years;
 * F-INCENTIVE §5.13 secretaries with ≥ 10 continuous years and at least one full term.
 * Grades and pay are delegated to provinces and cities, so the nation sets none.
 */
export const NATIONAL_DEFAULTS: PolicyDocument = {
  id: 'nation-2024-1',
  level: 'nation',
  regionCode: NATION_CODE,
  version: 1,
  effectiveFrom: '2024-03-28',
  title: '《关于加强社区工作者队伍建设的意见》全国默认值',
  basis: '中共中央办公厅 国务院办公厅《关于加强社区工作者队伍建设的意见》（2024-03-28）',
  staffing: { perTenThousand: 18, quotaLevel: 'county', rounding: 'ceil', withinTolerance: 0 },
  training: {
    rules: [
      { appliesTo: ['secretary', 'director', 'secretaryDirector'], everyYears: 1, minTimes: 1 },
      { appliesTo: ['deputySecretary', 'deputyDirector', 'member', 'staff'], everyYears: 3, minTimes: 1 },
    ],
    // Calendar-aligned windows from the opinion's year (2024–2026, 2027–2029 …); listed as due 90 days before a window ends.
    window: 'calendar',
    windowStartYear: 2024,
    dueSoonDays: 90,
  },
  incentive: { positions: ['secretary', 'secretaryDirector'], secretaryYears: 10, fullTermRequired: true },
  lifecycle: NATIONAL_LIFECYCLE,
};

/**
 * The 18-grade coefficient curve (research-domain-rules.md §3.1, inferred): Xi'an's published monthly
 * endpoints divided by its grade-1 amount of 3,200 元 give the anchors g1 1.0000, g4 1.0875 (3,480),
 * g7 1.1875 (3,800), g12 1.3906 (4,450), g15 1.5375 (4,920), g18 1.6875 (5,400); the grades between
 * anchors are interpolated linearly and rounded half up to 4 decimals. One table for all categories;
 * a category only restricts the range of grades.
 */
export const COEFFICIENT_CURVE_18: number[] = [
  1.0, 1.0292, 1.0583, 1.0875, 1.1208, 1.1542, 1.1875, 1.2281, 1.2688, 1.3094, 1.35, 1.3906, 1.4396, 1.4885, 1.5375,
  1.5875, 1.6375, 1.6875,
];

/**
 * F-ASSESS (§4.10) defaults from research-domain-rules.md §4 (none is a national number; the opinion
 * delegates): grades 优秀 / 合格 / 基本合格 / 不合格 (北京 2012, 宁波海曙 2014); content weighed as
 * political quality 30 %, work performance 40 %, resident satisfaction 30 % [I]; total ≥ 90 may be
 * rated 优秀, ≥ 70 合格, ≥ 60 基本合格 [I]; 优秀 generally 15 %, at most 20 % of an assessing unit
 * (事业单位 analogue), counted per street, rounded down; resident satisfaction below 60 % → 不合格
 * (北京 2012); fewer than 6 months worked in the year → not rated (海曙); residents rate from 1 November
 * to 31 December; fewer than 10 ratings are shown but not used; consequences as §4.4 (two consecutive
 * 优秀 give an early step through the grade sequence; 不合格 delays the step, the contract is not
 * renewed and dismissal is reviewed).
 */
export const ASSESSMENT_DEFAULTS: AssessmentPolicy = {
  labels: { excellent: '优秀', competent: '合格', basic: '基本合格', fail: '不合格' },
  weights: { politicalQuality: 0.3, workPerformance: 0.4, residentSatisfaction: 0.3 },
  bands: { excellentMin: 90, competentMin: 70, basicMin: 60 },
  excellentTarget: 0.15,
  excellentCap: 0.2,
  quotaUnit: 'street',
  satisfactionFloor: 0.6,
  minMonthsWorked: 6,
  ratingWindow: { from: '11-01', to: '12-31' },
  minRatings: 10,
  // Issue 12: the code on the notice board is required in every window unless the county switches it
  // off for a community; ballots beyond these numbers from one address or subnet are not counted at once.
  verification: true,
  ratingGuard: { ...RATING_GUARD_DEFAULTS },
  consequences: {
    excellent: ['early_step', 'renewal', 'reward'],
    competent: ['renewal'],
    basic: ['renewal'],
    fail: ['delayed_step', 'non_renewal', 'dismissal_review', 'sanction'],
  },
};

/**
 * Example provincial grade sequence, 三岗十八级 (research §2): 正职 7–18, 副职 4–15, 其他 1–12; one
 * grade per full 3 years of community work; 本科/硕士/博士 count as 3/5/7 years; qualification +1/+2/+3
 * by the highest held (就高不叠加); two consecutive 优秀 give one early step, at most twice; a year
 * with a failed assessment is not counted (本溪 本民发〔2022〕43号).
 */
export const YUNNAN_GRADES_EXAMPLE: PolicyDocument = {
  id: 'yunnan-grades-example-1',
  level: 'province',
  regionCode: '530000000000',
  version: 1,
  effectiveFrom: '2025-01-01',
  title: '云南省社区工作者岗位等级序列（示例）',
  basis: '示例：按各地通行的“三岗十八级”设置，非云南省正式文件',
  grades: {
    categories: [
      {
        code: 'leader',
        name: '正职',
        positions: ['secretary', 'director', 'secretaryDirector'],
        minGrade: 7,
        maxGrade: 18,
      },
      { code: 'deputy', name: '副职', positions: ['deputySecretary', 'deputyDirector'], minGrade: 4, maxGrade: 15 },
      { code: 'general', name: '其他', positions: ['member', 'staff'], minGrade: 1, maxGrade: 12 },
    ],
    yearsPerStep: 3,
    educationYears: { doctorate: 7, master: 5, bachelor: 3, associate: 0, secondary: 0 },
    qualificationSteps: { assistant: 1, intermediate: 2, senior: 3 },
    earlyStep: { consecutiveExcellent: 2, maxTimes: 2 },
    excludeFailedYears: true,
  },
  // The province's assessment rules (示例): the research defaults above; a county may narrow them.
  assessment: ASSESSMENT_DEFAULTS,
};

/**
 * Example city pay standard for 西双版纳傣族自治州 (COEFFICIENT model, research §3.1 A).
 * ILLUSTRATIVE figures, not statistics: the average wage of 84,000 元 (2024) is a round figure of the
 * order of Yunnan's published 全口径城镇单位就业人员平均工资, not the prefecture's official number; the
 * factor 0.55 is chosen so that grade 1 is 3,850 元/month (84,000 ÷ 12 × 0.55) and grade 18 about
 * 6,497 元, inside the range reported after reforms elsewhere (阿拉善左旗 4,417–6,817 元, §3.3).
 * 80 % basic, 20 % performance (本溪); probation at 80 % (西安). Replace with the city's real figures.
 * The budget rates are also illustrative (employer pension 16 % + medical, unemployment and injury
 * ≈ 9.4 %; housing fund 12 %, the legal maximum).
 */
export const XISHUANGBANNA_PAY_EXAMPLE: PolicyDocument = {
  id: 'xishuangbanna-pay-example-1',
  level: 'city',
  regionCode: '532800000000',
  version: 1,
  effectiveFrom: '2025-07-01',
  title: '西双版纳州社区工作者薪酬标准（示例）',
  basis: '示例数据，用于演示；平均工资为示意数字，非统计公报数据',
  pay: {
    model: 'COEFFICIENT',
    example: true,
    source: '示意数字：2024 年平均工资按 84,000 元计，折算系数 0.55，非官方统计数据',
    averageWageFen: 8_400_000,
    averageWageYear: 2024,
    uplift: 0.55,
    coefficients: COEFFICIENT_CURVE_18,
    basicShare: 0.8,
    performanceShare: 0.2,
    probationRatio: 0.8,
  },
  budget: { employerSocialInsuranceRate: 0.254, housingFundRate: 0.12, months: 12 },
};

/** The example provincial and city documents of the demo (Yunnan, 西双版纳州). */
export const YUNNAN_EXAMPLE: PolicyDocument[] = [YUNNAN_GRADES_EXAMPLE, XISHUANGBANNA_PAY_EXAMPLE];

/** Every shipped document, for seeding. */
export const DEFAULT_POLICY_DOCUMENTS: PolicyDocument[] = [NATIONAL_DEFAULTS, ...YUNNAN_EXAMPLE];

/**
 * COMPONENT model example (research §3.1 B, an unnamed prefecture city, [S]): post pay 2,800 / 2,500 /
 * 2,300 元, 一肩挑 +300; 12 seniority levels, level 1 = 50 元, +60 元 a level, one level per 3 years;
 * title pay 300 / 500 / 800 元; basic performance 200 元.
 */
export const COMPONENT_PAY_EXAMPLE: PayPolicy = {
  model: 'COMPONENT',
  example: true,
  source: 'research-domain-rules.md §3.1 B（某地级市，二手资料）',
  averageWageFen: 8_400_000,
  averageWageYear: 2024,
  basicShare: 0.8,
  performanceShare: 0.2,
  probationRatio: 0.8,
  component: {
    postPayFen: { leader: 280_000, deputy: 250_000, general: 230_000 },
    dualRoleBonusFen: 30_000,
    seniority: { firstFen: 5_000, stepFen: 6_000, yearsPerLevel: 3, maxLevels: 12 },
    qualificationAllowanceFen: { assistant: 30_000, intermediate: 50_000, senior: 80_000 },
    basicPerformanceFen: 20_000,
  },
};

/**
 * FLOOR_RATIO model example (research §3.1 C, 南京 2018): secretaries and directors at least 100 % of
 * the previous year's average wage (≈ 98,000 元 in 2017), others at least 80 %, the floor including the
 * employer's social insurance and housing fund.
 */
export const FLOOR_RATIO_PAY_EXAMPLE: PayPolicy = {
  model: 'FLOOR_RATIO',
  example: true,
  source: 'research-domain-rules.md §3.1 C（南京 2018）',
  averageWageFen: 9_800_000,
  averageWageYear: 2017,
  basicShare: 0.8,
  performanceShare: 0.2,
  probationRatio: 0.8,
  floorRatio: {
    ratios: { leader: 1, deputy: 0.8, general: 0.8 },
    gradeStepFen: 0,
    includesEmployerContributions: true,
  },
};
