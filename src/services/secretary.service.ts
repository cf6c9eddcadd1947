/**
 * Community party secretaries (issue 6): filing with the county organization department (F-FILING
 * §4.9 — submit, review, filed or returned with the reason; the unfiled listed), terms (届) served, and
 * the reserve talent pool (F-RESERVE §2.2 — nominate, track, select or remove).
 */
import type { Database, Queryable } from '../db/database.js';
import { rowLockRepository } from '../db/repositories/row-lock.repository.js';
import { secretaryRepository } from '../db/repositories/secretary.repository.js';
import { isIsoDate } from '../domain/dates.js';
import { conflict, forbidden, invalid, notFound } from '../domain/errors.js';
import { type Actor, can } from '../domain/permissions.js';
import { type Level, levelOfCode, PREFIX_LENGTH } from '../domain/region-code.js';
import { POSITIONS, type Position } from '../domain/worker-vocab.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { regionInScope } from './region.service.js';
import { todayOf, workerInScope } from './worker.service.js';

/** 社区党组织书记 positions: the secretary and the 一肩挑 secretary-director. */
export const SECRETARY_POSITIONS: Position[] = ['secretary', 'secretaryDirector'];
export const FILING_STATES = {
  unfiled: '未备案',
  submitted: '已报送待审核',
  filed: '已备案',
  returned: '已退回',
} as const;
export type FilingState = keyof typeof FILING_STATES;

const prefixOf = (code: string) => code.slice(0, PREFIX_LENGTH[levelOfCode(code) as Level]);

function checkDate(v: unknown, today: string, field = 'date'): string {
  if (!isIsoDate(v)) throw invalid(field, '日期应为 YYYY-MM-DD 格式');
  if (v > today) throw invalid(field, '日期不能晚于今天');
  return v;
}
const requiredText = (v: unknown, field: string, what: string): string => {
  const t = typeof v === 'string' ? v.trim() : '';
  if (!t) throw invalid(field, `请填写${what}`);
  if (t.length > 500) throw invalid(field, `${what}不能超过 500 字`);
  return t;
};

/** The filing dashboard: every serving secretary with the state of their current appointment's filing. */
export async function filingLister(db: Database, actor: Actor, input: { region?: string }) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  const code = input.region ?? actor.regionCode;
  const r = await regionInScope(db, actor, code);
  const rows = await secretaryRepository.secretaries(db, prefixOf(code), SECRETARY_POSITIONS);
  const items = rows.map((x) => {
    const state = (x.filing_status ?? 'unfiled') as FilingState;
    return {
      workerId: x.worker_id,
      name: x.name,
      regionCode: x.region_code,
      regionName: x.region_name,
      streetName: x.street_name,
      position: x.position,
      positionName: POSITIONS[x.position as Position] ?? x.position,
      positionStart: x.position_start,
      term: x.term,
      termsServed: x.terms_served,
      filingId: x.filing_id,
      state,
      stateName: FILING_STATES[state],
      submittedOn: x.submitted_on,
      reviewedOn: x.reviewed_on,
      returnReason: x.return_reason,
    };
  });
  const count = (s: FilingState) => items.filter((i) => i.state === s).length;
  return {
    regionCode: code,
    regionName: r.name,
    counts: {
      secretaries: items.length,
      unfiled: count('unfiled'),
      submitted: count('submitted'),
      filed: count('filed'),
      returned: count('returned'),
    },
    items,
  };
}

/** The street (or county) submits the current secretary appointment for filing; again after a return. */
export async function filingSubmitter(
  db: Database,
  actor: Actor,
  workerId: number,
  input: { date: string; note?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'filing.submit')) throw forbidden();
  const date = checkDate(input.date, todayOf(ctx));
  return db.transaction(async (tx) => {
    // Locked: a concurrent position change or a second submission waits (one filing per term of office).
    const w = await workerInScope(tx, actor, workerId, true);
    if (w.status === 'exited' || !SECRETARY_POSITIONS.includes(w.position as Position))
      throw conflict('只有在任的社区党组织书记需要备案', 'NOT_A_SECRETARY');
    const pos = await secretaryRepository.currentPosition(tx, workerId);
    if (!pos) throw conflict('没有现任职务记录', 'NOT_A_SECRETARY');
    const last = await secretaryRepository.latestFiling(tx, pos.id);
    if (last && last.status !== 'returned')
      throw conflict(last.status === 'filed' ? '本次任职已备案' : '已报送，等待组织部门审核', 'FILING_EXISTS');
    const id = await secretaryRepository.insertFiling(tx, {
      workerId,
      positionId: pos.id,
      regionCode: w.region_code,
      date,
      by: actor.name,
      note: input.note?.trim() || null,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'secretary.filing.submit',
        entityType: 'secretary_filing',
        entityId: id,
        regionCode: w.region_code,
        after: { workerId, positionId: pos.id, date, note: input.note ?? null },
      },
      ctx,
    );
    return presentFiling(tx, actor, id);
  });
}

/** The county organization department files or returns (with the reason) a submitted filing. */
export async function filingReviewer(
  db: Database,
  actor: Actor,
  id: number,
  input: { result: string; date: string; reason?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'filing.review')) throw forbidden();
  if (input.result !== 'filed' && input.result !== 'returned')
    throw invalid('result', '审核结果应为 filed（予以备案）或 returned（退回）');
  const date = checkDate(input.date, todayOf(ctx));
  const reason = input.result === 'returned' ? requiredText(input.reason, 'reason', '退回原因') : null;
  return db.transaction(async (tx) => {
    // Locked: a second review at once waits and then finds this one decided.
    await rowLockRepository.lock(tx, 'secretary_filing', id);
    const f = await secretaryRepository.filingInScope(tx, actor.scope, id);
    if (!f) throw notFound('备案');
    if (f.status !== 'submitted') throw conflict('该备案已审核', 'FILING_REVIEWED');
    if (date < f.submitted_on) throw invalid('date', `审核日期不能早于报送日期 ${f.submitted_on}`);
    await secretaryRepository.reviewFiling(tx, id, input.result as 'filed' | 'returned', date, actor.name, reason);
    await writeAudit(
      tx,
      actor,
      {
        action: 'secretary.filing.review',
        entityType: 'secretary_filing',
        entityId: id,
        regionCode: f.region_code,
        before: { status: f.status },
        after: { status: input.result, date, reason },
      },
      ctx,
    );
    return presentFiling(tx, actor, id);
  });
}

async function presentFiling(db: Queryable, actor: Actor, id: number) {
  const f = (await secretaryRepository.filingInScope(db, actor.scope, id))!;
  return {
    id: f.id,
    workerId: f.worker_id,
    status: f.status,
    stateName: FILING_STATES[f.status],
    submittedOn: f.submitted_on,
    submittedBy: f.submitted_by,
    note: f.note,
    reviewedOn: f.reviewed_on,
    reviewedBy: f.reviewed_by,
    returnReason: f.return_reason,
  };
}

// ---------------------------------------------------------------- F-RESERVE

export const RESERVE_STATES = { nominated: '培养中', selected: '已选任', removed: '已调出' } as const;

export async function reserveLister(db: Database, actor: Actor, input: { region?: string }) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  const code = input.region ?? actor.regionCode;
  const r = await regionInScope(db, actor, code);
  const rows = await secretaryRepository.reserve(db, prefixOf(code));
  return {
    regionCode: code,
    regionName: r.name,
    items: rows.map((c) => ({
      id: c.id,
      workerId: c.worker_id,
      name: c.name,
      regionCode: c.region_code,
      regionName: c.region_name,
      positionName: POSITIONS[c.position as Position] ?? c.position,
      status: c.status,
      stateName: RESERVE_STATES[c.status],
      nominatedOn: c.nominated_on,
      nominatedBy: c.nominated_by,
      reason: c.reason,
      decidedOn: c.decided_on,
      decidedBy: c.decided_by,
      decisionNote: c.decision_note,
    })),
  };
}

/** Nominates a serving worker (usually excellent full-time staff) to the reserve pool. */
export async function reserveNominator(
  db: Database,
  actor: Actor,
  workerId: number,
  input: { date: string; reason: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'reserve.manage')) throw forbidden();
  const date = checkDate(input.date, todayOf(ctx));
  const reason = requiredText(input.reason, 'reason', '推荐理由');
  return db.transaction(async (tx) => {
    // Locked: two nominations of one person at once would both find no open one.
    const w = await workerInScope(tx, actor, workerId, true);
    if (w.status === 'exited') throw conflict('已离岗人员不能列入后备人才库', 'WORKER_EXITED');
    if (SECRETARY_POSITIONS.includes(w.position as Position))
      throw conflict('该人员已任社区党组织书记', 'ALREADY_SECRETARY');
    if (await secretaryRepository.openNomination(tx, workerId))
      throw conflict('该人员已在后备人才库中', 'ALREADY_IN_RESERVE');
    const id = await secretaryRepository.insertReserve(tx, {
      workerId,
      regionCode: w.region_code,
      date,
      by: actor.name,
      reason,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'reserve.nominate',
        entityType: 'reserve_candidate',
        entityId: id,
        regionCode: w.region_code,
        after: { workerId, date, reason },
      },
      ctx,
    );
    return { id, status: 'nominated' as const };
  });
}

/** Closes a nomination: selected (became secretary) or removed, with a note. */
export async function reserveDecider(
  db: Database,
  actor: Actor,
  id: number,
  input: { status: string; date: string; note?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'reserve.manage')) throw forbidden();
  if (input.status !== 'selected' && input.status !== 'removed')
    throw invalid('status', '结论应为 selected（已选任）或 removed（调出）');
  const date = checkDate(input.date, todayOf(ctx));
  const note = input.status === 'removed' ? requiredText(input.note, 'note', '调出原因') : input.note?.trim() || null;
  return db.transaction(async (tx) => {
    // Locked: a second decision at once waits and then finds this one taken.
    await rowLockRepository.lock(tx, 'reserve_candidate', id);
    const c = await secretaryRepository.reserveInScope(tx, actor.scope, id);
    if (!c) throw notFound('后备人选');
    if (c.status !== 'nominated') throw conflict('该人选已有结论', 'RESERVE_DECIDED');
    await secretaryRepository.decideReserve(tx, id, input.status as 'selected' | 'removed', date, actor.name, note);
    await writeAudit(
      tx,
      actor,
      {
        action: 'reserve.decide',
        entityType: 'reserve_candidate',
        entityId: id,
        regionCode: c.region_code,
        before: { status: c.status },
        after: { status: input.status, date, note },
      },
      ctx,
    );
    return { id, status: input.status as 'selected' | 'removed' };
  });
}
