/**
 * The worker life cycle (issue 6): probation due list and decision (F-PROBATION), statutory retirement
 * dates, the due-to-retire and retired lists (F-EXIT), and the yearly incentive eligibility of
 * community party secretaries with the evidence for each condition (F-INCENTIVE §5.13).
 */

import type { Database, Queryable } from '../db/database.js';
import { assessmentYearsOf } from '../db/repositories/assessment-years.js';
import { careRepository } from '../db/repositories/care.repository.js';
import { termRepository } from '../db/repositories/exit.repository.js';
import { type LifecycleWorkerRow, lifecycleRepository } from '../db/repositories/lifecycle.repository.js';
import { policyRepository, toPolicyDocument } from '../db/repositories/policy.repository.js';
import { workerRepository } from '../db/repositories/worker.repository.js';
import { addMonths, addYears, ageOn, chineseDate, isIsoDate } from '../domain/dates.js';
import { conflict, forbidden, invalid } from '../domain/errors.js';
import { termCompleted, termName } from '../domain/exit.js';
import { incentiveEligibility, PROBATION_STATES, probationStatus, retirementDate } from '../domain/lifecycle.js';
import { type Actor, can } from '../domain/permissions.js';
import { type Level, levelOfCode, PREFIX_LENGTH } from '../domain/region-code.js';
import { type Gender, type PeriodEnd, POSITIONS, type Position } from '../domain/worker-vocab.js';
import type { LifecyclePolicy, ResolvedPolicy } from '../policy/policy.schema.js';
import { requireSection } from '../policy/resolve.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { policyCache, policyDateForYear } from './policy.service.js';
import { regionInScope } from './region.service.js';
import {
  auditableWorker,
  currentPeriod,
  mayReveal,
  presentWorker,
  recordExit,
  todayOf,
  workerInScope,
} from './worker.service.js';

const prefixOf = (code: string) => code.slice(0, PREFIX_LENGTH[levelOfCode(code) as Level]);

/** The region asked about (the caller's own by default), checked to be inside the caller's scope. */
async function subtree(db: Queryable, actor: Actor, region: string | undefined) {
  const code = region ?? actor.regionCode;
  const r = await regionInScope(db, actor, code);
  return { code, name: r.name, prefix: prefixOf(code) };
}

/** The policies in force on `date` for every county of a subtree (cached per county). */
async function policiesOf(db: Queryable, code: string, date: string) {
  const docs = (await policyRepository.forRegionAndBelow(db, code, prefixOf(code))).map(toPolicyDocument);
  const at = policyCache(docs, date);
  return (regionCode: string): ResolvedPolicy => at(regionCode).policy;
}

const lifecycleOf = (p: ResolvedPolicy): LifecyclePolicy => requireSection(p, 'lifecycle');

const person = (w: LifecycleWorkerRow) => ({
  workerId: w.id,
  name: w.name,
  regionCode: w.region_code,
  regionName: w.region_name,
  streetName: w.street_name,
  position: w.position,
  positionName: POSITIONS[w.position as Position] ?? w.position,
});

// ---------------------------------------------------------------- F-PROBATION

/** Workers on probation in a region with the last day, days left and state; overdue and due soon first. */
export async function probationLister(
  db: Database,
  actor: Actor,
  input: { region?: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  const today = todayOf(ctx);
  const r = await subtree(db, actor, input.region);
  const policyAt = await policiesOf(db, r.code, today);
  const rows = await lifecycleRepository.onProbation(db, r.prefix);
  const items = rows.map((w) => {
    const s = probationStatus(w.hired_on, lifecycleOf(policyAt(w.region_code)).probation, today);
    return {
      ...person(w),
      startDate: w.hired_on,
      dueOn: s.dueOn,
      daysLeft: s.daysLeft,
      state: s.state,
      stateName: PROBATION_STATES[s.state],
      rule: s.rule,
      arithmetic: s.arithmetic,
    };
  });
  items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.workerId - b.workerId);
  return {
    regionCode: r.code,
    regionName: r.name,
    date: today,
    counts: {
      total: items.length,
      overdue: items.filter((i) => i.state === 'overdue').length,
      dueSoon: items.filter((i) => i.state === 'dueSoon').length,
    },
    items,
  };
}

/**
 * The end-of-probation decision: pass makes the worker regular (在岗) from the decision date; fail
 * ends the employment as 解聘 with the opinion as reason (the record stays, F-EXIT). One transaction,
 * one audit entry; a second decision is refused.
 */
export async function probationDecider(
  db: Database,
  actor: Actor,
  id: number,
  input: { result: string; date: string; opinion: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'probation.decide')) throw forbidden();
  const today = todayOf(ctx);
  if (input.result !== 'pass' && input.result !== 'fail')
    throw invalid('result', '考核结果应为 pass（合格，转为在岗）或 fail（不合格，解除聘用）');
  if (!isIsoDate(input.date)) throw invalid('date', '考核日期应为 YYYY-MM-DD 格式');
  if (input.date > today) throw invalid('date', '考核日期不能晚于今天');
  const opinion = input.opinion?.trim() ?? '';
  if (!opinion) throw invalid('opinion', '请填写考核意见');
  if (opinion.length > 500) throw invalid('opinion', '考核意见不能超过 500 字');
  return db.transaction(async (tx) => {
    // Locked: one decision per probation, and no edit of the record in between (see lockedWorker).
    const before = await workerInScope(tx, actor, id, true);
    if (before.status !== 'probation') throw conflict('该人员不在试用期', 'NOT_ON_PROBATION');
    if (input.date < before.hired_on) throw invalid('date', `考核日期不能早于入职日期 ${before.hired_on}`);
    const policy = (await policiesOf(tx, `${before.region_code.slice(0, 6)}000000`, input.date))(before.region_code);
    const status = probationStatus(before.hired_on, lifecycleOf(policy).probation, input.date);
    await lifecycleRepository.insertProbationReview(tx, {
      worker_id: id,
      region_code: before.region_code,
      result: input.result as 'pass' | 'fail',
      decided_on: input.date,
      due_on: status.dueOn,
      opinion,
      decided_by: actor.name,
    });
    if (input.result === 'pass')
      await tx.query(`update worker set status = 'active', updated_at = now() where id = $1`, [id]);
    else await recordExit(tx, id, await currentPeriod(tx, id), 'dismissal', input.date, `试用期考核不合格：${opinion}`);
    const after = (await workerRepository.byIdInScope(tx, actor.scope, id))!;
    await writeAudit(
      tx,
      actor,
      {
        action: 'worker.probation',
        entityType: 'worker',
        entityId: id,
        regionCode: after.region_code,
        before: auditableWorker(before),
        after: {
          ...auditableWorker(after),
          probation: { result: input.result, date: input.date, dueOn: status.dueOn, opinion },
        },
      },
      ctx,
    );
    return {
      worker: presentWorker(after, mayReveal(actor), today),
      decision: {
        result: input.result as 'pass' | 'fail',
        date: input.date,
        dueOn: status.dueOn,
        opinion,
        decidedBy: actor.name,
        early: input.date < status.dueOn,
      },
    };
  });
}

// ---------------------------------------------------------------- F-EXIT retirement

/** One worker's statutory retirement date with the rule and arithmetic. */
export async function workerRetirementReader(db: Database, actor: Actor, id: number, ctx: RequestContext = {}) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  const today = todayOf(ctx);
  const w = await workerInScope(db, actor, id);
  const policy = (await policiesOf(db, `${w.region_code.slice(0, 6)}000000`, today))(w.region_code);
  const r = retirementDate(w.birth_date, w.gender as Gender, lifecycleOf(policy).retirement);
  return { workerId: id, name: w.name, birthDate: w.birth_date, gender: w.gender, status: w.status, ...r };
}

/**
 * Serving workers who reach retirement age by `within` months from today (the policy's reminder by
 * default), and those already past it who are still serving. SQL narrows by birth date (no one younger
 * than the lowest base age minus the window can qualify); the date itself is the policy's rule.
 */
export async function retirementLister(
  db: Database,
  actor: Actor,
  input: { region?: string; months?: number },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  const today = todayOf(ctx);
  const r = await subtree(db, actor, input.region);
  const policyAt = await policiesOf(db, r.code, today);
  const own = lifecycleOf(policyAt(r.code.slice(0, 6).padEnd(12, '0')));
  const months = input.months ?? own.retirement.reminderMonths;
  const until = addMonths(today, months);
  const minBase = Math.min(own.retirement.male.baseAgeYears, own.retirement.female.baseAgeYears);
  const rows = await lifecycleRepository.servingBornBy(db, r.prefix, addYears(until, -minBase));
  const items = [];
  for (const w of rows) {
    const ret = retirementDate(w.birth_date, w.gender, lifecycleOf(policyAt(w.region_code)).retirement);
    if (ret.date > until) continue;
    items.push({
      ...person(w),
      birthDate: w.birth_date,
      gender: w.gender,
      age: ageOn(w.birth_date, today),
      retirementDate: ret.date,
      overdue: ret.date <= today,
      arithmetic: ret.arithmetic,
    });
  }
  items.sort((a, b) => a.retirementDate.localeCompare(b.retirementDate) || a.workerId - b.workerId);
  return {
    regionCode: r.code,
    regionName: r.name,
    date: today,
    until,
    months,
    rule: retirementDate('1970-01-01', 'male', own.retirement).rule,
    items,
  };
}

/** The retired-workers list (F-CARE care for the retired starts from it). */
export async function retiredLister(
  db: Database,
  actor: Actor,
  input: { region?: string; from?: string; to?: string },
) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  if (input.from !== undefined && !isIsoDate(input.from)) throw invalid('from', '开始日期应为 YYYY-MM-DD 格式');
  if (input.to !== undefined && !isIsoDate(input.to)) throw invalid('to', '结束日期应为 YYYY-MM-DD 格式');
  if (input.from && input.to && input.from > input.to) throw invalid('from', '开始日期不能晚于结束日期');
  const r = await subtree(db, actor, input.region);
  const rows = await lifecycleRepository.retired(db, r.prefix, input.from ?? null, input.to ?? null);
  return {
    regionCode: r.code,
    regionName: r.name,
    items: rows.map((w) => ({
      ...person(w),
      birthDate: w.birth_date,
      gender: w.gender,
      exitDate: w.exit_date as string,
      ageAtExit: ageOn(w.birth_date, w.exit_date as string),
      reason: w.exit_reason ?? '',
    })),
  };
}

// ---------------------------------------------------------------- F-INCENTIVE

/**
 * The year's secretaries and whether each is eligible for a public-institution post, with the
 * evidence for each condition. The date is today for the current year, 31 December for a past one.
 */
export async function incentiveLister(
  db: Database,
  actor: Actor,
  input: { region?: string; year?: number },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  const today = todayOf(ctx);
  const year = input.year ?? +today.slice(0, 4);
  if (year > +today.slice(0, 4)) throw invalid('year', '不能评估将来的年度');
  const date = policyDateForYear(year, today);
  const r = await subtree(db, actor, input.region);
  const policyAt = await policiesOf(db, r.code, date);
  const own = policyAt(r.code.slice(0, 6).padEnd(12, '0'));
  const incentive = requireSection(own, 'incentive');
  const rules = lifecycleOf(own).incentiveRules;
  const rows = await lifecycleRepository.servingInPositions(db, r.prefix, incentive.positions);
  const ids = rows.map((w) => w.id);
  const [history, assessments, honourRows, termRows] = await Promise.all([
    lifecycleRepository.historyOf(db, ids),
    assessmentYearsOf(db, ids),
    careRepository.honoursOf(db, ids),
    termRepository.termsOfWorkers(db, ids),
  ]);
  // Terms register (届): completed terms served as secretary, as evidence beside the position rows.
  const registered = new Map<number, { name: string; electedOn: string; closedOn: string }[]>();
  for (const t of termRows) {
    if (
      !incentive.positions.includes(t.position as Position) ||
      !termCompleted({ closedOn: t.closed_on, closeReason: t.close_reason }) ||
      (t.closed_on as string) > date
    )
      continue;
    const id = Number(t.worker_id);
    registered.set(id, [
      ...(registered.get(id) ?? []),
      { name: `${t.region_name}${termName(t.term_number)}`, electedOn: t.elected_on, closedOn: t.closed_on as string },
    ]);
  }
  const honours = new Map<number, string[]>();
  for (const h of honourRows)
    honours.set(h.worker_id, [
      ...(honours.get(h.worker_id) ?? []),
      `${chineseDate(h.done_on)} ${h.kind === 'candidacy' ? '推荐为' : '获'}${h.title}`,
    ]);
  const periods = group(history.periods);
  const positions = group(history.positions);
  const items = rows.map((w) => {
    const p = policyAt(w.region_code);
    const res = incentiveEligibility(
      {
        position: w.position as Position,
        status: w.status as 'active',
        provinceCode: w.region_code.slice(0, 2),
        periods: (periods.get(w.id) ?? []).map((x) => ({
          regionCode: x.region_code,
          startDate: x.start_date,
          endDate: x.end_date,
          endType: x.end_type as PeriodEnd | null,
        })),
        positions: (positions.get(w.id) ?? []).map((x) => ({
          position: x.position as Position,
          startDate: x.start_date,
          endDate: x.end_date,
          term: x.term,
        })),
        assessments: assessments.get(w.id) ?? [],
        registeredTerms: registered.get(Number(w.id)) ?? [],
      },
      requireSection(p, 'incentive'),
      lifecycleOf(p).incentiveRules,
      date,
      year,
    );
    return {
      ...person(w),
      eligible: res.eligible,
      continuousText: res.continuousText,
      fullTerms: res.fullTerms,
      conditions: res.conditions,
      honours: honours.get(w.id) ?? [],
    };
  });
  return {
    regionCode: r.code,
    regionName: r.name,
    year,
    date,
    rule: `${chineseDate(date)}：现任${incentive.positions.map((x) => POSITIONS[x]).join('或')}，连续从事社区工作满 ${incentive.secretaryYears} 年${incentive.fullTermRequired ? `，至少任满一届书记（${rules.fullTermYears} 年）` : ''}，近 ${rules.assessmentYears} 个年度考核至少 ${rules.minExcellent} 次优秀且无不称职（F-INCENTIVE《意见》第13条）`,
    counts: { secretaries: items.length, eligible: items.filter((i) => i.eligible).length },
    items,
  };
}

function group<T extends { worker_id: number }>(rows: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const list = m.get(r.worker_id);
    if (list) list.push(r);
    else m.set(r.worker_id, [r]);
  }
  return m;
}
