/**
 * F-RECRUIT (§2.3) open recruitment and F-VET (§2.2) vetting: a plan of a county or city with posts per
 * community, applicants entered one by one or imported from .xlsx (every bad row reported, nothing
 * written unless all are good), eligibility with reasons, scores, ranking with tie-break, vetting,
 * offer, and the hire — a worker on probation created through the registry's own path, carrying the
 * applicant's data over (F-ONCE, collect once).
 */
import type { Database, Queryable } from '../db/database.js';
import {
  type ApplicantRow,
  type NewApplicant,
  type PlanRow,
  type PostRow,
  recruitmentRepository,
  type TieDecisionRow,
} from '../db/repositories/recruitment.repository.js';
import { regionRepository } from '../db/repositories/region.repository.js';
import { rowLockRepository } from '../db/repositories/row-lock.repository.js';
import { checkVersion } from '../domain/concurrency.js';
import { isIsoDate } from '../domain/dates.js';
import {
  conflict,
  DomainError,
  type FieldError,
  forbidden,
  invalid,
  invalidFields,
  notFound,
  outOfScope,
} from '../domain/errors.js';
import { maskIdNumber, maskPhone } from '../domain/id-number.js';
import { type Actor, can, canSeeRegion } from '../domain/permissions.js';
import {
  type ExtraConditions,
  eligibilityOf,
  NO_CONDITIONS,
  type PlanRules,
  PREFERENCE_GROUPS,
  type PreferenceGroup,
  rankPost,
  type TieDecision,
  tieToDecide,
  totalOf,
} from '../domain/recruitment.js';
import { type Level, levelOfCode, PREFIX_LENGTH } from '../domain/region-code.js';
import { coded, validateWorker, WORKER_FIELD_LABELS, type WorkerInput, yesNo } from '../domain/worker.js';
import { EDUCATIONS, type Education, QUALIFICATIONS, type Qualification } from '../domain/worker-vocab.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { keepApplicantErrorReport } from './recruitment-sheets.js';
import { type Cell, cellText, columnLetter, findHeader, readRows } from './spreadsheet.js';
import { createValidWorker, presentWorker, todayOf } from './worker.service.js';

const GROUP_KEYS = Object.keys(PREFERENCE_GROUPS) as PreferenceGroup[];

// ---------------------------------------------------------------- plans

export interface PlanInput {
  regionCode: string;
  title: string;
  referenceDate: string;
  maxAge?: number | null;
  minEducation?: string | null;
  residenceRegion?: string | null;
  writtenPercent: number;
  /** Bonus points per group (at most 2 decimals). */
  bonus?: Partial<Record<PreferenceGroup, number>>;
  /** Further announced conditions (党员, 本地户籍或居住满 N 年, 无违法犯罪记录, 身体健康, 社工资格, the announcement's own). */
  conditions?: Partial<ExtraConditions>;
  posts: { regionCode: string; posts: number }[];
}

/** The plan's further conditions checked and normalised; problems go to `errors` as `conditions.*`. */
function conditionsOf(input: Partial<ExtraConditions> | undefined, errors: FieldError[]): ExtraConditions {
  const c = { ...NO_CONDITIONS, ...(input ?? {}) };
  if (c.localYears !== null && (!Number.isInteger(c.localYears) || c.localYears < 1 || c.localYears > 30))
    errors.push({ field: 'conditions.localYears', message: '本地居住年限应为 1–30 的整数' });
  if (c.socialWorkQualification !== null && !(c.socialWorkQualification in QUALIFICATIONS))
    errors.push({
      field: 'conditions.socialWorkQualification',
      message: `职业资格要求应为 ${Object.keys(QUALIFICATIONS).join('、')} 之一`,
    });
  const custom = (c.custom ?? []).map((t) => String(t).trim());
  custom.forEach((t, i) => {
    if (!t || t.length > 100) errors.push({ field: `conditions.custom.${i}`, message: '其他条件每条 1–100 字' });
  });
  if (custom.length > 10) errors.push({ field: 'conditions.custom', message: '其他条件至多 10 条' });
  return {
    partyMember: !!c.partyMember,
    localYears: c.localYears,
    noCriminalRecord: !!c.noCriminalRecord,
    healthy: !!c.healthy,
    socialWorkQualification: c.socialWorkQualification,
    custom,
  };
}

const hundredths = (v: number): number | null =>
  Number.isFinite(v) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6 ? Math.round(v * 100) : null;

export async function planCreator(db: Database, actor: Actor, input: PlanInput, ctx: RequestContext = {}) {
  if (!can(actor, 'recruitment.manage')) throw forbidden();
  const level = levelOfCode(input.regionCode);
  if (level !== 'county' && level !== 'city')
    throw invalid('regionCode', '招聘计划由市或县（市、区）制定，区划应为市级或县级');
  if (!canSeeRegion(actor, input.regionCode)) throw outOfScope();
  const errors: FieldError[] = [];
  const title = input.title?.trim() ?? '';
  if (!title) errors.push({ field: 'title', message: '请填写计划名称' });
  if (!isIsoDate(input.referenceDate))
    errors.push({ field: 'referenceDate', message: '年龄计算日期应为 YYYY-MM-DD 格式' });
  if (input.minEducation != null && !(input.minEducation in EDUCATIONS))
    errors.push({ field: 'minEducation', message: `学历要求应为 ${Object.values(EDUCATIONS).join('、')} 之一` });
  const bonus = Object.fromEntries(GROUP_KEYS.map((g) => [g, 0])) as Record<PreferenceGroup, number>;
  for (const [g, v] of Object.entries(input.bonus ?? {})) {
    const h = hundredths(v as number);
    if (!GROUP_KEYS.includes(g as PreferenceGroup))
      errors.push({ field: `bonus.${g}`, message: `加分类别应为 ${GROUP_KEYS.join('、')} 之一` });
    else if (h === null || h < 0 || h > 2000)
      errors.push({ field: `bonus.${g}`, message: '加分应为 0–20 分，至多两位小数' });
    else bonus[g as PreferenceGroup] = h;
  }
  const conditions = conditionsOf(input.conditions, errors);
  if (!input.posts?.length) errors.push({ field: 'posts', message: '请至少设置一个岗位（社区及人数）' });
  const seen = new Set<string>();
  input.posts?.forEach((p, i) => {
    if (!p.regionCode.startsWith(input.regionCode.slice(0, PREFIX_LENGTH[level])))
      errors.push({ field: `posts.${i}.regionCode`, message: `岗位所在社区 ${p.regionCode} 不在本计划的地区内` });
    else if (!['community', 'street'].includes(levelOfCode(p.regionCode) ?? ''))
      errors.push({ field: `posts.${i}.regionCode`, message: '岗位应设在社区或街道（乡镇）' });
    if (seen.has(p.regionCode))
      errors.push({ field: `posts.${i}.regionCode`, message: '同一社区只能设一个岗位（人数可多于 1）' });
    seen.add(p.regionCode);
  });
  if (errors.length) throw invalidFields(errors);
  return db.transaction(async (tx) => {
    for (const [i, p] of input.posts.entries())
      if (!(await regionRepository.exists(tx, p.regionCode)))
        throw invalid(`posts.${i}.regionCode`, `区划 ${p.regionCode} 不存在`);
    if (input.residenceRegion && !(await regionRepository.exists(tx, input.residenceRegion)))
      throw invalid('residenceRegion', `区划 ${input.residenceRegion} 不存在`);
    const id = await recruitmentRepository.insertPlan(
      tx,
      {
        regionCode: input.regionCode,
        title,
        referenceDate: input.referenceDate,
        maxAge: input.maxAge ?? null,
        minEducation: input.minEducation ?? null,
        residenceRegion: input.residenceRegion ?? null,
        writtenPercent: input.writtenPercent,
        bonus,
        conditions,
      },
      actor.name,
    );
    for (const p of input.posts) await recruitmentRepository.insertPost(tx, id, p.regionCode, p.posts);
    await writeAudit(
      tx,
      actor,
      {
        action: 'recruitment.plan.create',
        entityType: 'recruitment_plan',
        entityId: id,
        regionCode: input.regionCode,
        after: { ...input, title, bonus, conditions },
      },
      ctx,
    );
    return planView(tx, actor, (await recruitmentRepository.planInScope(tx, actor.scope, id))!);
  });
}

const prefixOf = (code: string) => code.slice(0, PREFIX_LENGTH[levelOfCode(code) as Level]);

export async function planLister(db: Database, actor: Actor, input: { region?: string }) {
  if (!can(actor, 'recruitment.read')) throw forbidden();
  const code = input.region ?? actor.regionCode;
  if (!canSeeRegion(actor, code)) throw outOfScope();
  const rows = await recruitmentRepository.plans(db, actor.scope, prefixOf(code));
  return {
    items: rows.map((p) => ({
      ...presentPlan(p),
      posts: p.posts,
      applicants: p.applicants,
      hired: p.hired,
      unfilled: Math.max(0, p.posts - p.hired),
    })),
  };
}

function presentPlan(p: PlanRow) {
  return {
    id: p.id,
    regionCode: p.region_code,
    regionName: p.region_name,
    title: p.title,
    status: p.status,
    referenceDate: p.reference_date,
    maxAge: p.max_age,
    minEducation: p.min_education,
    residenceRegion: p.residence_region,
    residenceName: p.residence_name,
    writtenPercent: p.written_percent,
    bonus: Object.fromEntries(GROUP_KEYS.map((g) => [g, (p.bonus[g] ?? 0) / 100])) as Record<PreferenceGroup, number>,
    conditions: planConditions(p),
    closedOn: p.closed_on,
    closedBy: p.closed_by,
    closeNote: p.close_note,
    createdBy: p.created_by,
  };
}

const planConditions = (p: PlanRow): ExtraConditions => ({
  ...NO_CONDITIONS,
  ...(p.conditions as Partial<ExtraConditions>),
});

const rulesOf = (p: PlanRow): PlanRules => ({
  referenceDate: p.reference_date,
  maxAge: p.max_age,
  minEducation: p.min_education as Education | null,
  residence: p.residence_region
    ? { prefix: prefixOf(p.residence_region), name: p.residence_name ?? p.residence_region }
    : null,
  writtenPercent: p.written_percent,
  bonus: Object.fromEntries(GROUP_KEYS.map((g) => [g, p.bonus[g] ?? 0])) as Record<PreferenceGroup, number>,
  conditions: planConditions(p),
  localName: p.region_name,
});

const groupsOf = (a: ApplicantRow): PreferenceGroup[] =>
  [
    a.graduate && 'graduate',
    a.veteran && 'veteran',
    a.social_work && 'socialWork',
    a.grid_worker && 'gridWorker',
  ].filter(Boolean) as PreferenceGroup[];
const factsOf = (a: ApplicantRow) => ({
  birthDate: a.birth_date,
  education: a.education as Education | null,
  homeRegionCode: a.home_region_code,
  groups: groupsOf(a),
  writtenScore: a.written_score,
  interviewScore: a.interview_score,
  vetting: a.vetting,
  politicalStatus: a.political_status,
  localHukou: a.local_hukou,
  residenceYears: a.residence_years,
  noRecordDeclared: a.no_record_declared,
  health: a.health,
  qualification: a.sw_qualification as Qualification | null,
  customChecks: a.custom_checks,
});

const tieOf = (d: TieDecisionRow): TieDecision => ({
  applicantIds: d.applicant_ids.map(Number),
  winnerIds: d.winner_ids.map(Number),
  reason: d.reason,
  decidedOn: d.decided_on,
  decidedBy: d.decided_by,
});

/** Each post's applicants ranked, with the county's tie decisions applied. */
function rankedPosts(plan: PlanRow, posts: PostRow[], applicants: ApplicantRow[], decisions: TieDecisionRow[]) {
  const rules = rulesOf(plan);
  return posts.map((post) => ({
    post,
    ranked: rankPost(
      applicants.filter((a) => a.post_id === post.id).map((a) => ({ id: a.id, row: a, facts: factsOf(a) })),
      rules,
      { posts: post.posts, decisions: decisions.filter((d) => d.post_id === post.id).map(tieOf) },
    ),
  }));
}

/** The plan with its posts and, per post, the applicants ranked, each with eligibility reasons and the total's arithmetic. */
async function planView(db: Queryable, _actor: Actor, plan: PlanRow) {
  const [posts, applicants, decisions] = await Promise.all([
    recruitmentRepository.posts(db, plan.id),
    recruitmentRepository.applicants(db, plan.id),
    recruitmentRepository.tieDecisions(db, plan.id),
  ]);
  const rules = rulesOf(plan);
  // Lists are always masked, as in the roster: the full numbers travel with the hire into the registry.
  const reveal = false;
  return {
    plan: presentPlan(plan),
    posts: rankedPosts(plan, posts, applicants, decisions).map(({ post, ranked }) => {
      const hired = applicants.filter((a) => a.post_id === post.id && a.status === 'hired').length;
      const offered = applicants.filter((a) => a.post_id === post.id && a.status === 'offered').length;
      return {
        id: post.id,
        regionCode: post.region_code,
        regionName: post.region_name,
        streetName: post.street_name,
        posts: post.posts,
        hired,
        offered,
        unfilled: Math.max(0, post.posts - hired - offered),
        applicants: ranked.map((r) => presentApplicant(r.item.row, rules, reveal, r, post)),
      };
    }),
  };
}

function presentApplicant(
  a: ApplicantRow,
  rules: PlanRules,
  reveal: boolean,
  r: {
    rank: number | null;
    tied: boolean;
    note: string | null;
    tieUndecided: boolean;
    decision: TieDecisionView | null;
  },
  post: PostRow,
) {
  const { rank, tied, note } = r;
  const e = eligibilityOf(factsOf(a), rules);
  const t = totalOf(factsOf(a), rules);
  return {
    id: a.id,
    version: a.version,
    name: a.name,
    idNumber: reveal ? a.id_number : maskIdNumber(a.id_number),
    gender: a.gender,
    birthDate: a.birth_date,
    phone: a.phone ? (reveal ? a.phone : maskPhone(a.phone)) : null,
    education: a.education,
    homeRegionCode: a.home_region_code,
    groups: groupsOf(a),
    // 就近就便 (F-RECRUIT): living in the same street (乡镇) as the post
    nearHome: !!a.home_region_code && a.home_region_code.slice(0, 9) === post.region_code.slice(0, 9),
    writtenScore: a.written_score === null ? null : a.written_score / 100,
    interviewScore: a.interview_score === null ? null : a.interview_score / 100,
    total: t.total === null ? null : t.total / 100,
    arithmetic: t.arithmetic,
    eligible: e.eligible,
    conditionsComplete: e.complete,
    checks: e.checks,
    localHukou: a.local_hukou,
    residenceYears: a.residence_years,
    noRecordDeclared: a.no_record_declared,
    health: a.health,
    qualification: a.sw_qualification,
    customChecks: Object.entries(a.custom_checks).map(([index, v]) => ({
      index: Number(index),
      met: v.met,
      note: v.note,
    })),
    rank,
    tied,
    tieUndecided: r.tieUndecided,
    tieDecision: r.decision,
    withinPosts: rank !== null && rank <= post.posts && !r.tieUndecided,
    note,
    vetting: a.vetting,
    vettingNote: a.vetting_note,
    status: a.status,
    offeredOn: a.offered_on,
    workerId: a.worker_id,
  };
}

type TieDecisionView = { reason: string; won: boolean; decidedOn: string; decidedBy: string };

/** The plan inside the scope; `lock`: locked until the transaction ends (writes of one plan queue). */
async function planInScope(db: Queryable, actor: Actor, id: number, lock = false): Promise<PlanRow> {
  if (lock) await rowLockRepository.lock(db, 'recruitment_plan', id);
  const p = await recruitmentRepository.planInScope(db, actor.scope, id);
  if (!p) throw notFound('招聘计划');
  return p;
}

/** What the plan's import template needs: its title and its communities. */
export async function planTemplateInfo(db: Database, actor: Actor, id: number) {
  if (!can(actor, 'recruitment.manage')) throw forbidden();
  const plan = await planInScope(db, actor, id);
  return { title: plan.title, postNames: (await recruitmentRepository.posts(db, id)).map((p) => p.region_name) };
}

export async function planReader(db: Database, actor: Actor, id: number) {
  if (!can(actor, 'recruitment.read')) throw forbidden();
  return planView(db, actor, await planInScope(db, actor, id));
}

// ---------------------------------------------------------------- applicants

/** One applicant as typed or as a spreadsheet row; `post` is the community's code or name. */
export interface ApplicantInput {
  name?: unknown;
  idNumber?: unknown;
  phone?: unknown;
  education?: unknown;
  major?: unknown;
  politicalStatus?: unknown;
  homeRegionCode?: unknown;
  graduate?: unknown;
  graduateYear?: unknown;
  veteran?: unknown;
  socialWork?: unknown;
  gridWorker?: unknown;
  post?: unknown;
  writtenScore?: unknown;
  interviewScore?: unknown;
  localHukou?: unknown;
  residenceYears?: unknown;
  noRecordDeclared?: unknown;
  qualification?: unknown;
}

const APPLICANT_LABELS: Record<keyof ApplicantInput, string[]> = {
  name: ['姓名'],
  idNumber: ['公民身份号码', '身份证号码', '身份证号'],
  phone: ['手机号码', '手机号', '联系电话'],
  education: ['最高学历', '学历'],
  major: ['所学专业', '专业'],
  politicalStatus: ['政治面貌'],
  homeRegionCode: ['居住地区划代码', '户籍地区划代码'],
  graduate: ['是否高校毕业生', '高校毕业生'],
  graduateYear: ['毕业年份'],
  veteran: ['是否退役军人', '退役军人'],
  socialWork: ['是否社会工作专业', '社会工作专业'],
  gridWorker: ['是否网格员', '网格员转聘'],
  post: ['报考社区', '报考岗位', '报考社区代码'],
  writtenScore: ['笔试成绩', '笔试'],
  interviewScore: ['面试成绩', '面试'],
  localHukou: ['是否本地户籍', '本地户籍'],
  residenceYears: ['本地居住年限', '居住年限'],
  noRecordDeclared: ['无违法犯罪记录承诺', '是否承诺无违法犯罪记录'],
  qualification: ['社会工作者职业水平', '职业水平', '职业资格'],
};

/** Header labels of the applicant sheet (the template's, the import's and the error report's). */
export const APPLICANT_HEADER_LABELS = APPLICANT_LABELS;

/** Registry field → applicant field, so the registry's messages name the applicant's column. */
const FIELD_MAP: Partial<Record<keyof WorkerInput, keyof ApplicantInput>> = {
  name: 'name',
  idNumber: 'idNumber',
  phone: 'phone',
  education: 'education',
  major: 'major',
  politicalStatus: 'politicalStatus',
  homeRegionCode: 'homeRegionCode',
  graduateYear: 'graduateYear',
  veteran: 'veteran',
  graduateEntrant: 'graduate',
  socialWorkMajor: 'socialWork',
};

function score(v: unknown, field: string, errors: FieldError[], label: string): number | null {
  const t = typeof v === 'number' ? String(v) : String(v ?? '').trim();
  if (!t) return null;
  const n = Number(t);
  const h = hundredths(n);
  if (!Number.isFinite(n) || h === null || h < 0 || h > 10000) {
    errors.push({ field, message: `${label}应为 0–100 的数，至多两位小数` });
    return null;
  }
  return h;
}

/**
 * Checks an applicant with the registry's own rules (the same ID number, phone, education … checks a
 * worker gets; F-ONCE), plus the post and the scores. Returns the row or every problem.
 */
function validateApplicant(
  input: ApplicantInput,
  plan: PlanRow,
  posts: PostRow[],
  today: string,
): { ok: true; value: NewApplicant } | { ok: false; errors: FieldError[] } {
  const postText = String(input.post ?? '').trim();
  const post =
    posts.find((p) => p.region_code === postText || p.region_name === postText) ??
    (posts.length === 1 && !postText ? posts[0] : undefined);
  const v = validateWorker(
    {
      name: input.name,
      idNumber: input.idNumber,
      phone: input.phone,
      education: input.education,
      major: input.major,
      politicalStatus: input.politicalStatus,
      homeRegionCode: input.homeRegionCode,
      veteran: input.veteran,
      graduateEntrant: input.graduate,
      graduateYear: input.graduateYear,
      socialWorkMajor: input.socialWork,
      category: 'staff',
      position: 'staff',
      regionCode: post?.region_code ?? posts[0]?.region_code,
      startDate: today,
    },
    today,
  );
  const errors: FieldError[] = v.ok
    ? []
    : v.errors.map((e) => ({ field: FIELD_MAP[e.field as keyof WorkerInput] ?? e.field, message: e.message }));
  if (!post)
    errors.push({
      field: 'post',
      message: postText
        ? `“${postText}”不是本计划的岗位（${posts.map((p) => p.region_name).join('、')}）`
        : '请填写报考社区',
    });
  const gridWorker = yesNo(input.gridWorker);
  if (gridWorker === null) errors.push({ field: 'gridWorker', message: '是否网格员应填 是 或 否' });
  const written = score(input.writtenScore, 'writtenScore', errors, '笔试成绩');
  const interview = score(input.interviewScore, 'interviewScore', errors, '面试成绩');
  const facts = conditionFactsOf(input, errors);
  if (!v.ok || errors.length) return { ok: false, errors };
  const w = v.value;
  return {
    ok: true,
    value: {
      plan_id: plan.id,
      post_id: post!.id,
      region_code: post!.region_code,
      name: w.name,
      id_number: w.idNumber,
      gender: w.gender,
      birth_date: w.birthDate,
      phone: w.phone,
      education: w.education,
      major: w.major,
      political_status: w.politicalStatus,
      home_region_code: w.homeRegionCode,
      graduate: w.graduateEntrant,
      graduate_year: w.graduateYear,
      veteran: w.veteran,
      social_work: w.socialWorkMajor,
      grid_worker: gridWorker ?? false,
      written_score: written,
      interview_score: interview,
      ...facts,
    },
  };
}

/** 是否本地户籍, 本地居住年限, 无违法犯罪记录承诺, 社会工作者职业水平 as typed or read from a sheet; blank = not known. */
function conditionFactsOf(
  input: { localHukou?: unknown; residenceYears?: unknown; noRecordDeclared?: unknown; qualification?: unknown },
  errors: FieldError[],
) {
  const hukou = yesNo(input.localHukou);
  if (hukou === null) errors.push({ field: 'localHukou', message: '是否本地户籍应填 是 或 否' });
  const declared = yesNo(input.noRecordDeclared);
  if (declared === null) errors.push({ field: 'noRecordDeclared', message: '无违法犯罪记录承诺应填 是 或 否' });
  const yt =
    typeof input.residenceYears === 'number' ? String(input.residenceYears) : String(input.residenceYears ?? '').trim();
  const years = yt === '' ? null : Number(yt);
  if (years !== null && (!Number.isInteger(years) || years < 0 || years > 100))
    errors.push({ field: 'residenceYears', message: '本地居住年限应为 0–100 的整数（年）' });
  const q = coded(QUALIFICATIONS, input.qualification);
  if (q === null)
    errors.push({
      field: 'qualification',
      message: `社会工作者职业水平应为 ${Object.values(QUALIFICATIONS).join('、')} 之一，或不填`,
    });
  return {
    local_hukou: hukou ?? null,
    residence_years: years !== null && Number.isInteger(years) ? years : null,
    no_record_declared: declared ?? null,
    sw_qualification: (q ?? null) as string | null,
  };
}

/** 400 IMPORT_ROWS_INVALID with every bad cell, and the id of the annotated sheet to download. */
export class ImportRowsInvalid extends DomainError {
  readonly reportId: string;
  constructor(fields: FieldError[], reportId: string) {
    super('validation', 'IMPORT_ROWS_INVALID', fields.length === 1 ? fields[0].message : '请求参数有误', fields);
    this.reportId = reportId;
  }
}

const planClosed = (what: string) => conflict(`招聘计划已结束，不能再${what}`, 'PLAN_CLOSED');

async function openPlan(tx: Queryable, actor: Actor, planId: number) {
  const plan = await planInScope(tx, actor, planId, true);
  if (plan.status !== 'open') throw planClosed('报名');
  return { plan, posts: await recruitmentRepository.posts(tx, planId) };
}

export async function applicantAdder(
  db: Database,
  actor: Actor,
  planId: number,
  input: ApplicantInput,
  ctx: RequestContext = {},
) {
  if (!can(actor, 'recruitment.manage')) throw forbidden();
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const { plan, posts } = await openPlan(tx, actor, planId);
    const v = validateApplicant(input, plan, posts, today);
    if (!v.ok) throw invalidFields(v.errors);
    if ((await recruitmentRepository.existingIdNumbers(tx, planId, [v.value.id_number])).size)
      throw conflict('该身份证号码已报名本计划', 'DUPLICATE_APPLICANT', 'idNumber');
    const [id] = await recruitmentRepository.insertApplicants(tx, [v.value]);
    await writeAudit(
      tx,
      actor,
      {
        action: 'recruitment.applicant.create',
        entityType: 'recruitment_applicant',
        entityId: id,
        regionCode: v.value.region_code,
        after: { ...v.value, planId },
      },
      ctx,
    );
    return { id };
  });
}

/**
 * Applicants from a spreadsheet: the header found by its labels below any title rows, every row
 * checked, every bad cell reported as `第 N 行 [列名] …`; nothing is written unless every row is good.
 */
export async function applicantImporter(
  db: Database,
  actor: Actor,
  planId: number,
  path: string,
  ctx: RequestContext & { fileName?: string } = {},
) {
  if (!can(actor, 'recruitment.manage')) throw forbidden();
  const today = todayOf(ctx);
  const { plan, posts } = await openPlan(db, actor, planId);
  const rows = await readRows(path);
  const header = findHeader<keyof ApplicantInput>(rows, APPLICANT_LABELS, ['name', 'idNumber']);
  if (!header) throw invalid('file', '未找到表头：须含“姓名”和“公民身份号码”两列', 'IMPORT_NO_HEADER');
  const errors: FieldError[] = [];
  // the same errors by row and applicant field, for the annotated copy of the sheet
  const cells: { row: number; field: string; message: string }[] = [];
  const report = (row: number, field: string, message: string) => {
    errors.push({ field: `row${row}.${field}`, message });
    cells.push({ row, field, message });
  };
  const good: { row: number; value: NewApplicant }[] = [];
  const inFile = new Map<string, number>();
  for (let r = header.headerRow + 1; r < rows.length; r++) {
    const cells = rows[r];
    if (!cells.some((c: Cell) => cellText(c) !== '')) continue;
    const input: ApplicantInput = {};
    for (const [k, c] of Object.entries(header.columns) as [keyof ApplicantInput, number][]) {
      const cell = cells[c];
      input[k] =
        k === 'idNumber' || k === 'homeRegionCode' || k === 'post'
          ? cellText(cell)
          : cell instanceof Date
            ? cellText(cell)
            : (cell ?? undefined);
    }
    const v = validateApplicant(input, plan, posts, today);
    const at = (field: string) => {
      const col = header.columns[field as keyof ApplicantInput];
      return `第 ${r + 1} 行 [${APPLICANT_LABELS[field as keyof ApplicantInput]?.[0] ?? WORKER_FIELD_LABELS[field as keyof WorkerInput] ?? field}${col !== undefined ? ` ${columnLetter(col)} 列` : ''}]`;
    };
    if (!v.ok) {
      for (const e of v.errors) report(r + 1, e.field, `${at(e.field)} ${e.message}`);
      continue;
    }
    const prev = inFile.get(v.value.id_number);
    if (prev) {
      report(r + 1, 'idNumber', `${at('idNumber')} 与第 ${prev} 行的身份证号码重复`);
      continue;
    }
    inFile.set(v.value.id_number, r + 1);
    good.push({ row: r + 1, value: v.value });
  }
  const existing = await recruitmentRepository.existingIdNumbers(
    db,
    planId,
    good.map((g) => g.value.id_number),
  );
  for (const g of good)
    if (existing.has(g.value.id_number))
      report(g.row, 'idNumber', `第 ${g.row} 行 [公民身份号码] 该身份证号码已报名本计划`);
  if (errors.length) {
    // The uploaded sheet with every error marked, kept for its uploader to download (as the worker import's).
    const reportId = await keepApplicantErrorReport(actor, rows, header.headerRow + 1, header.columns, cells);
    throw new ImportRowsInvalid(errors, reportId);
  }
  if (!good.length) throw invalid('file', '表中没有报名人员', 'IMPORT_EMPTY');
  return db.transaction(async (tx) => {
    const ids = await recruitmentRepository.insertApplicants(
      tx,
      good.map((g) => g.value),
    );
    await writeAudit(
      tx,
      actor,
      {
        action: 'recruitment.applicant.import',
        entityType: 'recruitment_plan',
        entityId: planId,
        regionCode: plan.region_code,
        after: { file: ctx.fileName ?? null, createdIds: ids },
      },
      ctx,
    );
    return { created: ids.length, ids };
  });
}

async function applicantInScope(db: Queryable, actor: Actor, id: number) {
  const a = await recruitmentRepository.applicantInScope(db, actor.scope, id);
  if (!a) throw notFound('报名人员');
  return a;
}

/**
 * The applicant a write is about, read after locking its plan (writes of one plan queue: two score
 * entries at once no longer put back each other's fields, two offers no longer both fit the posts).
 * `version`: what the client read; an applicant changed since is refused (409).
 */
async function lockedApplicant(tx: Queryable, actor: Actor, id: number, version?: string) {
  await rowLockRepository.lock(tx, 'recruitment_plan', (await applicantInScope(tx, actor, id)).plan_id);
  const a = await applicantInScope(tx, actor, id);
  checkVersion(a.version, version);
  return a;
}

export interface ApplicantPatch {
  writtenScore?: number | null;
  interviewScore?: number | null;
  vetting?: string;
  vettingNote?: string | null;
  /** The further conditions' facts: declared by the applicant or recorded by the county. */
  localHukou?: boolean | null;
  residenceYears?: number | null;
  noRecordDeclared?: boolean | null;
  health?: string;
  qualification?: string | null;
  /** The county's check of a custom condition (by its index in the plan); met null takes the check back. */
  customChecks?: { index: number; met: boolean | null; note?: string | null }[];
  /** The version the client read (body or If-Match). */
  version?: string;
}

/** Scores (written, interview), the vetting record (政治把关, F-VET) and the further conditions' facts. */
export async function applicantUpdater(
  db: Database,
  actor: Actor,
  id: number,
  input: ApplicantPatch,
  ctx: RequestContext = {},
) {
  if (!can(actor, 'recruitment.manage')) throw forbidden();
  const errors: FieldError[] = [];
  const written =
    input.writtenScore === undefined
      ? undefined
      : input.writtenScore === null
        ? null
        : score(input.writtenScore, 'writtenScore', errors, '笔试成绩');
  const interview =
    input.interviewScore === undefined
      ? undefined
      : input.interviewScore === null
        ? null
        : score(input.interviewScore, 'interviewScore', errors, '面试成绩');
  if (input.vetting !== undefined && !['pending', 'passed', 'failed'].includes(input.vetting))
    errors.push({ field: 'vetting', message: '政治把关结论应为 pending（待审）、passed（通过）或 failed（不通过）' });
  if (input.vetting === 'failed' && !input.vettingNote?.trim())
    errors.push({ field: 'vettingNote', message: '政治把关不通过须写明原因' });
  if (input.health !== undefined && !['pending', 'passed', 'failed'].includes(input.health))
    errors.push({ field: 'health', message: '体检结论应为 pending（未体检）、passed（合格）或 failed（不合格）' });
  if (
    input.residenceYears != null &&
    (!Number.isInteger(input.residenceYears) || input.residenceYears < 0 || input.residenceYears > 100)
  )
    errors.push({ field: 'residenceYears', message: '本地居住年限应为 0–100 的整数（年）' });
  if (input.qualification != null && !(input.qualification in QUALIFICATIONS))
    errors.push({
      field: 'qualification',
      message: `社会工作者职业水平应为 ${Object.keys(QUALIFICATIONS).join('、')} 之一`,
    });
  input.customChecks?.forEach((c, i) => {
    if (c.met === false && !c.note?.trim())
      errors.push({ field: `customChecks.${i}.note`, message: '不符合的条件须写明理由' });
  });
  if (errors.length) throw invalidFields(errors);
  return db.transaction(async (tx) => {
    const before = await lockedApplicant(tx, actor, id, input.version);
    if (before.status === 'hired') throw conflict('已聘用人员的报名记录不能修改', 'APPLICANT_HIRED');
    const plan = (await recruitmentRepository.planInScope(tx, actor.scope, before.plan_id))!;
    if (plan.status !== 'open') throw planClosed('录入成绩或审查结论');
    const custom = planConditions(plan).custom;
    const checks = { ...before.custom_checks };
    for (const [i, c] of (input.customChecks ?? []).entries()) {
      if (!Number.isInteger(c.index) || c.index < 0 || c.index >= custom.length)
        throw invalid(
          `customChecks.${i}.index`,
          custom.length ? `其他条件序号应为 0–${custom.length - 1}` : '本计划没有其他条件',
        );
      if (c.met === null) delete checks[String(c.index)];
      else checks[String(c.index)] = { met: c.met, note: c.note?.trim() || null };
    }
    await recruitmentRepository.updateScores(
      tx,
      id,
      written === undefined ? before.written_score : written,
      interview === undefined ? before.interview_score : interview,
    );
    if (input.vetting !== undefined)
      await recruitmentRepository.updateVetting(tx, id, input.vetting, input.vettingNote?.trim() || null, actor.name);
    await recruitmentRepository.updateConditionFacts(tx, id, {
      local_hukou: input.localHukou === undefined ? before.local_hukou : input.localHukou,
      residence_years: input.residenceYears === undefined ? before.residence_years : input.residenceYears,
      no_record_declared: input.noRecordDeclared === undefined ? before.no_record_declared : input.noRecordDeclared,
      health: (input.health ?? before.health) as ApplicantRow['health'],
      sw_qualification: input.qualification === undefined ? before.sw_qualification : input.qualification,
      custom_checks: checks,
    });
    const after = (await applicantInScope(tx, actor, id))!;
    const pick = (a: ApplicantRow) => ({
      writtenScore: a.written_score,
      interviewScore: a.interview_score,
      vetting: a.vetting,
      vettingNote: a.vetting_note,
      localHukou: a.local_hukou,
      residenceYears: a.residence_years,
      noRecordDeclared: a.no_record_declared,
      health: a.health,
      qualification: a.sw_qualification,
      customChecks: a.custom_checks,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'recruitment.applicant.update',
        entityType: 'recruitment_applicant',
        entityId: id,
        regionCode: after.region_code,
        before: pick(before),
        after: pick(after),
      },
      ctx,
    );
    return planView(tx, actor, (await recruitmentRepository.planInScope(tx, actor.scope, after.plan_id))!);
  });
}

/** An offer goes to an applicant ranked within the post's number, vetted. */
export async function applicantOfferer(db: Database, actor: Actor, id: number, ctx: RequestContext = {}) {
  if (!can(actor, 'recruitment.manage')) throw forbidden();
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const a = await lockedApplicant(tx, actor, id);
    const plan = (await recruitmentRepository.planInScope(tx, actor.scope, a.plan_id))!;
    if (plan.status !== 'open') throw planClosed('发出录用通知');
    if (a.status !== 'applied') throw conflict('该人员已发出录用通知', 'ALREADY_OFFERED');
    const view = await planView(tx, actor, plan);
    const me = view.posts.flatMap((p) => p.applicants).find((x) => x.id === id)!;
    if (me.vetting !== 'passed') throw conflict('政治把关通过后才能录用', 'VETTING_REQUIRED');
    if (me.tieUndecided)
      throw conflict(`第 ${me.rank} 名并列跨越岗位末位，须先作出并列决定（如加试）`, 'TIE_UNDECIDED');
    if (me.eligible && !me.conditionsComplete)
      throw conflict(
        `资格条件尚未全部确认：${me.checks
          .filter((c) => c.pending)
          .map((c) => c.rule)
          .join('；')}`,
        'CONDITIONS_PENDING',
      );
    if (!me.withinPosts)
      throw conflict(
        me.rank === null ? `未进入排名：${me.note}` : `排名第 ${me.rank}，超出岗位人数`,
        'NOT_WITHIN_POSTS',
      );
    await recruitmentRepository.markOffered(tx, id, today);
    await writeAudit(
      tx,
      actor,
      {
        action: 'recruitment.applicant.offer',
        entityType: 'recruitment_applicant',
        entityId: id,
        regionCode: a.region_code,
        after: { rank: me.rank, total: me.total, arithmetic: me.arithmetic, offeredOn: today },
      },
      ctx,
    );
    return { id, status: 'offered' as const, offeredOn: today, rank: me.rank as number, total: me.total as number };
  });
}

/**
 * The hire: a worker on probation in the post's community, created through the registry's path (same
 * checks: ID number, one active record …), with the applicant's data carried over. Origin 网格员转聘
 * for a converted grid worker, otherwise 公开招聘.
 */
export async function applicantHirer(
  db: Database,
  actor: Actor,
  id: number,
  input: { startDate: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'recruitment.manage') || !can(actor, 'worker.manage')) throw forbidden();
  const today = todayOf(ctx);
  if (!isIsoDate(input.startDate)) throw invalid('startDate', '入职日期应为 YYYY-MM-DD 格式');
  return db.transaction(async (tx) => {
    const a = await lockedApplicant(tx, actor, id);
    if (a.status !== 'offered')
      throw conflict(a.status === 'hired' ? '该人员已聘用' : '须先发出录用通知', 'NOT_OFFERED');
    const v = validateWorker(
      {
        name: a.name,
        idNumber: a.id_number,
        phone: a.phone,
        education: a.education,
        major: a.major,
        politicalStatus: a.political_status,
        homeRegionCode: a.home_region_code,
        veteran: a.veteran,
        graduateEntrant: a.graduate,
        graduateYear: a.graduate_year,
        socialWorkMajor: a.social_work,
        category: 'staff',
        position: 'staff',
        regionCode: a.region_code,
        startDate: input.startDate,
        origin: a.grid_worker ? 'gridConverted' : 'recruited',
        status: 'probation',
      },
      today,
    );
    if (!v.ok) throw invalidFields(v.errors);
    const row = await createValidWorker(tx, actor, v.value, ctx);
    await recruitmentRepository.markHired(tx, id, row.id);
    await writeAudit(
      tx,
      actor,
      {
        action: 'recruitment.applicant.hire',
        entityType: 'recruitment_applicant',
        entityId: id,
        regionCode: a.region_code,
        after: { workerId: row.id, startDate: input.startDate },
      },
      ctx,
    );
    return { applicantId: id, worker: presentWorker(row, can(actor, 'worker.reveal'), today) };
  });
}

// ---------------------------------------------------------------- closing and ties

/**
 * Closes a plan: no more applicants, scores, decisions or offers (409 PLAN_CLOSED); an offer already
 * made may still end in the hire. Answers the plan view, whose posts show hired, offered and unfilled.
 */
export async function planCloser(
  db: Database,
  actor: Actor,
  id: number,
  input: { note?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'recruitment.manage')) throw forbidden();
  const note = input.note?.trim() || null;
  if (note && note.length > 500) throw invalid('note', '说明不超过 500 字');
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const plan = await planInScope(tx, actor, id, true);
    if (plan.status !== 'open') throw conflict('招聘计划已经结束', 'PLAN_CLOSED');
    await recruitmentRepository.close(tx, id, today, actor.name, note);
    const view = await planView(tx, actor, (await recruitmentRepository.planInScope(tx, actor.scope, id))!);
    const summary = view.posts.map((p) => ({
      regionCode: p.regionCode,
      posts: p.posts,
      hired: p.hired,
      offered: p.offered,
      unfilled: p.unfilled,
    }));
    await writeAudit(
      tx,
      actor,
      {
        action: 'recruitment.plan.close',
        entityType: 'recruitment_plan',
        entityId: id,
        regionCode: plan.region_code,
        before: { status: 'open' },
        after: { status: 'closed', closedOn: today, note, posts: summary },
      },
      ctx,
    );
    return view;
  });
}

/**
 * The county's decision of a tie straddling a post's last place (e.g. by 加试): who takes the places, in
 * order, and why. Only a tie that stands undecided may be decided; the ranking honours it from then on.
 */
export async function tieDecider(
  db: Database,
  actor: Actor,
  planId: number,
  input: { winners: number[]; reason: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'recruitment.manage')) throw forbidden();
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw invalid('reason', '请写明决定的依据（如加试成绩）');
  if (reason.length > 500) throw invalid('reason', '依据不超过 500 字');
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const plan = await planInScope(tx, actor, planId, true);
    if (plan.status !== 'open') throw planClosed('决定并列');
    const [posts, applicants, decisions] = await Promise.all([
      recruitmentRepository.posts(tx, planId),
      recruitmentRepository.applicants(tx, planId),
      recruitmentRepository.tieDecisions(tx, planId),
    ]);
    const first = applicants.find((a) => a.id === input.winners[0]);
    const entry = first && rankedPosts(plan, posts, applicants, decisions).find((x) => x.post.id === first.post_id);
    if (!entry) throw invalid('winners', '所选人员不是本计划的报名人员');
    if (entry.ranked.find((x) => x.item.id === first.id)?.decision) throw conflict('该并列已经作出决定', 'TIE_DECIDED');
    const tie = tieToDecide(entry.ranked, entry.post.posts, input.winners);
    if (!tie.ok) throw invalid('winners', tie.message);
    const decisionId = await recruitmentRepository.insertTieDecision(tx, {
      planId,
      postId: entry.post.id,
      regionCode: entry.post.region_code,
      rank: tie.rank,
      applicantIds: tie.applicantIds,
      winnerIds: input.winners,
      reason,
      decidedOn: today,
      decidedBy: actor.name,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'recruitment.tie.decide',
        entityType: 'recruitment_tie_decision',
        entityId: decisionId,
        regionCode: entry.post.region_code,
        after: {
          planId,
          postId: entry.post.id,
          rank: tie.rank,
          applicantIds: tie.applicantIds,
          winnerIds: input.winners,
          reason,
        },
      },
      ctx,
    );
    return planView(tx, actor, plan);
  });
}
