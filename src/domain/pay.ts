import {
  type PayPolicy,
  POST_CATEGORY_LABELS,
  type PostCategory,
  type ResolvedPolicy,
  ratioE4,
} from '../policy/policy.schema.js';
import { requireSection } from '../policy/resolve.js';
import { chineseDate } from './dates.js';
/**
 * F-PAY (§5.12) 薪酬 and F-BUDGET (§6.15) 经费测算: a worker's monthly pay under the policy in force,
 * with its components and arithmetic, and the yearly cost of a workforce.
 *
 * Money is integer fen (分). Ratios come from the policy with at most 4 decimals and are used as
 * integer ten-thousandths, so every product is exact; each rounding is stated where it happens and
 * is half up (四舍五入) to the fen unless said otherwise. Components always add up to `monthlyFen`.
 */
import { DomainError } from './errors.js';
import type { Position, Qualification } from './worker-vocab.js';
import { POSITIONS, QUALIFICATIONS } from './worker-vocab.js';

export type PayComponentCode =
  | 'basic'
  | 'performance'
  | 'post'
  | 'dualRole'
  | 'seniority'
  | 'qualification'
  | 'basicPerformance'
  | 'probation';

export interface PayComponent {
  code: PayComponentCode;
  name: string;
  fen: number;
}
export interface PayStep {
  text: string;
  arithmetic: string;
}
export interface PayResult {
  model: PayPolicy['model'];
  monthlyFen: number;
  components: PayComponent[];
  steps: PayStep[];
  /** The policy's figures are examples (the UI labels them 示例). */
  example: boolean;
}

export interface PayInput {
  grade: number;
  category: PostCategory;
  status: 'active' | 'probation';
  policy: ResolvedPolicy;
  /** As-of date, cited in the explanation (the policy is the one resolved for this date). */
  date: string;
  /** COMPONENT: 一肩挑 gets the dual-role bonus. */
  position?: Position;
  /** COMPONENT: the highest qualification held on `date`. */
  qualification?: Qualification | null;
  /** COMPONENT: full years of community work (grade.ts countedYears). */
  serviceYears?: number;
}

/** 384999 → "3,849.99 元"; negative amounts keep their sign. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '−' : '';
  const a = Math.abs(fen);
  const yuan = Math.floor(a / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(a % 100).padStart(2, '0')} 元`;
}

/** num ÷ den rounded half up, for num ≥ 0, den > 0. */
export function divHalfUp(num: bigint, den: bigint): bigint {
  return (num * 2n + den) / (2n * den);
}
/** num ÷ den rounded up, for num ≥ 0, den > 0. */
export function divCeil(num: bigint, den: bigint): bigint {
  return (num + den - 1n) / den;
}
/** fen × ratio, half up to the fen. */
export const mulRatio = (fen: number, ratio: number): number =>
  Number(divHalfUp(BigInt(fen) * BigInt(ratioE4(ratio)), 10000n));

const pct = (r: number) => `${Number((r * 100).toFixed(2))}%`;

/** Splits a monthly amount into basic and performance pay: basic = amount × basicShare (half up), performance = the rest. */
function split(amount: number, pay: PayPolicy, steps: PayStep[]): PayComponent[] {
  const basic = mulRatio(amount, pay.basicShare);
  const performance = amount - basic;
  steps.push({
    text: `基本工资占 ${pct(pay.basicShare)}，绩效工资占 ${pct(pay.performanceShare)}（绩效为余数，两项之和等于应发）`,
    arithmetic: `基本 ${formatFen(amount)} × ${pay.basicShare} = ${formatFen(basic)}；绩效 ${formatFen(amount)} − ${formatFen(basic)} = ${formatFen(performance)}`,
  });
  return [
    { code: 'basic', name: '基本工资', fen: basic },
    { code: 'performance', name: '绩效工资', fen: performance },
  ];
}

function coefficientPay(input: PayInput, pay: PayPolicy, steps: PayStep[]): PayComponent[] {
  const coefficients = pay.coefficients ?? [];
  const coef = coefficients[input.grade - 1];
  if (coef === undefined)
    throw new DomainError(
      'validation',
      'PAY_NO_COEFFICIENT',
      `薪酬政策没有第 ${input.grade} 级的系数（共 ${coefficients.length} 级）`,
      [{ field: 'grade', message: '等级超出系数表' }],
    );
  let base: number;
  if (pay.baseMonthlyFen !== undefined) {
    base = pay.baseMonthlyFen;
    steps.push({ text: '月基数按政策规定的固定数额', arithmetic: `基数 = ${formatFen(base)}` });
  } else {
    const uplift = pay.uplift ?? 1;
    // base = annual average wage × uplift ÷ 12, rounded half up to the fen once.
    base = Number(divHalfUp(BigInt(pay.averageWageFen) * BigInt(ratioE4(uplift)), 120000n));
    steps.push({
      text: `月基数 = ${pay.averageWageYear} 年全口径城镇单位就业人员年平均工资 ÷ 12 × 上浮系数（四舍五入到分）`,
      arithmetic: `${formatFen(pay.averageWageFen)} ÷ 12 × ${uplift} = ${formatFen(base)}`,
    });
  }
  // monthly = base × grade coefficient, rounded half up to the fen once.
  const monthly = mulRatio(base, coef);
  steps.push({
    text: `第 ${input.grade} 级薪酬系数 ${coef}，月应发 = 月基数 × 等级系数（四舍五入到分）`,
    arithmetic: `${formatFen(base)} × ${coef} = ${formatFen(monthly)}`,
  });
  return split(monthly, pay, steps);
}

function componentPay(input: PayInput, pay: PayPolicy, steps: PayStep[]): PayComponent[] {
  const c = pay.component;
  if (!c) throw new DomainError('conflict', 'POLICY_NOT_IN_FORCE', '结构工资模型缺少 component 参数');
  const out: PayComponent[] = [];
  const post = c.postPayFen[input.category];
  out.push({ code: 'post', name: '岗位工资', fen: post });
  steps.push({
    text: `岗位工资按${POST_CATEGORY_LABELS[input.category]}岗位`,
    arithmetic: `岗位工资 = ${formatFen(post)}`,
  });
  if (input.position === 'secretaryDirector' && c.dualRoleBonusFen > 0) {
    out.push({ code: 'dualRole', name: '一肩挑加发', fen: c.dualRoleBonusFen });
    steps.push({
      text: `${POSITIONS.secretaryDirector}（书记兼主任）加发`,
      arithmetic: `一肩挑加发 = ${formatFen(c.dualRoleBonusFen)}`,
    });
  }
  const years = input.serviceYears ?? 0;
  const s = c.seniority;
  // Level 1 for the first yearsPerLevel full years, +1 per further yearsPerLevel, at most maxLevels.
  const level = Math.min(s.maxLevels, 1 + Math.floor(years / s.yearsPerLevel));
  const seniority = s.firstFen + s.stepFen * (level - 1);
  out.push({ code: 'seniority', name: '级别工资', fen: seniority });
  steps.push({
    text: `级别工资按社区工作年限：每满 ${s.yearsPerLevel} 年升一级，最高 ${s.maxLevels} 级；满 ${years} 年为第 ${level} 级`,
    arithmetic: `${formatFen(s.firstFen)} + ${formatFen(s.stepFen)} × (${level} − 1) = ${formatFen(seniority)}`,
  });
  if (input.qualification) {
    const q = c.qualificationAllowanceFen[input.qualification];
    if (q > 0) {
      out.push({ code: 'qualification', name: '职称（职业水平）工资', fen: q });
      steps.push({
        text: `持有${QUALIFICATIONS[input.qualification]}（按最高一项）`,
        arithmetic: `职称工资 = ${formatFen(q)}`,
      });
    }
  }
  if (c.basicPerformanceFen > 0) {
    out.push({ code: 'basicPerformance', name: '基础性绩效', fen: c.basicPerformanceFen });
    steps.push({
      text: '基础性绩效按月发放（奖励性绩效按年度考核另行发放，不在月薪内）',
      arithmetic: `基础性绩效 = ${formatFen(c.basicPerformanceFen)}`,
    });
  }
  return out;
}

function floorRatioPay(input: PayInput, pay: PayPolicy, steps: PayStep[]): PayComponent[] {
  const f = pay.floorRatio;
  if (!f) throw new DomainError('conflict', 'POLICY_NOT_IN_FORCE', '保底比例模型缺少 floorRatio 参数');
  const ratio = f.ratios[input.category];
  // The floor is a minimum: monthly floor = annual average × ratio ÷ 12, rounded UP to the fen.
  const floor = Number(divCeil(BigInt(pay.averageWageFen) * BigInt(ratioE4(ratio)), 120000n));
  steps.push({
    text: `${POST_CATEGORY_LABELS[input.category]}岗位保底标准为 ${pay.averageWageYear} 年平均工资的 ${pct(ratio)}（月标准向上取整到分）`,
    arithmetic: `${formatFen(pay.averageWageFen)} × ${ratio} ÷ 12 = ${formatFen(floor)}`,
  });
  let monthly = floor;
  if (f.includesEmployerContributions) {
    const b = requireSection(input.policy, 'budget');
    const rate = ratioE4(b.employerSocialInsuranceRate) + ratioE4(b.housingFundRate);
    // The smallest whole fen p with p × (1 + rates) ≥ floor.
    monthly = Number(divCeil(BigInt(floor) * 10000n, BigInt(10000 + rate)));
    steps.push({
      text: `保底标准含单位缴纳的五险一金（社会保险 ${pct(b.employerSocialInsuranceRate)}、住房公积金 ${pct(b.housingFundRate)}），应发工资取满足 应发 × (1 + 费率) ≥ 保底 的最小金额`,
      arithmetic: `${formatFen(floor)} ÷ (1 + ${b.employerSocialInsuranceRate} + ${b.housingFundRate}) = ${formatFen(monthly)}（向上取整到分）`,
    });
  }
  if (f.gradeStepFen > 0) {
    const g = requireSection(input.policy, 'grades');
    const min = g.categories.find((c) => c.code === input.category)?.minGrade ?? 1;
    const extra = f.gradeStepFen * Math.max(0, input.grade - min);
    steps.push({
      text: `类别最低等级（第 ${min} 级）以上每级加发 ${formatFen(f.gradeStepFen)}`,
      arithmetic: `${formatFen(f.gradeStepFen)} × (${input.grade} − ${min}) = ${formatFen(extra)}`,
    });
    const before = monthly;
    monthly += extra;
    steps.push({ text: '月应发', arithmetic: `${formatFen(before)} + ${formatFen(extra)} = ${formatFen(monthly)}` });
  }
  return split(monthly, pay, steps);
}

/**
 * F-PAY: monthly pay of one worker. COEFFICIENT: base × grade coefficient, split basic/performance;
 * COMPONENT: post + seniority + qualification + basic performance (+ 一肩挑); FLOOR_RATIO: the
 * category's share of the average wage (net of employer contributions when the floor includes them),
 * plus an optional amount per grade. On probation the total is paid at `probationRatio` (half up),
 * shown as a negative `probation` component so the components still add up.
 */
export function computePay(input: PayInput): PayResult {
  const pay = requireSection(input.policy, 'pay');
  if (!Number.isInteger(input.grade) || input.grade < 1)
    throw new DomainError('validation', 'PAY_BAD_GRADE', `等级应为正整数，得到 ${input.grade}`, [
      { field: 'grade', message: '等级应为正整数' },
    ]);
  const steps: PayStep[] = [];
  steps.push({
    text: `按 ${chineseDate(input.date)} 施行的薪酬政策计算（${pay.model === 'COEFFICIENT' ? '系数法' : pay.model === 'COMPONENT' ? '结构工资' : '保底比例'}）${pay.example ? '；政策数字为示例，非正式标准' : ''}`,
    arithmetic: '',
  });
  const components =
    pay.model === 'COEFFICIENT'
      ? coefficientPay(input, pay, steps)
      : pay.model === 'COMPONENT'
        ? componentPay(input, pay, steps)
        : floorRatioPay(input, pay, steps);
  const full = components.reduce((s, c) => s + c.fen, 0);
  let monthlyFen = full;
  if (input.status === 'probation') {
    monthlyFen = mulRatio(full, pay.probationRatio);
    components.push({ code: 'probation', name: `试用期按 ${pct(pay.probationRatio)} 发放`, fen: monthlyFen - full });
    steps.push({
      text: `试用期按 ${pct(pay.probationRatio)} 发放（四舍五入到分）`,
      arithmetic: `${formatFen(full)} × ${pay.probationRatio} = ${formatFen(monthlyFen)}`,
    });
  } else {
    steps.push({
      text: '月应发合计',
      arithmetic: `${components.map((c) => formatFen(c.fen)).join(' + ')} = ${formatFen(monthlyFen)}`,
    });
  }
  return { model: pay.model, monthlyFen, components, steps, example: pay.example };
}

export interface BudgetCost {
  annualFen: number;
  breakdown: {
    workers: number;
    monthlyTotalFen: number;
    months: number;
    payrollFen: number;
    socialInsuranceFen: number;
    housingFundFen: number;
    steps: PayStep[];
  };
}

/**
 * F-BUDGET: yearly cost of a workforce = payroll (Σ monthly pay × months) + employer social insurance
 * + housing fund, each contribution = payroll × rate rounded half up to the fen once, on the total.
 * A simplification: real contributions are per person on a capped base; this is the budget estimate.
 */
export function budgetCost(input: { workers: readonly { monthlyFen: number }[]; policy: ResolvedPolicy }): BudgetCost {
  const b = requireSection(input.policy, 'budget');
  for (const w of input.workers)
    if (!Number.isInteger(w.monthlyFen) || w.monthlyFen < 0)
      throw new RangeError(`monthlyFen must be a non-negative integer, got ${w.monthlyFen}`);
  const monthlyTotalFen = input.workers.reduce((s, w) => s + w.monthlyFen, 0);
  const payrollFen = monthlyTotalFen * b.months;
  const socialInsuranceFen = mulRatio(payrollFen, b.employerSocialInsuranceRate);
  const housingFundFen = mulRatio(payrollFen, b.housingFundRate);
  const annualFen = payrollFen + socialInsuranceFen + housingFundFen;
  const steps: PayStep[] = [
    { text: `${input.workers.length} 人月应发合计`, arithmetic: formatFen(monthlyTotalFen) },
    {
      text: `全年工资按 ${b.months} 个月${b.months > 12 ? '（含年终一次性奖金）' : ''}`,
      arithmetic: `${formatFen(monthlyTotalFen)} × ${b.months} = ${formatFen(payrollFen)}`,
    },
    {
      text: `单位缴纳社会保险 ${pct(b.employerSocialInsuranceRate)}（四舍五入到分）`,
      arithmetic: `${formatFen(payrollFen)} × ${b.employerSocialInsuranceRate} = ${formatFen(socialInsuranceFen)}`,
    },
    {
      text: `单位缴存住房公积金 ${pct(b.housingFundRate)}（四舍五入到分）`,
      arithmetic: `${formatFen(payrollFen)} × ${b.housingFundRate} = ${formatFen(housingFundFen)}`,
    },
    {
      text: '全年经费',
      arithmetic: `${formatFen(payrollFen)} + ${formatFen(socialInsuranceFen)} + ${formatFen(housingFundFen)} = ${formatFen(annualFen)}`,
    },
  ];
  return {
    annualFen,
    breakdown: {
      workers: input.workers.length,
      monthlyTotalFen,
      months: b.months,
      payrollFen,
      socialInsuranceFen,
      housingFundFen,
      steps,
    },
  };
}
