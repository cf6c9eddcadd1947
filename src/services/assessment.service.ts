/**
 * F-ASSESS (§4.10) 年度考核 and F-REWARD: the county issues the year's plan (its rules frozen from the
 * policy in force), the street or community enters scores, the county approves — which locks the
 * results — and the consequences proposed from them are confirmed or rejected one by one; 容错纠错
 * decisions are recorded with their reasons and cancel the negative consequences.
 *
 * Lifecycle: open (scores may change) → approved (locked: every change answers 409 PLAN_LOCKED).
 * Approval is refused while a rated worker has no score or an assessing unit exceeds the 优秀 cap.
 */
import type { Database, Queryable } from '../db/database.js';
import {
  assessmentRepository,
  type ConsequenceRow,
  type EntryRow,
  type PlanRow,
} from '../db/repositories/assessment.repository.js';
import { rowLockRepository } from '../db/repositories/row-lock.repository.js';
import { workerRepository } from '../db/repositories/worker.repository.js';
import {
  CONSEQUENCE_LABELS,
  type ConsequenceKind,
  excellentQuota,
  NEGATIVE_CONSEQUENCES,
  proposeConsequences,
  rateEntry,
  ratingEligibility,
  type Scores,
  satisfactionOf,
} from '../domain/assessment.js';
import { isIsoDate } from '../domain/dates.js';
import {
  conflict,
  DomainError,
  type FieldError,
  forbidden,
  invalid,
  invalidFields,
  notFound,
} from '../domain/errors.js';
import type { AssessmentResult } from '../domain/grade.js';
import { type Actor, can, canSeeRegion } from '../domain/permissions.js';
import { levelOfCode, scopePrefix } from '../domain/region-code.js';
import { POSITIONS, type Position } from '../domain/worker-vocab.js';
import type { AssessmentPolicy } from '../policy/policy.schema.js';
import { requireSection, resolvePolicy } from '../policy/resolve.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { documentsFor, policyDateForYear } from './policy.service.js';
import { regionInScope } from './region.service.js';
import { todayOf } from './worker.service.js';

/** The rules frozen into a plan: the policy section plus the grade sequence's run length for early steps. */
export type PlanRules = AssessmentPolicy & { consecutiveExcellent: number; policyDate: string };

const county6 = (code: string) => code.slice(0, 6);
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const num = (v: string | null) => (v === null ? null : Number(v));
const unitDigits = (rules: PlanRules) => (rules.quotaUnit === 'community' ? 12 : 9);

const LOCKED = () =>
  new DomainError('conflict', 'PLAN_LOCKED', '考核结果已审定并锁定，不能再修改', [], 'Assessment approved and locked');

/** The plan if the actor may see it (inside their subtree, or they sit inside its county), else 404. */
async function planFor(
  db: Queryable,
  actor: Actor,
  id: number,
  forUpdate = false,
): Promise<PlanRow & { rules: PlanRules }> {
  const plan = await assessmentRepository.planInScope(db, actor.scope, actor.regionCode, id, forUpdate);
  if (!plan) throw notFound('考核方案');
  return plan as PlanRow & { rules: PlanRules };
}

/** The narrowest prefix the actor sees inside the plan's county. */
const entryPrefix = (actor: Actor, plan: PlanRow) => (actor.scope.length > 6 ? actor.scope : county6(plan.region_code));

const presentPlan = (p: PlanRow) => ({
  id: p.id,
  regionCode: p.region_code,
  regionName: p.region_name,
  year: p.year,
  title: p.title,
  status: p.status,
  ratingFrom: p.rating_from,
  ratingTo: p.rating_to,
  createdBy: p.created_by,
  createdAt: iso(p.created_at)!,
  approvedBy: p.approved_by,
  approvedAt: iso(p.approved_at),
});

const presentConsequence = (c: ConsequenceRow) => ({
  id: c.id,
  workerId: c.worker_id,
  name: c.name,
  regionCode: c.region_code,
  year: c.year,
  kind: c.kind,
  kindLabel: CONSEQUENCE_LABELS[c.kind as ConsequenceKind] ?? c.kind,
  reason: c.reason,
  status: c.status,
  decidedBy: c.decided_by,
  decidedAt: iso(c.decided_at),
  note: c.note,
});

export async function planLister(db: Database, actor: Actor) {
  if (!can(actor, 'assessment.read')) throw forbidden();
  const rows = await assessmentRepository.plans(db, actor.scope, actor.regionCode);
  return { items: rows.map((r) => ({ ...presentPlan(r), entries: r.entries, scored: r.scored })) };
}

export interface PlanCreateInput {
  regionCode: string;
  year: number;
  title?: string;
  ratingFrom?: string;
  ratingTo?: string;
}

/** F-ASSESS: the county issues the year's plan; every worker of the county gets an entry, rated or not (with why). */
export async function planCreator(db: Database, actor: Actor, input: PlanCreateInput, ctx: RequestContext = {}) {
  if (!can(actor, 'assessment.plan')) throw forbidden();
  await regionInScope(db, actor, input.regionCode);
  if (levelOfCode(input.regionCode) !== 'county')
    throw invalid('regionCode', '年度考核方案由县级下达，请选择县（市、区）');
  const today = todayOf(ctx);
  const date = policyDateForYear(input.year, today);
  const { documents } = await documentsFor(db, input.regionCode);
  const resolved = resolvePolicy(documents, input.regionCode, date);
  const section = requireSection(resolved.policy, 'assessment');
  const rules: PlanRules = {
    ...section,
    consecutiveExcellent: resolved.policy.grades?.earlyStep.consecutiveExcellent ?? 2,
    policyDate: date,
  };
  const ratingFrom = input.ratingFrom ?? `${input.year}-${rules.ratingWindow.from}`;
  const ratingTo = input.ratingTo ?? `${input.year}-${rules.ratingWindow.to}`;
  const errors: FieldError[] = [];
  if (!isIsoDate(ratingFrom)) errors.push({ field: 'ratingFrom', message: '测评开始日期无效' });
  if (!isIsoDate(ratingTo)) errors.push({ field: 'ratingTo', message: '测评结束日期无效' });
  else if (isIsoDate(ratingFrom) && ratingFrom > ratingTo)
    errors.push({ field: 'ratingTo', message: '测评结束日期不能早于开始日期' });
  if (errors.length) throw invalidFields(errors);
  const title = input.title?.trim() || `${input.year} 年度社区工作者考核`;

  return db.transaction(async (tx) => {
    // Locked: two plans for one county and year at once would both find none.
    await rowLockRepository.lock(tx, 'region', input.regionCode);
    if (await assessmentRepository.planExists(tx, input.regionCode, input.year))
      throw conflict(`该县 ${input.year} 年度已有考核方案`, 'PLAN_EXISTS', 'year');
    const id = await assessmentRepository.insertPlan(tx, {
      regionCode: input.regionCode,
      year: input.year,
      title,
      rules,
      ratingFrom,
      ratingTo,
      createdBy: actor.name,
    });
    const { workers, periods } = await assessmentRepository.countyWorkers(tx, county6(input.regionCode));
    const byWorker = new Map<number, { startDate: string; endDate: string | null }[]>();
    for (const p of periods)
      byWorker.set(p.worker_id, [
        ...(byWorker.get(p.worker_id) ?? []),
        { startDate: p.start_date, endDate: p.end_date },
      ]);
    const entries = workers.map((w) => {
      const e = ratingEligibility({
        status: w.status,
        periods: byWorker.get(w.id) ?? [],
        year: input.year,
        minMonthsWorked: rules.minMonthsWorked,
      });
      return {
        workerId: w.id,
        regionCode: w.region_code,
        rated: e.rated,
        reason: e.reason,
        explanation: { eligibility: e.text },
      };
    });
    await assessmentRepository.insertEntries(tx, id, entries);
    const rated = entries.filter((e) => e.rated).length;
    await writeAudit(
      tx,
      actor,
      {
        action: 'assessment.plan.create',
        entityType: 'assessment_plan',
        entityId: id,
        regionCode: input.regionCode,
        after: { year: input.year, title, rules, ratingFrom, ratingTo, entries: entries.length, rated },
      },
      ctx,
    );
    const plan = (await assessmentRepository.planInScope(tx, '', '', id))!;
    return { plan: presentPlan(plan), entries: entries.length, rated };
  });
}

function presentEntry(
  e: EntryRow,
  rules: PlanRules,
  ratings: Map<number, { satisfied: number; basic: number; unsatisfied: number }>,
) {
  const scores =
    e.political_quality === null
      ? null
      : {
          politicalQuality: num(e.political_quality)!,
          workPerformance: num(e.work_performance)!,
          residentSatisfaction: num(e.resident_satisfaction)!,
        };
  return {
    workerId: e.worker_id,
    name: e.name,
    position: e.position,
    positionLabel: POSITIONS[e.position as Position] ?? e.position,
    regionCode: e.region_code,
    communityName: e.community_name,
    rated: e.rated,
    unratedReason: e.unrated_reason,
    eligibility: e.explanation?.eligibility ?? '',
    scores,
    total: num(e.total),
    result: e.result,
    resultLabel: e.result ? rules.labels[e.result] : null,
    steps: e.explanation?.steps ?? [],
    scoredBy: e.scored_by,
    scoredAt: iso(e.scored_at),
    residents: satisfactionOf(ratings.get(e.worker_id) ?? { satisfied: 0, basic: 0, unsatisfied: 0 }, rules.minRatings),
  };
}

async function quotasOf(db: Queryable, plan: PlanRow & { rules: PlanRules }, prefix: string) {
  const units = await assessmentRepository.unitCounts(db, plan.id, unitDigits(plan.rules), prefix);
  return units.map((u) => ({
    unitCode: u.unit,
    unitName: u.name,
    unscored: u.unscored,
    ...excellentQuota(u.rated, u.excellent, plan.rules),
  }));
}

/** A plan with its rules, the 优秀 quota per assessing unit, the scoring sheet, the consequences and 容错纠错 decisions. */
export async function planReader(db: Database, actor: Actor, id: number, input: { region?: string } = {}) {
  if (!can(actor, 'assessment.read')) throw forbidden();
  const plan = await planFor(db, actor, id);
  let prefix = entryPrefix(actor, plan);
  if (input.region) {
    const level = levelOfCode(input.region);
    if (!level) throw invalid('region', '区划代码应为 12 位数字');
    if (!canSeeRegion(actor, input.region)) throw forbidden('该区划不在您的管辖范围内', 'OUT_OF_SCOPE');
    const p = scopePrefix(input.region, level);
    if (p.length > prefix.length) prefix = p;
  }
  const [entries, quotas, consequences, tolerances, counts] = await Promise.all([
    assessmentRepository.entries(db, id, prefix),
    quotasOf(db, plan, prefix),
    assessmentRepository.consequences(db, id, prefix),
    assessmentRepository.faultTolerances(db, id, prefix),
    assessmentRepository.ratingCounts(db, id, prefix),
  ]);
  const ratings = new Map<number, { satisfied: number; basic: number; unsatisfied: number }>();
  for (const c of counts) {
    if (c.worker_id === null) continue;
    const r = ratings.get(c.worker_id) ?? { satisfied: 0, basic: 0, unsatisfied: 0 };
    r[c.score] += c.n;
    ratings.set(c.worker_id, r);
  }
  const open = plan.status === 'open';
  const byResult = { excellent: 0, competent: 0, basic: 0, fail: 0 };
  for (const e of entries) if (e.result) byResult[e.result]++;
  return {
    plan: presentPlan(plan),
    rules: plan.rules,
    quotaRule: `优秀名额按考核单位（${plan.rules.quotaUnit === 'street' ? '街道（乡镇）' : '社区'}）计算：参加定等人数 × 比例，向下取整`,
    quotas,
    summary: {
      entries: entries.length,
      rated: entries.filter((e) => e.rated).length,
      unscored: entries.filter((e) => e.rated && !e.result).length,
      byResult,
    },
    entries: entries.map((e) => presentEntry(e, plan.rules, ratings)),
    consequences: consequences.map(presentConsequence),
    faultTolerances: tolerances.map((f) => ({
      id: f.id,
      workerId: f.worker_id,
      name: f.name,
      regionCode: f.region_code,
      year: f.year,
      reason: f.reason,
      decidedBy: f.decided_by,
      decidedAt: iso(f.decided_at)!,
    })),
    abilities: {
      score: open && can(actor, 'assessment.score'),
      approve: open && can(actor, 'assessment.plan') && canSeeRegion(actor, plan.region_code),
      decide: !open && can(actor, 'assessment.decide') && canSeeRegion(actor, plan.region_code),
    },
  };
}

export interface ScoreItem extends Omit<Scores, 'residentSatisfaction'> {
  workerId: number;
  /** Omitted: the residents' rating of this plan's window feeds it, when there are enough ratings. */
  residentSatisfaction?: number;
  result?: AssessmentResult | null;
}

/** The scoring sheet: many rows saved at once, all or nothing; each row's total, result and rules kept with it. */
export async function scoresSaver(
  db: Database,
  actor: Actor,
  id: number,
  input: { items: ScoreItem[] },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'assessment.score')) throw forbidden();
  const plan = await planFor(db, actor, id);
  if (plan.status !== 'open') throw LOCKED();
  const errors: FieldError[] = [];
  const seen = new Map<number, number>();
  // The residents' ratings feed the satisfaction dimension where the sheet leaves it empty.
  const fed = new Map<number, ReturnType<typeof satisfactionOf>>();
  if (input.items.some((it) => it.residentSatisfaction === undefined)) {
    const counts = new Map<number, { satisfied: number; basic: number; unsatisfied: number }>();
    for (const c of await assessmentRepository.ratingCounts(db, id, entryPrefix(actor, plan))) {
      if (c.worker_id === null) continue;
      const r = counts.get(c.worker_id) ?? { satisfied: 0, basic: 0, unsatisfied: 0 };
      r[c.score] += c.n;
      counts.set(c.worker_id, r);
    }
    for (const [w, c] of counts) fed.set(w, satisfactionOf(c, plan.rules.minRatings));
  }
  const scores = input.items.map((it, i): Scores | null => {
    if (it.residentSatisfaction !== undefined) return { ...it, residentSatisfaction: it.residentSatisfaction };
    const s = fed.get(it.workerId);
    if (!s?.usable || s.rate === null) {
      errors.push({
        field: `items.${i}.residentSatisfaction`,
        message: `居民测评${s ? `仅 ${s.count} 票` : '无票'}，不足 ${plan.rules.minRatings} 票，请录入满意度（如民主测评结果）`,
      });
      return null;
    }
    return { ...it, residentSatisfaction: s.rate };
  });
  const rated = input.items.map((it, i) => {
    const prev = seen.get(it.workerId);
    if (prev !== undefined) errors.push({ field: `items.${i}.workerId`, message: `与第 ${prev + 1} 行重复` });
    seen.set(it.workerId, i);
    const sc = scores[i];
    if (!sc) return { error: '' };
    const r = rateEntry(sc, plan.rules, it.result ?? null);
    if ('error' in r) errors.push({ field: `items.${i}.result`, message: r.error });
    return r;
  });
  if (errors.length) throw invalidFields(errors);
  const prefix = entryPrefix(actor, plan);
  return db.transaction(async (tx) => {
    const locked = await planFor(tx, actor, id, true);
    if (locked.status !== 'open') throw LOCKED();
    const found = new Map(
      (
        await assessmentRepository.entriesFor(
          tx,
          id,
          prefix,
          input.items.map((i) => i.workerId),
        )
      ).map((e) => [e.worker_id, e]),
    );
    const missing = input.items.map((it, i) => ({ it, i })).filter(({ it }) => !found.has(it.workerId));
    if (missing.length)
      throw new DomainError(
        'not_found',
        'NOT_FOUND',
        '考核对象不在本方案或不在您的管辖范围内',
        missing.map(({ i }) => ({ field: `items.${i}.workerId`, message: '不在本考核方案或不在您的管辖范围内' })),
      );
    const unrated = input.items.map((it, i) => ({ it, i })).filter(({ it }) => !found.get(it.workerId)!.rated);
    if (unrated.length)
      throw invalidFields(
        unrated.map(({ i }) => ({ field: `items.${i}.workerId`, message: '该人员不定等次，不能评分' })),
      );
    const rows = input.items.map((it, i) => {
      const r = rated[i] as Exclude<(typeof rated)[number], { error: string }>;
      const s = scores[i]!;
      const source =
        it.residentSatisfaction === undefined
          ? [{ rule: 'residents', text: `居民满意度取本测评期居民测评：${fed.get(it.workerId)!.text}` }]
          : [];
      return {
        workerId: it.workerId,
        pq: s.politicalQuality,
        wp: s.workPerformance,
        rs: s.residentSatisfaction,
        total: r.total,
        result: r.result,
        explanation: { steps: [...source, ...r.steps] },
      };
    });
    await assessmentRepository.updateScores(tx, id, rows, actor.name);
    await writeAudit(
      tx,
      actor,
      {
        action: 'assessment.scores.save',
        entityType: 'assessment_plan',
        entityId: id,
        regionCode: plan.region_code,
        after: { items: rows.map((r) => ({ workerId: r.workerId, total: r.total, result: r.result })) },
      },
      ctx,
    );
    return {
      saved: rows.length,
      results: rows.map((r) => ({
        workerId: r.workerId,
        total: r.total,
        result: r.result,
        resultLabel: plan.rules.labels[r.result],
      })),
      quotas: await quotasOf(tx, plan, prefix),
    };
  });
}

/** F-ASSESS: the county approves — refused while anyone rated is unscored or a unit is over the cap — which locks the results and proposes the consequences. */
export async function planApprover(db: Database, actor: Actor, id: number, ctx: RequestContext = {}) {
  if (!can(actor, 'assessment.plan')) throw forbidden();
  return db.transaction(async (tx) => {
    const plan = await planFor(tx, actor, id, true);
    if (!canSeeRegion(actor, plan.region_code)) throw forbidden('只有下达方案的县级部门可以审定', 'FORBIDDEN');
    if (plan.status !== 'open') throw LOCKED();
    const quotas = await quotasOf(tx, plan, county6(plan.region_code));
    const unscored = quotas.reduce((s, q) => s + q.unscored, 0);
    if (unscored)
      throw new DomainError(
        'conflict',
        'UNSCORED',
        `尚有 ${unscored} 名参加定等的人员未评分，不能审定`,
        quotas
          .filter((q) => q.unscored)
          .map((q) => ({ field: `quota.${q.unitCode}`, message: `${q.unitName}：${q.unscored} 人未评分` })),
      );
    const over = quotas.filter((q) => q.status === 'over_cap');
    if (over.length)
      throw new DomainError(
        'conflict',
        'QUOTA_EXCEEDED',
        `${over.length} 个考核单位的优秀人数超过上限，不能审定`,
        over.map((q) => ({ field: `quota.${q.unitCode}`, message: `${q.unitName}：${q.text}` })),
      );
    await assessmentRepository.approve(tx, id, actor.name);
    const entries = (await assessmentRepository.entries(tx, id, county6(plan.region_code))).filter(
      (e) => e.rated && e.result,
    );
    const earlier = await assessmentRepository.earlierResults(
      tx,
      entries.map((e) => e.worker_id),
      plan.year,
    );
    const prev = new Map<number, Map<number, AssessmentResult>>();
    for (const r of earlier)
      prev.set(r.worker_id, (prev.get(r.worker_id) ?? new Map()).set(r.year, r.result as AssessmentResult));
    const proposals = entries.flatMap((e) =>
      proposeConsequences(
        plan.year,
        e.result!,
        prev.get(e.worker_id) ?? new Map(),
        plan.rules,
        plan.rules.consecutiveExcellent,
      ).map((c) => ({ workerId: e.worker_id, regionCode: e.region_code, ...c })),
    );
    await assessmentRepository.insertConsequences(tx, id, plan.year, proposals);
    const byResult = { excellent: 0, competent: 0, basic: 0, fail: 0 };
    for (const e of entries) byResult[e.result!]++;
    await writeAudit(
      tx,
      actor,
      {
        action: 'assessment.plan.approve',
        entityType: 'assessment_plan',
        entityId: id,
        regionCode: plan.region_code,
        before: { status: 'open' },
        after: { status: 'approved', byResult, consequences: proposals.length },
      },
      ctx,
    );
    return { plan: presentPlan((await planFor(tx, actor, id))!), byResult, consequencesProposed: proposals.length };
  });
}

/** F-ASSESS / F-REWARD: a proposed consequence is confirmed (applied: the grade engine honours it) or rejected. */
export async function consequenceDecider(
  db: Database,
  actor: Actor,
  id: number,
  input: { decision: 'confirm' | 'reject'; note?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'assessment.decide')) throw forbidden();
  return db.transaction(async (tx) => {
    const c = await assessmentRepository.consequenceInScope(tx, actor.scope, id);
    if (!c) throw notFound('考核结果运用');
    if (c.status !== 'proposed')
      throw conflict(
        `该项已处理（${{ confirmed: '已确认', rejected: '已否决', waived: '已因容错纠错免予执行', proposed: '' }[c.status]}）`,
        'CONSEQUENCE_DECIDED',
        'decision',
      );
    const status = input.decision === 'confirm' ? 'confirmed' : 'rejected';
    await assessmentRepository.decideConsequence(tx, id, status, actor.name, input.note?.trim() || null);
    await writeAudit(
      tx,
      actor,
      {
        action: `assessment.consequence.${input.decision}`,
        entityType: 'assessment_consequence',
        entityId: id,
        regionCode: c.region_code,
        before: { status: c.status },
        after: { status, kind: c.kind, workerId: c.worker_id, year: c.year, note: input.note ?? null },
      },
      ctx,
    );
    return { item: presentConsequence((await assessmentRepository.consequenceInScope(tx, actor.scope, id))!) };
  });
}

/** Every proposed consequence of one kind in the plan (inside the caller's area) confirmed or rejected at once, one audit entry listing them. */
export async function consequencesBatchDecider(
  db: Database,
  actor: Actor,
  planId: number,
  input: { kind: ConsequenceKind; decision: 'confirm' | 'reject'; note?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'assessment.decide')) throw forbidden();
  return db.transaction(async (tx) => {
    const plan = await planFor(tx, actor, planId, true);
    if (plan.status !== 'approved') throw conflict('考核结果审定后才能确认结果运用', 'PLAN_NOT_APPROVED');
    const status = input.decision === 'confirm' ? 'confirmed' : 'rejected';
    const ids = await assessmentRepository.decideAll(
      tx,
      planId,
      input.kind,
      entryPrefix(actor, plan),
      status,
      actor.name,
      input.note?.trim() || null,
    );
    if (ids.length)
      await writeAudit(
        tx,
        actor,
        {
          action: `assessment.consequence.${input.decision}_all`,
          entityType: 'assessment_plan',
          entityId: planId,
          regionCode: plan.region_code,
          after: { kind: input.kind, status, ids, note: input.note ?? null },
        },
        ctx,
      );
    return { kind: input.kind, status, decided: ids.length };
  });
}

/** 容错纠错: recorded with its reason for a 基本合格/不合格 result; the negative consequences are waived and the grade engine counts the year. */
export async function faultToleranceRecorder(
  db: Database,
  actor: Actor,
  planId: number,
  input: { workerId: number; reason: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'assessment.decide')) throw forbidden();
  const reason = input.reason.trim();
  if (!reason) throw invalid('reason', '请填写容错纠错的理由');
  return db.transaction(async (tx) => {
    const plan = await planFor(tx, actor, planId, true);
    if (plan.status !== 'approved') throw conflict('考核结果审定后才能作容错纠错认定', 'PLAN_NOT_APPROVED');
    const entry = await assessmentRepository.entryOf(tx, planId, input.workerId, actor.scope);
    if (!entry)
      throw new DomainError('not_found', 'NOT_FOUND', '考核对象不在本方案或不在您的管辖范围内', [
        { field: 'workerId', message: '不在本考核方案或不在您的管辖范围内' },
      ]);
    if (entry.result !== 'basic' && entry.result !== 'fail')
      throw invalid('workerId', `只有“${plan.rules.labels.basic}”或“${plan.rules.labels.fail}”的结果可作容错纠错认定`);
    const fid = await assessmentRepository.insertFaultTolerance(tx, {
      planId,
      workerId: input.workerId,
      regionCode: entry.region_code,
      year: plan.year,
      reason,
      by: actor.name,
    });
    if (fid === null) throw conflict('该人员本年度已有容错纠错认定', 'FAULT_TOLERANCE_EXISTS', 'workerId');
    const waived = await assessmentRepository.waiveNegative(
      tx,
      planId,
      input.workerId,
      NEGATIVE_CONSEQUENCES,
      actor.name,
      `容错纠错：${reason}`,
    );
    await writeAudit(
      tx,
      actor,
      {
        action: 'assessment.fault_tolerance',
        entityType: 'assessment_fault_tolerance',
        entityId: fid,
        regionCode: entry.region_code,
        after: { planId, workerId: input.workerId, year: plan.year, result: entry.result, reason, waived },
      },
      ctx,
    );
    return { id: fid, workerId: input.workerId, name: entry.name, year: plan.year, reason, waived };
  });
}

/**
 * A worker's annual assessments, newest year first (the 考核 tab of the worker page): each year's result
 * under the labels frozen into that plan, the scores and the steps that gave the result, why a worker was
 * not rated, the consequences proposed or decided, and any 容错纠错 decision. Approved years count for the
 * grade (assessment-years.ts); a plan still open is shown as not yet approved, and only to offices that
 * read assessments — a worker sees their approved results only.
 */
export async function workerAssessmentReader(db: Database, actor: Actor, workerId: number) {
  if (!can(actor, 'worker.read')) throw forbidden();
  const w = await workerRepository.byIdInScope(db, actor.scope, workerId);
  if (!w || (actor.role === 'worker' && w.user_id !== Number(actor.id))) throw notFound('人员');
  const withOpen = can(actor, 'assessment.read');
  const [entries, consequences, tolerances] = await Promise.all([
    db.query<{
      year: number;
      plan_id: number;
      title: string;
      status: 'open' | 'approved';
      approved_at: Date | null;
      labels: Record<AssessmentResult, string>;
      rated: boolean;
      unrated_reason: string | null;
      political_quality: string | null;
      work_performance: string | null;
      resident_satisfaction: string | null;
      total: string | null;
      result: AssessmentResult | null;
      explanation: { steps?: { rule: string; text: string }[]; eligibility?: string } | null;
    }>(
      `select p.year, p.id as plan_id, p.title, p.status, p.approved_at, p.rules -> 'labels' as labels, e.rated, e.unrated_reason,
         e.political_quality, e.work_performance, e.resident_satisfaction, e.total, e.result, e.explanation
       from assessment_entry e join assessment_plan p on p.id = e.plan_id
       where e.worker_id = $1 and ($2 or p.status = 'approved') order by p.year desc`,
      [workerId, withOpen],
    ),
    db.query<{
      plan_id: number;
      kind: ConsequenceKind;
      reason: string;
      status: string;
      decided_at: Date | null;
      note: string | null;
    }>(
      'select plan_id, kind, reason, status, decided_at, note from assessment_consequence where worker_id = $1 order by id',
      [workerId],
    ),
    db.query<{ plan_id: number; reason: string; decided_at: Date }>(
      'select plan_id, reason, decided_at from assessment_fault_tolerance where worker_id = $1',
      [workerId],
    ),
  ]);
  return {
    workerId,
    items: entries.map((e) => ({
      year: e.year,
      planId: e.plan_id,
      planTitle: e.title,
      approved: e.status === 'approved',
      approvedAt: iso(e.approved_at),
      rated: e.rated,
      unratedReason: e.unrated_reason,
      scores:
        e.political_quality === null
          ? null
          : {
              politicalQuality: num(e.political_quality)!,
              workPerformance: num(e.work_performance)!,
              residentSatisfaction: num(e.resident_satisfaction)!,
            },
      total: num(e.total),
      result: e.result,
      resultLabel: e.result ? e.labels[e.result] : null,
      steps: e.explanation?.steps ?? [],
      consequences: consequences
        .filter((c) => c.plan_id === e.plan_id)
        .map((c) => ({
          kind: c.kind,
          kindLabel: CONSEQUENCE_LABELS[c.kind] ?? c.kind,
          reason: c.reason,
          status: c.status as 'proposed' | 'confirmed' | 'rejected' | 'waived',
          decidedAt: iso(c.decided_at),
          note: c.note,
        })),
      faultTolerance:
        tolerances
          .filter((f) => f.plan_id === e.plan_id)
          .map((f) => ({ reason: f.reason, decidedAt: iso(f.decided_at)! }))[0] ?? null,
    })),
  };
}
