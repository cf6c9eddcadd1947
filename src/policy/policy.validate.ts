/**
 * Validation of policy documents (政策配置校验): the TypeBox schema through ajv, then the semantic
 * rules a schema cannot say. Every error names its JSON-pointer path
 * (`/grades/categories/0/maxGrade`) and says in Chinese what is wrong, so an edit can be refused
 * with the exact place to fix, and nothing is saved.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isIsoDate } from '../domain/dates.js';
import { levelOfCode, NATION_CODE } from '../domain/region-code.js';
import { POSITIONS, type Position } from '../domain/worker-vocab.js';
import {
  hasAtMost4Decimals,
  POLICY_LEVEL_LABELS,
  POLICY_SECTIONS,
  type PolicyDocument,
  PolicyDocumentSchema,
  type PolicySection,
  type ResolvedPolicy,
  ratioE4,
  SECTION_LABELS,
  SECTION_SCHEMAS,
} from './policy.schema.js';

export interface PolicyError {
  /** JSON pointer into the document, e.g. `/grades/categories/0/maxGrade`. */
  path: string;
  message: string;
}
export type PolicyValidation = { ok: true } | { ok: false; errors: PolicyError[] };

const ajv = new Ajv({
  allErrors: true,
  strict: false,
  coerceTypes: false,
  useDefaults: false,
  removeAdditional: false,
});
const documentValidator = ajv.compile(PolicyDocumentSchema);
const sectionValidators = Object.fromEntries(
  POLICY_SECTIONS.map((s) => [s, ajv.compile(SECTION_SCHEMAS[s])]),
) as Record<PolicySection, ValidateFunction>;

const TYPE_NAMES: Record<string, string> = {
  string: '字符串',
  integer: '整数',
  number: '数字',
  boolean: '布尔值（true/false）',
  object: '对象',
  array: '数组',
  null: '空值',
};

/** Ajv errors → policy errors with JSON-pointer paths (prefixed by `prefix`) and Chinese messages. */
function fromAjv(errors: ErrorObject[] | null | undefined, prefix = ''): PolicyError[] {
  const out: PolicyError[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let path = prefix + e.instancePath;
    const p = e.params as Record<string, unknown>;
    let message: string;
    switch (e.keyword) {
      case 'required':
        path = `${path}/${String(p.missingProperty)}`;
        message = '缺少必填项';
        break;
      case 'additionalProperties':
        path = `${path}/${String(p.additionalProperty)}`;
        message = '不认识的字段（拼写错误或不属于此处）';
        break;
      case 'type':
        message = `类型错误，应为${String(p.type)
          .split(',')
          .map((t) => TYPE_NAMES[t] ?? t)
          .join('或')}`;
        break;
      case 'minimum':
        message = `不能小于 ${p.limit}`;
        break;
      case 'exclusiveMinimum':
        message = `须大于 ${p.limit}`;
        break;
      case 'maximum':
        message = `不能大于 ${p.limit}`;
        break;
      case 'minItems':
        message = `至少需要 ${p.limit} 项`;
        break;
      case 'maxItems':
        message = `不能超过 ${p.limit} 项`;
        break;
      case 'minLength':
        message = p.limit === 1 ? '不能为空' : `长度不能少于 ${p.limit} 个字符`;
        break;
      case 'maxLength':
        message = `长度不能超过 ${p.limit} 个字符`;
        break;
      case 'pattern':
        message = '格式不正确';
        break;
      case 'enum':
        message = `取值不在允许范围内（可选：${(p.allowedValues as unknown[]).join('、')}）`;
        break;
      case 'const':
        message = `取值应为 ${String(p.allowedValue)}`;
        break;
      case 'anyOf': {
        // A union of literals: list the allowed values instead of one error per branch.
        const allowed = (errors ?? [])
          .filter((x) => x.instancePath === e.instancePath && x.keyword === 'const')
          .map((x) => String((x.params as { allowedValue: unknown }).allowedValue));
        message = allowed.length ? `取值不在允许范围内（可选：${allowed.join('、')}）` : '取值不正确';
        break;
      }
      default:
        message = e.message ?? '取值不正确';
    }
    if (seen.has(path)) continue;
    // A union's branch errors repeat the same place; the anyOf message above covers them.
    if (e.keyword === 'const' && (errors ?? []).some((x) => x.keyword === 'anyOf' && x.instancePath === e.instancePath))
      continue;
    seen.add(path);
    out.push({ path, message: `${path}：${message}` });
  }
  return out;
}

/** An error with the section it makes unusable (cross-section errors are charged to pay). */
interface SectionError extends PolicyError {
  section: string;
}
const err = (path: string, message: string, section = path.split('/')[1]): SectionError => ({
  path,
  message: `${path}：${message}`,
  section,
});
const strip = ({ path, message }: SectionError): PolicyError => ({ path, message });
const posLabel = (p: Position) => POSITIONS[p] ?? p;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Ratios that money is computed from must have at most 4 decimal places (they are read as integer ten-thousandths). */
const RATIO_PATHS: string[][] = [
  ['staffing', 'perTenThousand'],
  ['staffing', 'withinTolerance'],
  ['pay', 'uplift'],
  ['pay', 'basicShare'],
  ['pay', 'performanceShare'],
  ['pay', 'probationRatio'],
  ['pay', 'floorRatio', 'ratios', 'leader'],
  ['pay', 'floorRatio', 'ratios', 'deputy'],
  ['pay', 'floorRatio', 'ratios', 'general'],
  ['budget', 'employerSocialInsuranceRate'],
  ['budget', 'housingFundRate'],
  ['assessment', 'weights', 'politicalQuality'],
  ['assessment', 'weights', 'workPerformance'],
  ['assessment', 'weights', 'residentSatisfaction'],
  ['assessment', 'excellentTarget'],
  ['assessment', 'excellentCap'],
  ['assessment', 'satisfactionFloor'],
];

const at = (root: Obj, path: string[]): unknown => path.reduce<unknown>((o, k) => (isObj(o) ? o[k] : undefined), root);

/**
 * Semantic rules over whatever sections `doc` holds (a partial document or a merged policy). Rules
 * that need two fields run only when both are present; `complete` adds the rules that need the
 * whole policy (a pay model's own fields, coefficients for every grade).
 */
function semanticErrors(doc: Obj, complete: boolean): SectionError[] {
  const errors: SectionError[] = [];

  for (const p of RATIO_PATHS) {
    const v = at(doc, p);
    if (num(v) && !hasAtMost4Decimals(v)) errors.push(err(`/${p.join('/')}`, '最多保留 4 位小数'));
  }

  const grades = isObj(doc.grades) ? doc.grades : undefined;
  let maxGrade: number | undefined;
  if (grades && Array.isArray(grades.categories)) {
    const owner = new Map<string, number>();
    const codes = new Map<string, number>();
    grades.categories.forEach((c: unknown, i: number) => {
      if (!isObj(c)) return;
      const base = `/grades/categories/${i}`;
      if (num(c.minGrade) && num(c.maxGrade)) {
        if (c.minGrade > c.maxGrade)
          errors.push(err(`${base}/maxGrade`, `最高等级（${c.maxGrade}）不能低于最低等级（${c.minGrade}）`));
        maxGrade = Math.max(maxGrade ?? 0, c.maxGrade);
      }
      if (typeof c.code === 'string') {
        const prev = codes.get(c.code);
        if (prev !== undefined) errors.push(err(`${base}/code`, `类别代码“${c.code}”与第 ${prev + 1} 个类别重复`));
        else codes.set(c.code, i);
      }
      if (Array.isArray(c.positions))
        c.positions.forEach((p: unknown, j: number) => {
          if (typeof p !== 'string') return;
          const prev = owner.get(p);
          if (prev !== undefined && prev !== i)
            errors.push(
              err(
                `${base}/positions/${j}`,
                `职务“${posLabel(p as Position)}”已属于第 ${prev + 1} 个类别，一个职务只能属于一个类别`,
              ),
            );
          else if (prev === i) errors.push(err(`${base}/positions/${j}`, `职务“${posLabel(p as Position)}”重复`));
          else owner.set(p, i);
        });
    });
    if (complete) {
      const uncovered = (Object.keys(POSITIONS) as Position[]).filter((p) => !owner.has(p));
      if (uncovered.length)
        errors.push(err('/grades/categories', `以下职务未归入任何岗位类别：${uncovered.map(posLabel).join('、')}`));
    }
  }
  if (grades && isObj(grades.qualificationSteps)) {
    const q = grades.qualificationSteps;
    if (num(q.assistant) && num(q.intermediate) && q.intermediate < q.assistant)
      errors.push(err('/grades/qualificationSteps/intermediate', '社会工作师的加级不能少于助理社会工作师'));
    if (num(q.intermediate) && num(q.senior) && q.senior < q.intermediate)
      errors.push(err('/grades/qualificationSteps/senior', '高级社会工作师的加级不能少于社会工作师'));
  }
  if (grades && isObj(grades.educationYears)) {
    const e = grades.educationYears;
    const order = ['secondary', 'associate', 'bachelor', 'master', 'doctorate'] as const;
    for (let i = 1; i < order.length; i++) {
      const lo = e[order[i - 1]];
      const hi = e[order[i]];
      if (num(lo) && num(hi) && hi < lo)
        errors.push(err(`/grades/educationYears/${order[i]}`, '较高学历视同的年限不能少于较低学历'));
    }
  }

  const pay = isObj(doc.pay) ? doc.pay : undefined;
  if (pay) {
    if (
      num(pay.basicShare) &&
      num(pay.performanceShare) &&
      ratioE4(pay.basicShare) + ratioE4(pay.performanceShare) !== 10000
    )
      errors.push(
        err(
          '/pay/performanceShare',
          `基本工资占比（${pay.basicShare}）与绩效工资占比（${pay.performanceShare}）之和须等于 1`,
        ),
      );
    if (Array.isArray(pay.coefficients)) {
      pay.coefficients.forEach((c: unknown, i: number) => {
        if (!num(c)) return;
        if (!hasAtMost4Decimals(c)) errors.push(err(`/pay/coefficients/${i}`, '最多保留 4 位小数'));
        const prev = pay.coefficients as unknown[];
        if (i > 0 && num(prev[i - 1]) && c <= (prev[i - 1] as number))
          errors.push(
            err(`/pay/coefficients/${i}`, `第 ${i + 1} 级系数（${c}）须大于第 ${i} 级系数（${prev[i - 1]}）`),
          );
      });
      if (maxGrade !== undefined && pay.coefficients.length !== maxGrade)
        errors.push(
          err(
            '/pay/coefficients',
            `等级系数应有 ${maxGrade} 个（与岗位等级序列的最高等级一致），现有 ${pay.coefficients.length} 个`,
          ),
        );
    }
    if (complete) {
      if (pay.model === 'COEFFICIENT') {
        if (!Array.isArray(pay.coefficients)) errors.push(err('/pay/coefficients', '系数法薪酬须设置各等级系数'));
        if (!num(pay.uplift) && !num(pay.baseMonthlyFen))
          errors.push(err('/pay/uplift', '系数法薪酬须设置上浮系数（或固定月基数 baseMonthlyFen）'));
        if (maxGrade === undefined && Array.isArray(pay.coefficients))
          errors.push(err('/grades', '系数法薪酬须与岗位等级序列一并生效', 'pay'));
      }
      if (pay.model === 'COMPONENT' && !isObj(pay.component))
        errors.push(err('/pay/component', '结构工资模型须设置 component 参数'));
      if (pay.model === 'FLOOR_RATIO') {
        if (!isObj(pay.floorRatio)) errors.push(err('/pay/floorRatio', '保底比例模型须设置 floorRatio 参数'));
        else if (pay.floorRatio.includesEmployerContributions === true && !isObj(doc.budget))
          errors.push(err('/budget', '保底标准含五险一金时，须设置单位社会保险费率和住房公积金比例', 'pay'));
      }
    }
  }
  errors.push(...assessmentErrors(doc, complete));
  return errors;
}

/** F-ASSESS: weights add up to 1, bands descend, the 优秀 target is within the cap, labels differ. */
function assessmentErrors(doc: Obj, complete: boolean): SectionError[] {
  const errors: SectionError[] = [];
  const a = isObj(doc.assessment) ? doc.assessment : undefined;
  if (!a) return errors;
  const w = isObj(a.weights) ? a.weights : undefined;
  if (w && (complete || (num(w.politicalQuality) && num(w.workPerformance) && num(w.residentSatisfaction)))) {
    const sum = [w.politicalQuality, w.workPerformance, w.residentSatisfaction].reduce<number>(
      (s, x) => s + (num(x) ? ratioE4(x) : 0),
      0,
    );
    if (sum !== 10000)
      errors.push(
        err('/assessment/weights', `政治素质、工作实绩、居民满意度三项权重之和须等于 1（现为 ${sum / 10000}）`),
      );
  }
  const b = isObj(a.bands) ? a.bands : undefined;
  if (b && num(b.excellentMin) && num(b.competentMin) && b.competentMin > b.excellentMin)
    errors.push(err('/assessment/bands/competentMin', '合格的最低总分不能高于优秀的最低总分'));
  if (b && num(b.competentMin) && num(b.basicMin) && b.basicMin > b.competentMin)
    errors.push(err('/assessment/bands/basicMin', '基本合格的最低总分不能高于合格的最低总分'));
  if (num(a.excellentTarget) && num(a.excellentCap) && a.excellentTarget > a.excellentCap)
    errors.push(
      err('/assessment/excellentTarget', `优秀一般比例（${a.excellentTarget}）不能高于最高比例（${a.excellentCap}）`),
    );
  const l = isObj(a.labels) ? a.labels : undefined;
  if (l) {
    const seen = new Map<string, string>();
    for (const k of ['excellent', 'competent', 'basic', 'fail']) {
      const v = l[k];
      if (typeof v !== 'string') continue;
      if (seen.has(v)) errors.push(err(`/assessment/labels/${k}`, `等次名称“${v}”重复`));
      else seen.set(v, k);
    }
  }
  return errors;
}

/**
 * Checks one policy document (F-GRADE F-PAY F-NORM…): the schema, the level matching the region
 * code, a real effective date, and the semantic rules over the sections it sets. Cross-section rules
 * are checked when the document holds both sections; the merged result is checked by
 * `validatePolicyEdit` (resolve.ts).
 */
export function validatePolicy(doc: unknown): PolicyValidation {
  if (!documentValidator(doc)) return { ok: false, errors: fromAjv(documentValidator.errors) };
  const d = doc as PolicyDocument;
  const errors: SectionError[] = [];
  if (!isIsoDate(d.effectiveFrom)) errors.push(err('/effectiveFrom', `“${d.effectiveFrom}”不是有效日期`));
  const level = levelOfCode(d.regionCode);
  if (d.level === 'nation' ? d.regionCode !== NATION_CODE : level !== d.level)
    errors.push(
      err(
        '/regionCode',
        d.level === 'nation'
          ? `全国层级的区划代码应为 ${NATION_CODE}`
          : `区划代码 ${d.regionCode} 不是${POLICY_LEVEL_LABELS[d.level]}级代码`,
      ),
    );
  errors.push(...semanticErrors(d as unknown as Obj, false));
  return errors.length ? { ok: false, errors: errors.map(strip) } : { ok: true };
}

/**
 * Checks a merged policy (the result of merging the levels): each present section must be complete
 * against its schema, and the semantic rules hold across sections. Returns the errors per section so
 * the resolver can leave out a section that does not hold together.
 */
export function validateResolvedPolicy(policy: ResolvedPolicy): {
  errors: PolicyError[];
  badSections: Set<PolicySection>;
} {
  const errors: SectionError[] = [];
  for (const s of POLICY_SECTIONS) {
    if (policy[s] === undefined) continue;
    const v = sectionValidators[s];
    if (!v(policy[s]))
      errors.push(
        ...fromAjv(v.errors, `/${s}`).map((e) => ({
          ...e,
          message: `${e.message}（${SECTION_LABELS[s]}合并后不完整）`,
          section: s,
        })),
      );
  }
  // Semantic rules only over the sections that passed the schema.
  const schemaBad = new Set(errors.map((e) => e.section));
  const sound: Obj = {};
  for (const s of POLICY_SECTIONS) if (policy[s] !== undefined && !schemaBad.has(s)) sound[s] = policy[s];
  errors.push(...semanticErrors(sound, true));
  return { errors: errors.map(strip), badSections: new Set(errors.map((e) => e.section as PolicySection)) };
}
