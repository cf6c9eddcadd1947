/**
 * F-RECRUIT (§2.3) open recruitment and F-VET (§2.2) vetting: a plan of a county or city with posts per
 * community, applicants entered one by one or imported from .xlsx (every bad row reported, nothing
 * written unless all are good), eligibility with reasons, scores, ranking with tie-break, vetting,
 * offer, and the hire — a worker on probation created through the registry's own path, carrying the
 * applicant's data over (F-ONCE, collect once).
 */
import type { Database, Queryable } from '../db/database.js';
import { type ApplicantRow, type NewApplicant, type PlanRow, type PostRow, recruitmentRepository } from '../db/repositories/recruitment.repository.js';
import { regionRepository } from '../db/repositories/region.repository.js';
import { isIsoDate } from '../domain/dates.js';
import { conflict, type FieldError, forbidden, invalid, invalidFields, notFound, outOfScope } from '../domain/errors.js';
import { maskIdNumber, maskPhone } from '../domain/id-number.js';
import { type Actor, can, canSeeRegion } from '../domain/permissions.js';
import { eligibilityOf, type PlanRules, PREFERENCE_GROUPS, type PreferenceGroup, rankPost, totalOf } from '../domain/recruitment.js';
import { levelOfCode, PREFIX_LENGTH, type Level } from '../domain/region-code.js';
import { validateWorker, WORKER_FIELD_LABELS, type WorkerInput, yesNo } from '../domain/worker.js';
import { type Education, EDUCATIONS } from '../domain/worker-vocab.js';
import { type RequestContext, writeAudit } from './audit.service.js';
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
  posts: { regionCode: string; posts: number }[];
}

const hundredths = (v: number): number | null => (Number.isFinite(v) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6 ? Math.round(v * 100) : null);

export async function planCreator(db: Database, actor: Actor, input: PlanInput, ctx: RequestContext = {}) {
  if (!can(actor, 'recruitment.manage')) throw forbidden();
  const level = levelOfCode(input.regionCode);
  if (level !== 'county' && level !== 'city') throw invalid('regionCode', '招聘计划由市或县（市、区）制定，区划应为市级或县级');
  if (!canSeeRegion(actor, input.regionCode)) throw outOfScope();
  const errors: FieldError[] = [];
  const title = input.title?.trim() ?? '';
  if (!title) errors.push({ field: 'title', message: '请填写计划名称' });
  if (!isIsoDate(input.referenceDate)) errors.push({ field: 'referenceDate', message: '年龄计算日期应为 YYYY-MM-DD 格式' });
  if (input.minEducation != null && !(input.minEducation in EDUCATIONS)) errors.push({ field: 'minEducation', message: `学历要求应为 ${Object.values(EDUCATIONS).join('、')} 之一` });
  const bonus = Object.fromEntries(GROUP_KEYS.map((g) => [g, 0])) as Record<PreferenceGroup, number>;
  for (const [g, v] of Object.entries(input.bonus ?? {})) {
    const h = hundredths(v as number);
    if (!GROUP_KEYS.includes(g as PreferenceGroup)) errors.push({ field: `bonus.${g}`, message: `加分类别应为 ${GROUP_KEYS.join('、')} 之一` });
    else if (h === null || h < 0 || h > 2000) errors.push({ field: `bonus.${g}`, message: '加分应为 0–20 分，至多两位小数' });
    else bonus[g as PreferenceGroup] = h;
  }
  if (!input.posts?.length) errors.push({ field: 'posts', message: '请至少设置一个岗位（社区及人数）' });
  const seen = new Set<string>();
  input.posts?.forEach((p, i) => {
    if (!p.regionCode.startsWith(input.regionCode.slice(0, PREFIX_LENGTH[level]))) errors.push({ field: `posts.${i}.regionCode`, message: `岗位所在社区 ${p.regionCode} 不在本计划的地区内` });
    else if (!['community', 'street'].includes(levelOfCode(p.regionCode) ?? '')) errors.push({ field: `posts.${i}.regionCode`, message: '岗位应设在社区或街道（乡镇）' });
    if (seen.has(p.regionCode)) errors.push({ field: `posts.${i}.regionCode`, message: '同一社区只能设一个岗位（人数可多于 1）' });
    seen.add(p.regionCode);
  });
  if (errors.length) throw invalidFields(errors);
  return db.transaction(async (tx) => {
    for (const [i, p] of input.posts.entries()) if (!(await regionRepository.exists(tx, p.regionCode))) throw invalid(`posts.${i}.regionCode`, `区划 ${p.regionCode} 不存在`);
    if (input.residenceRegion && !(await regionRepository.exists(tx, input.residenceRegion))) throw invalid('residenceRegion', `区划 ${input.residenceRegion} 不存在`);
    const id = await recruitmentRepository.insertPlan(
      tx,
      { regionCode: input.regionCode, title, referenceDate: input.referenceDate, maxAge: input.maxAge ?? null, minEducation: input.minEducation ?? null, residenceRegion: input.residenceRegion ?? null, writtenPercent: input.writtenPercent, bonus },
      actor.name,
    );
    for (const p of input.posts) await recruitmentRepository.insertPost(tx, id, p.regionCode, p.posts);
    await writeAudit(tx, actor, { action: 'recruitment.plan.create', entityType: 'recruitment_plan', entityId: id, regionCode: input.regionCode, after: { ...input, title, bonus } }, ctx);
    return planView(tx, actor, (await recruitmentRepository.planInScope(tx, actor.scope, id))!);
  });
}

const prefixOf = (code: string) => code.slice(0, PREFIX_LENGTH[levelOfCode(code) as Level]);

export async function planLister(db: Database, actor: Actor, input: { region?: string }) {
  if (!can(actor, 'recruitment.read')) throw forbidden();
  const code = input.region ?? actor.regionCode;
  if (!canSeeRegion(actor, code)) throw outOfScope();
  const rows = await recruitmentRepository.plans(db, actor.scope, prefixOf(code));
  return { items: rows.map((p) => ({ ...presentPlan(p), posts: p.posts, applicants: p.applicants, hired: p.hired })) };
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
    createdBy: p.created_by,
  };
}

const rulesOf = (p: PlanRow): PlanRules => ({
  referenceDate: p.reference_date,
  maxAge: p.max_age,
  minEducation: p.min_education as Education | null,
  residence: p.residence_region ? { prefix: prefixOf(p.residence_region), name: p.residence_name ?? p.residence_region } : null,
  writtenPercent: p.written_percent,
  bonus: Object.fromEntries(GROUP_KEYS.map((g) => [g, p.bonus[g] ?? 0])) as Record<PreferenceGroup, number>,
});

const groupsOf = (a: ApplicantRow): PreferenceGroup[] =>
  [a.graduate && 'graduate', a.veteran && 'veteran', a.social_work && 'socialWork', a.grid_worker && 'gridWorker'].filter(Boolean) as PreferenceGroup[];
const factsOf = (a: ApplicantRow) => ({
  birthDate: a.birth_date,
  education: a.education as Education | null,
  homeRegionCode: a.home_region_code,
  groups: groupsOf(a),
  writtenScore: a.written_score,
  interviewScore: a.interview_score,
  vetting: a.vetting,
});

/** The plan with its posts and, per post, the applicants ranked, each with eligibility reasons and the total's arithmetic. */
async function planView(db: Queryable, _actor: Actor, plan: PlanRow) {
  const [posts, applicants] = await Promise.all([recruitmentRepository.posts(db, plan.id), recruitmentRepository.applicants(db, plan.id)]);
  const rules = rulesOf(plan);
  // Lists are always masked, as in the roster: the full numbers travel with the hire into the registry.
  const reveal = false;
  return {
    plan: presentPlan(plan),
    posts: posts.map((post) => {
      const ranked = rankPost(
        applicants.filter((a) => a.post_id === post.id).map((a) => ({ id: a.id, row: a, facts: factsOf(a) })),
        rules,
      );
      return {
        id: post.id,
        regionCode: post.region_code,
        regionName: post.region_name,
        streetName: post.street_name,
        posts: post.posts,
        applicants: ranked.map((r) => presentApplicant(r.item.row, rules, reveal, r.rank, r.tied, r.note, post)),
      };
    }),
  };
}

function presentApplicant(a: ApplicantRow, rules: PlanRules, reveal: boolean, rank: number | null, tied: boolean, note: string | null, post: PostRow) {
  const e = eligibilityOf(factsOf(a), rules);
  const t = totalOf(factsOf(a), rules);
  return {
    id: a.id,
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
    checks: e.checks,
    rank,
    tied,
    withinPosts: rank !== null && rank <= post.posts,
    note,
    vetting: a.vetting,
    vettingNote: a.vetting_note,
    status: a.status,
    offeredOn: a.offered_on,
    workerId: a.worker_id,
  };
}

async function planInScope(db: Queryable, actor: Actor, id: number): Promise<PlanRow> {
  const p = await recruitmentRepository.planInScope(db, actor.scope, id);
  if (!p) throw notFound('招聘计划');
  return p;
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
};

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
function validateApplicant(input: ApplicantInput, plan: PlanRow, posts: PostRow[], today: string): { ok: true; value: NewApplicant } | { ok: false; errors: FieldError[] } {
  const postText = String(input.post ?? '').trim();
  const post = posts.find((p) => p.region_code === postText || p.region_name === postText) ?? (posts.length === 1 && !postText ? posts[0] : undefined);
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
  const errors: FieldError[] = v.ok ? [] : v.errors.map((e) => ({ field: FIELD_MAP[e.field as keyof WorkerInput] ?? e.field, message: e.message }));
  if (!post) errors.push({ field: 'post', message: postText ? `“${postText}”不是本计划的岗位（${posts.map((p) => p.region_name).join('、')}）` : '请填写报考社区' });
  const gridWorker = yesNo(input.gridWorker);
  if (gridWorker === null) errors.push({ field: 'gridWorker', message: '是否网格员应填 是 或 否' });
  const written = score(input.writtenScore, 'writtenScore', errors, '笔试成绩');
  const interview = score(input.interviewScore, 'interviewScore', errors, '面试成绩');
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
    },
  };
}

async function openPlan(tx: Queryable, actor: Actor, planId: number) {
  const plan = await planInScope(tx, actor, planId);
  if (plan.status !== 'open') throw conflict('招聘计划已结束，不能再报名', 'PLAN_CLOSED');
  return { plan, posts: await recruitmentRepository.posts(tx, planId) };
}

export async function applicantAdder(db: Database, actor: Actor, planId: number, input: ApplicantInput, ctx: RequestContext = {}) {
  if (!can(actor, 'recruitment.manage')) throw forbidden();
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const { plan, posts } = await openPlan(tx, actor, planId);
    const v = validateApplicant(input, plan, posts, today);
    if (!v.ok) throw invalidFields(v.errors);
    if ((await recruitmentRepository.existingIdNumbers(tx, planId, [v.value.id_number])).size) throw conflict('该身份证号码已报名本计划', 'DUPLICATE_APPLICANT', 'idNumber');
    const [id] = await recruitmentRepository.insertApplicants(tx, [v.value]);
    await writeAudit(tx, actor, { action: 'recruitment.applicant.create', entityType: 'recruitment_applicant', entityId: id, regionCode: v.value.region_code, after: { ...v.value, planId } }, ctx);
    return { id };
  });
}

/**
 * Applicants from a spreadsheet: the header found by its labels below any title rows, every row
 * checked, every bad cell reported as `第 N 行 [列名] …`; nothing is written unless every row is good.
 */
export async function applicantImporter(db: Database, actor: Actor, planId: number, path: string, ctx: RequestContext & { fileName?: string } = {}) {
  if (!can(actor, 'recruitment.manage')) throw forbidden();
  const today = todayOf(ctx);
  const { plan, posts } = await openPlan(db, actor, planId);
  const rows = await readRows(path);
  const header = findHeader<keyof ApplicantInput>(rows, APPLICANT_LABELS, ['name', 'idNumber']);
  if (!header) throw invalid('file', '未找到表头：须含“姓名”和“公民身份号码”两列', 'IMPORT_NO_HEADER');
  const errors: FieldError[] = [];
  const good: { row: number; value: NewApplicant }[] = [];
  const inFile = new Map<string, number>();
  for (let r = header.headerRow + 1; r < rows.length; r++) {
    const cells = rows[r];
    if (!cells.some((c: Cell) => cellText(c) !== '')) continue;
    const input: ApplicantInput = {};
    for (const [k, c] of Object.entries(header.columns) as [keyof ApplicantInput, number][]) {
      const cell = cells[c];
      input[k] = k === 'idNumber' || k === 'homeRegionCode' || k === 'post' ? cellText(cell) : cell instanceof Date ? cellText(cell) : (cell ?? undefined);
    }
    const v = validateApplicant(input, plan, posts, today);
    const at = (field: string) => {
      const col = header.columns[field as keyof ApplicantInput];
      return `第 ${r + 1} 行 [${APPLICANT_LABELS[field as keyof ApplicantInput]?.[0] ?? WORKER_FIELD_LABELS[field as keyof WorkerInput] ?? field}${col !== undefined ? ` ${columnLetter(col)} 列` : ''}]`;
    };
    if (!v.ok) {
      for (const e of v.errors) errors.push({ field: `row${r + 1}.${e.field}`, message: `${at(e.field)} ${e.message}` });
      continue;
    }
    const prev = inFile.get(v.value.id_number);
    if (prev) {
      errors.push({ field: `row${r + 1}.idNumber`, message: `${at('idNumber')} 与第 ${prev} 行的身份证号码重复` });
      continue;
    }
    inFile.set(v.value.id_number, r + 1);
    good.push({ row: r + 1, value: v.value });
  }
  const existing = await recruitmentRepository.existingIdNumbers(db, planId, good.map((g) => g.value.id_number));
  for (const g of good) if (existing.has(g.value.id_number)) errors.push({ field: `row${g.row}.idNumber`, message: `第 ${g.row} 行 [公民身份号码] 该身份证号码已报名本计划` });
  if (errors.length) throw invalidFields(errors, 'IMPORT_ROWS_INVALID');
  if (!good.length) throw invalid('file', '表中没有报名人员', 'IMPORT_EMPTY');
  return db.transaction(async (tx) => {
    const ids = await recruitmentRepository.insertApplicants(tx, good.map((g) => g.value));
    await writeAudit(tx, actor, { action: 'recruitment.applicant.import', entityType: 'recruitment_plan', entityId: planId, regionCode: plan.region_code, after: { file: ctx.fileName ?? null, createdIds: ids } }, ctx);
    return { created: ids.length, ids };
  });
}

async function applicantInScope(db: Queryable, actor: Actor, id: number) {
  const a = await recruitmentRepository.applicantInScope(db, actor.scope, id);
  if (!a) throw notFound('报名人员');
  return a;
}

/** Scores (written, interview) and the vetting record (政治把关, F-VET). */
export async function applicantUpdater(
  db: Database,
  actor: Actor,
  id: number,
  input: { writtenScore?: number | null; interviewScore?: number | null; vetting?: string; vettingNote?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'recruitment.manage')) throw forbidden();
  const errors: FieldError[] = [];
  const written = input.writtenScore === undefined ? undefined : input.writtenScore === null ? null : score(input.writtenScore, 'writtenScore', errors, '笔试成绩');
  const interview = input.interviewScore === undefined ? undefined : input.interviewScore === null ? null : score(input.interviewScore, 'interviewScore', errors, '面试成绩');
  if (input.vetting !== undefined && !['pending', 'passed', 'failed'].includes(input.vetting)) errors.push({ field: 'vetting', message: '政治把关结论应为 pending（待审）、passed（通过）或 failed（不通过）' });
  if (input.vetting === 'failed' && !input.vettingNote?.trim()) errors.push({ field: 'vettingNote', message: '政治把关不通过须写明原因' });
  if (errors.length) throw invalidFields(errors);
  return db.transaction(async (tx) => {
    const before = await applicantInScope(tx, actor, id);
    if (before.status === 'hired') throw conflict('已聘用人员的报名记录不能修改', 'APPLICANT_HIRED');
    await recruitmentRepository.updateScores(tx, id, written === undefined ? before.written_score : written, interview === undefined ? before.interview_score : interview);
    if (input.vetting !== undefined) await recruitmentRepository.updateVetting(tx, id, input.vetting, input.vettingNote?.trim() || null, actor.name);
    const after = (await applicantInScope(tx, actor, id))!;
    const pick = (a: ApplicantRow) => ({ writtenScore: a.written_score, interviewScore: a.interview_score, vetting: a.vetting, vettingNote: a.vetting_note });
    await writeAudit(tx, actor, { action: 'recruitment.applicant.update', entityType: 'recruitment_applicant', entityId: id, regionCode: after.region_code, before: pick(before), after: pick(after) }, ctx);
    return planView(tx, actor, (await recruitmentRepository.planInScope(tx, actor.scope, after.plan_id))!);
  });
}

/** An offer goes to an applicant ranked within the post's number, vetted. */
export async function applicantOfferer(db: Database, actor: Actor, id: number, ctx: RequestContext = {}) {
  if (!can(actor, 'recruitment.manage')) throw forbidden();
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const a = await applicantInScope(tx, actor, id);
    if (a.status !== 'applied') throw conflict('该人员已发出录用通知', 'ALREADY_OFFERED');
    const view = await planView(tx, actor, (await recruitmentRepository.planInScope(tx, actor.scope, a.plan_id))!);
    const me = view.posts.flatMap((p) => p.applicants).find((x) => x.id === id)!;
    if (me.vetting !== 'passed') throw conflict('政治把关通过后才能录用', 'VETTING_REQUIRED');
    if (!me.withinPosts) throw conflict(me.rank === null ? `未进入排名：${me.note}` : `排名第 ${me.rank}，超出岗位人数`, 'NOT_WITHIN_POSTS');
    await recruitmentRepository.markOffered(tx, id, today);
    await writeAudit(tx, actor, { action: 'recruitment.applicant.offer', entityType: 'recruitment_applicant', entityId: id, regionCode: a.region_code, after: { rank: me.rank, total: me.total, arithmetic: me.arithmetic, offeredOn: today } }, ctx);
    return { id, status: 'offered' as const, offeredOn: today, rank: me.rank as number, total: me.total as number };
  });
}

/**
 * The hire: a worker on probation in the post's community, created through the registry's path (same
 * checks: ID number, one active record …), with the applicant's data carried over. Origin 网格员转聘
 * for a converted grid worker, otherwise 公开招聘.
 */
export async function applicantHirer(db: Database, actor: Actor, id: number, input: { startDate: string }, ctx: RequestContext = {}) {
  if (!can(actor, 'recruitment.manage') || !can(actor, 'worker.manage')) throw forbidden();
  const today = todayOf(ctx);
  if (!isIsoDate(input.startDate)) throw invalid('startDate', '入职日期应为 YYYY-MM-DD 格式');
  return db.transaction(async (tx) => {
    const a = await applicantInScope(tx, actor, id);
    if (a.status !== 'offered') throw conflict(a.status === 'hired' ? '该人员已聘用' : '须先发出录用通知', 'NOT_OFFERED');
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
    await writeAudit(tx, actor, { action: 'recruitment.applicant.hire', entityType: 'recruitment_applicant', entityId: id, regionCode: a.region_code, after: { workerId: row.id, startDate: input.startDate } }, ctx);
    return { applicantId: id, worker: presentWorker(row, can(actor, 'worker.reveal'), today) };
  });
}

