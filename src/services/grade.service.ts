/**
 * F-GRADE (§2.4) grades, F-QUAL qualifications, F-PAY (§5.12) pay and F-BUDGET (§6.15) budget for
 * workers and regions, from the policy in force on a date; and the yearly grade review, previewed as
 * a draft and committed once in one transaction, one audit entry per changed worker.
 */
import type { Database, Queryable } from '../db/database.js';
import {
  type GradeReviewRow,
  type GradeWorkerRow,
  gradeRepository,
  type WorkerHistory,
} from '../db/repositories/grade.repository.js';
import { policyRepository, toPolicyDocument } from '../db/repositories/policy.repository.js';
import { workerRepository } from '../db/repositories/worker.repository.js';
import { isIsoDate } from '../domain/dates.js';
import { conflict, DomainError, forbidden, invalid, notFound } from '../domain/errors.js';
import { computeGrade, type GradeInput, type GradeResult } from '../domain/grade.js';
import { budgetCost, computePay, formatFen, type PayResult } from '../domain/pay.js';
import { type Actor, can } from '../domain/permissions.js';
import { type Level, levelOfCode, PREFIX_LENGTH } from '../domain/region-code.js';
import { attributeOn } from '../domain/worker.js';
import type { Education, PeriodEnd, Position, Qualification } from '../domain/worker-vocab.js';
import type { PolicyDocument, PolicySection, ResolvedPolicy } from '../policy/policy.schema.js';
import { requireSection, resolvePolicy } from '../policy/resolve.js';
import { type RequestContext, writeAudit, writeAuditMany } from './audit.service.js';
import { documentsFor, policyCache, policyDateForYear, presentSources } from './policy.service.js';
import { regionInScope } from './region.service.js';
import { todayOf } from './worker.service.js';

/** What the engines read of one worker. */
export interface GradeSubject {
  worker: GradeWorkerRow;
  periods: NonNullable<ReturnType<WorkerHistory['periods']['get']>>;
  positions: NonNullable<ReturnType<WorkerHistory['positions']['get']>>;
  qualifications: NonNullable<ReturnType<WorkerHistory['qualifications']['get']>>;
  assessments: NonNullable<ReturnType<WorkerHistory['assessments']['get']>>;
  educationChanges: NonNullable<ReturnType<WorkerHistory['educationChanges']['get']>>;
}

export const subjectsOf = (workers: readonly GradeWorkerRow[], h: WorkerHistory): GradeSubject[] =>
  workers.map((w) => ({
    worker: w,
    periods: h.periods.get(w.id) ?? [],
    positions: h.positions.get(w.id) ?? [],
    qualifications: h.qualifications.get(w.id) ?? [],
    assessments: h.assessments.get(w.id) ?? [],
    educationChanges: h.educationChanges.get(w.id) ?? [],
  }));

/** The position held on `date` (the latest one started by then), else the record's current one. */
function positionOn(s: GradeSubject, date: string): Position {
  let held: string | undefined;
  for (const p of s.positions)
    if (p.start_date <= date && (p.end_date === null || p.end_date > date)) held = p.position;
  return (held ?? s.worker.position) as Position;
}

/** The engine's input for one worker on a date; approved assessment results come through `assessmentYearsOf`. */
export function gradeInputOf(s: GradeSubject, date: string, policy: ResolvedPolicy): GradeInput {
  return {
    position: positionOn(s, date),
    education: attributeOn(s.worker.education, s.educationChanges, date) as Education | null,
    qualifications: s.qualifications.map((q) => ({ level: q.level as Qualification, obtainedOn: q.obtained_on })),
    periods: s.periods.map((p) => ({
      regionCode: p.region_code,
      startDate: p.start_date,
      endDate: p.end_date,
      endType: p.end_type as PeriodEnd | null,
    })),
    provinceCode: s.worker.region_code.slice(0, 2),
    assessments: s.assessments,
    date,
    policy,
  };
}

/**
 * F-GRADE then F-PAY for one worker: the grade, and the monthly pay at that grade. `payMemo` (one per
 * policy and date) lets a batch reuse the pay of an identical (grade, category, status, position,
 * qualification, counted years): computePay reads nothing else, so the result is the same.
 */
export function gradeAndPayOf(
  s: GradeSubject,
  date: string,
  policy: ResolvedPolicy,
  payMemo?: Map<string, PayResult>,
): { grade: GradeResult; pay: PayResult } {
  const input = gradeInputOf(s, date, policy);
  const grade = computeGrade(input);
  const highest = input.qualifications
    .filter((q) => q.obtainedOn <= date)
    .reduce<Qualification | null>((b, q) => (b === null || rank[q.level] > rank[b] ? q.level : b), null);
  const status = s.worker.status === 'probation' ? 'probation' : 'active';
  const key =
    payMemo && `${grade.grade}/${grade.category}/${status}/${input.position}/${highest}/${grade.countedYears}`;
  const hit = key ? payMemo.get(key) : undefined;
  if (hit) return { grade, pay: hit };
  const pay = computePay({
    grade: grade.grade,
    category: grade.category,
    status,
    policy,
    date,
    position: input.position,
    qualification: highest,
    serviceYears: grade.countedYears,
  });
  if (key) payMemo.set(key, pay);
  return { grade, pay };
}
const rank: Record<Qualification, number> = { assistant: 1, intermediate: 2, senior: 3 };

function checkDate(v: string | undefined, today: string, field = 'date'): string {
  const date = v ?? today;
  if (!isIsoDate(date)) throw invalid(field, '日期应为 YYYY-MM-DD 格式');
  return date;
}

/** One worker in the actor's scope; a worker account only themself. */
async function subjectInScope(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<GradeSubject & { exitDate: string | null }> {
  const w = await workerRepository.byIdInScope(db, actor.scope, id);
  if (!w || (actor.role === 'worker' && w.user_id !== Number(actor.id))) throw notFound('人员');
  const row = (await gradeRepository.workerById(db, id))!;
  const [s] = subjectsOf([row], await gradeRepository.historyOf(db, [id]));
  return { ...s, exitDate: w.exit_date };
}

const SECTIONS_GRADE: PolicySection[] = ['grades'];
const SECTIONS_PAY: PolicySection[] = ['grades', 'pay', 'budget'];

/** F-GRADE: a worker's grade on a date, step by step, citing the policy. */
export async function workerGradeReader(
  db: Database,
  actor: Actor,
  id: number,
  input: { date?: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'pay.read')) throw forbidden();
  const date = checkDate(input.date, todayOf(ctx));
  const s = await subjectInScope(db, actor, id);
  const { documents, names } = await documentsFor(db, s.worker.region_code);
  const r = resolvePolicy(documents, s.worker.region_code, date);
  const g = computeGrade(gradeInputOf(s, date, r.policy));
  return {
    workerId: id,
    name: s.worker.name,
    date,
    category: g.category,
    categoryName: g.categoryName,
    grade: g.grade,
    minGrade: g.minGrade,
    maxGrade: g.maxGrade,
    countedYears: g.countedYears,
    equivalentYears: g.equivalentYears,
    steps: g.steps.map((x) => ({ rule: x.rule, input: x.input, effect: x.effect, grade: x.grade, text: x.text })),
    recorded: s.worker.grade === null ? null : { grade: s.worker.grade, effectiveFrom: s.worker.grade_effective_from },
    policySources: presentSources(r.sources, names, SECTIONS_GRADE),
  };
}

/** F-PAY: a worker's monthly pay on a date at the grade computed for that date, with the arithmetic. */
export async function workerPayReader(
  db: Database,
  actor: Actor,
  id: number,
  input: { date?: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'pay.read')) throw forbidden();
  const date = checkDate(input.date, todayOf(ctx));
  const s = await subjectInScope(db, actor, id);
  if (s.worker.status === 'exited' && s.exitDate !== null && s.exitDate <= date)
    throw conflict(`该人员已于 ${s.exitDate} 离岗，不计算此后的薪酬`, 'WORKER_EXITED');
  const { documents, names } = await documentsFor(db, s.worker.region_code);
  const r = resolvePolicy(documents, s.worker.region_code, date);
  const { grade, pay } = gradeAndPayOf(s, date, r.policy);
  return {
    workerId: id,
    date,
    grade: grade.grade,
    category: grade.category,
    categoryName: grade.categoryName,
    monthlyFen: pay.monthlyFen,
    components: pay.components,
    steps: [
      {
        text: `按 ${date} 的岗位等级计算：${grade.categoryName}岗位第 ${grade.grade} 级（见岗位等级说明）`,
        arithmetic: '',
      },
      ...pay.steps,
    ],
    example: pay.example,
    policySources: presentSources(r.sources, names, SECTIONS_PAY),
  };
}

/**
 * Every serving worker of a subtree with its history, page by page (`size` workers a page). The next
 * page is read while the caller computes on the current one.
 */
export async function* subjectPages(db: Queryable, prefix: string, size = 2000): AsyncGenerator<GradeSubject[]> {
  const read = async (after: { regionCode: string; id: number } | null) => {
    const rows = await gradeRepository.workersPage(db, prefix, after, size);
    return rows.length === 0
      ? null
      : subjectsOf(
          rows,
          await gradeRepository.historyOf(
            db,
            rows.map((w) => w.id),
          ),
        );
  };
  let next: Promise<GradeSubject[] | null> | null = read(null);
  try {
    for (;;) {
      const page: GradeSubject[] | null = await next;
      next = null;
      if (!page) return;
      const last = page[page.length - 1].worker;
      if (page.length === size) next = read({ regionCode: last.region_code, id: last.id });
      yield page;
      if (!next) return;
    }
  } finally {
    // A caller that stops early leaves a read in flight: let it finish quietly.
    (next as Promise<unknown> | null)?.catch(() => {});
  }
}

const prefixOf = (code: string) => code.slice(0, PREFIX_LENGTH[levelOfCode(code) as Level]);

async function subtreeDocuments(db: Queryable, code: string): Promise<PolicyDocument[]> {
  return (await policyRepository.forRegionAndBelow(db, code, prefixOf(code))).map(toPolicyDocument);
}

/** Problems met per worker (no policy in force, a position outside every category …), counted by message. */
function tally(skipped: Map<string, number>, e: unknown): void {
  if (!(e instanceof DomainError)) throw e;
  skipped.set(e.message, (skipped.get(e.message) ?? 0) + 1);
}
const presentSkipped = (skipped: Map<string, number>) => [...skipped].map(([reason, workers]) => ({ reason, workers }));

/**
 * F-BUDGET: the yearly cost of a region's serving workers — each worker's pay at the grade computed
 * for the year's policy date, then payroll and employer contributions per county's budget policy.
 */
export async function budgetReader(
  db: Database,
  actor: Actor,
  code: string,
  input: { year?: number },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'policy.read')) throw forbidden();
  await regionInScope(db, actor, code);
  const today = todayOf(ctx);
  const year = input.year ?? +today.slice(0, 4);
  const date = policyDateForYear(year, today);
  const [documents, { names }] = await Promise.all([subtreeDocuments(db, code), documentsFor(db, code)]);
  const policyAt = policyCache(documents, date);
  const groups = new Map<string, { monthlyFen: number }[]>();
  const skipped = new Map<string, number>();
  let example = false;
  for await (const page of subjectPages(db, prefixOf(code))) {
    for (const s of page) {
      try {
        const r = policyAt(s.worker.region_code);
        const { pay } = gradeAndPayOf(s, date, r.policy);
        example ||= pay.example;
        const key = `${s.worker.region_code.slice(0, 6)}000000`;
        const list = groups.get(key) ?? [];
        list.push({ monthlyFen: pay.monthlyFen });
        groups.set(key, list);
      } catch (e) {
        tally(skipped, e);
      }
    }
  }
  const totals = {
    workers: 0,
    monthlyTotalFen: 0,
    payrollFen: 0,
    socialInsuranceFen: 0,
    housingFundFen: 0,
    annualFen: 0,
  };
  let steps: { text: string; arithmetic: string }[] = [];
  for (const [county, workers] of groups) {
    try {
      const b = budgetCost({ workers, policy: policyAt(county).policy });
      totals.workers += b.breakdown.workers;
      totals.monthlyTotalFen += b.breakdown.monthlyTotalFen;
      totals.payrollFen += b.breakdown.payrollFen;
      totals.socialInsuranceFen += b.breakdown.socialInsuranceFen;
      totals.housingFundFen += b.breakdown.housingFundFen;
      totals.annualFen += b.annualFen;
      steps =
        groups.size === 1
          ? b.breakdown.steps
          : [...steps, { text: `${county} 全年经费（${b.breakdown.workers} 人）`, arithmetic: formatFen(b.annualFen) }];
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      skipped.set(e.message, (skipped.get(e.message) ?? 0) + workers.length);
    }
  }
  if (groups.size > 1) steps.push({ text: '合计', arithmetic: formatFen(totals.annualFen) });
  const own = resolvePolicy(documents, code, date);
  return {
    regionCode: code,
    year,
    date,
    annualFen: totals.annualFen,
    workers: totals.workers,
    monthlyTotalFen: totals.monthlyTotalFen,
    breakdown: [
      { code: 'payroll', name: '工资', fen: totals.payrollFen },
      { code: 'socialInsurance', name: '单位缴纳社会保险', fen: totals.socialInsuranceFen },
      { code: 'housingFund', name: '单位缴存住房公积金', fen: totals.housingFundFen },
    ],
    steps,
    example,
    skipped: presentSkipped(skipped),
    policySources: presentSources(own.sources, names, SECTIONS_PAY),
  };
}

/** Why a worker's grade is what it is, in one line: the steps that moved it. */
const reasonOf = (g: GradeResult): string =>
  g.steps
    .filter(
      (s) =>
        s.rule === 'category' ||
        s.rule === 'cap' ||
        (s.effect !== 0 && s.rule !== 'serviceYears' && s.rule !== 'education'),
    )
    .map((s) => s.text)
    .join('；');

export interface GradeReviewView {
  id: number;
  regionCode: string;
  effectiveDate: string;
  status: 'draft' | 'committed';
  items: GradeReviewRow['items'];
  unchanged: number;
  skipped: { reason: string; workers: number }[];
}

/**
 * F-GRADE yearly review, step 1: for every serving worker of the region, the grade computed for the
 * effective date against the one on record; the changes are stored as a draft to commit.
 */
export async function gradeReviewPreviewer(
  db: Database,
  actor: Actor,
  input: { regionCode: string; effectiveDate: string },
  ctx: RequestContext = {},
): Promise<GradeReviewView> {
  if (!can(actor, 'grade.review')) throw forbidden();
  const date = checkDate(input.effectiveDate, todayOf(ctx), 'effectiveDate');
  await regionInScope(db, actor, input.regionCode);
  const documents = await subtreeDocuments(db, input.regionCode);
  const policyAt = policyCache(documents, date);
  requireSection(policyAt(input.regionCode).policy, 'grades');
  const items: GradeReviewRow['items'] = [];
  const skipped = new Map<string, number>();
  let unchanged = 0;
  for await (const page of subjectPages(db, prefixOf(input.regionCode))) {
    for (const s of page) {
      try {
        const g = computeGrade(gradeInputOf(s, date, policyAt(s.worker.region_code).policy));
        if (g.grade === s.worker.grade) unchanged++;
        else
          items.push({
            workerId: s.worker.id,
            name: s.worker.name,
            from: s.worker.grade,
            to: g.grade,
            reason: reasonOf(g),
          });
      } catch (e) {
        tally(skipped, e);
      }
    }
  }
  const id = await db.transaction(async (tx) => {
    const reviewId = await gradeRepository.insertReview(tx, {
      regionCode: input.regionCode,
      effectiveDate: date,
      items,
      unchanged,
      createdBy: actor.name,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'grade_review.preview',
        entityType: 'grade_review',
        entityId: reviewId,
        regionCode: input.regionCode,
        after: { effectiveDate: date, changes: items.length, unchanged },
      },
      ctx,
    );
    return reviewId;
  });
  return {
    id,
    regionCode: input.regionCode,
    effectiveDate: date,
    status: 'draft',
    items,
    unchanged,
    skipped: presentSkipped(skipped),
  };
}

/**
 * F-GRADE yearly review, step 2: sets every previewed grade, effective on the review's date, in one
 * transaction with one audit entry per changed worker. A review commits once (409 after); when a
 * worker's grade on record changed since the preview, nothing is written (409: preview again).
 */
export async function gradeReviewCommitter(db: Database, actor: Actor, id: number, ctx: RequestContext = {}) {
  if (!can(actor, 'grade.review')) throw forbidden();
  return db.transaction(async (tx) => {
    const review = await gradeRepository.reviewForUpdate(tx, actor.scope, id);
    if (!review) throw notFound('等级评定');
    if (review.status === 'committed')
      throw conflict(
        `该等级评定已于 ${new Date(review.committed_at!).toISOString().slice(0, 10)} 提交，不能重复提交`,
        'GRADE_REVIEW_COMMITTED',
      );
    const current = new Map(
      (
        await gradeRepository.gradesForUpdate(
          tx,
          review.items.map((i) => i.workerId),
        )
      ).map((w) => [w.id, w]),
    );
    const stale = review.items.filter((i) => {
      const w = current.get(i.workerId);
      return !w || w.status === 'exited' || w.grade !== i.from;
    });
    if (stale.length)
      throw conflict(`预览后有 ${stale.length} 人的等级或在岗状态已变化，请重新预览`, 'GRADE_REVIEW_STALE');
    await gradeRepository.setGrades(
      tx,
      review.items.map((i) => ({ id: i.workerId, grade: i.to })),
      review.effective_date,
    );
    await writeAuditMany(
      tx,
      actor,
      review.items.map((i) => ({
        action: 'worker.grade',
        entityType: 'worker',
        entityId: i.workerId,
        regionCode: current.get(i.workerId)!.region_code,
        before: { grade: i.from },
        after: { grade: i.to, gradeEffectiveFrom: review.effective_date, gradeReviewId: review.id, reason: i.reason },
      })),
      ctx,
    );
    await gradeRepository.markCommitted(tx, id);
    return { id, committed: review.items.length };
  });
}
