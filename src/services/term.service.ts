/**
 * The terms (届) register (F-FILING "terms served", issue 6): per community, 第N届 with the election
 * date, the due end (`lifecycle.incentiveRules.fullTermYears` after it), the members with their
 * elected positions, and how it closed (换届届满 or 提前结束). A closed-by-election term is the
 * registered evidence of a full term in the secretary incentive (lifecycle.service.ts).
 */
import type { Database, Queryable } from '../db/database.js';
import { type TermMemberRow, type TermRow, termRepository } from '../db/repositories/exit.repository.js';
import { rowLockRepository } from '../db/repositories/row-lock.repository.js';
import { chineseDate, isIsoDate } from '../domain/dates.js';
import { conflict, forbidden, invalid, notFound } from '../domain/errors.js';
import { TERM_CLOSE_REASONS, type TermCloseReason, termCompleted, termEndOf, termName } from '../domain/exit.js';
import { type Actor, can } from '../domain/permissions.js';
import { type Level, levelOfCode, PREFIX_LENGTH } from '../domain/region-code.js';
import { ELECTED_POSITIONS, POSITIONS, type Position } from '../domain/worker-vocab.js';
import { requireSection, resolvePolicy } from '../policy/resolve.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { documentsFor } from './policy.service.js';
import { regionInScope } from './region.service.js';
import { todayOf, workerInScope } from './worker.service.js';

const prefixOf = (code: string) => code.slice(0, PREFIX_LENGTH[levelOfCode(code) as Level]);

function checkDate(v: unknown, today: string, field: string, what: string): string {
  if (!isIsoDate(v)) throw invalid(field, `${what}应为 YYYY-MM-DD 格式`);
  if (v > today) throw invalid(field, `${what}不能晚于今天`);
  return v;
}

const presentTerm = (t: TermRow, members: TermMemberRow[]) => ({
  id: Number(t.id),
  regionCode: t.region_code,
  regionName: t.region_name,
  termNumber: t.term_number,
  termName: termName(t.term_number),
  electedOn: t.elected_on,
  endsOn: t.ends_on,
  closedOn: t.closed_on,
  closeReason: t.close_reason as TermCloseReason | null,
  closeReasonName: t.close_reason ? TERM_CLOSE_REASONS[t.close_reason as TermCloseReason] : null,
  closeNote: t.close_note,
  completed: termCompleted({ closedOn: t.closed_on, closeReason: t.close_reason }),
  createdBy: t.created_by,
  members: members
    .filter((m) => Number(m.term_id) === Number(t.id))
    .map((m) => ({
      id: Number(m.id),
      workerId: Number(m.worker_id),
      name: m.name,
      position: m.position,
      positionName: POSITIONS[m.position as Position] ?? m.position,
      workerStatus: m.worker_status,
    })),
});

async function presentOne(db: Queryable, actor: Actor, id: number) {
  const t = (await termRepository.inScope(db, actor.scope, id))!;
  return presentTerm(t, await termRepository.members(db, [id]));
}

/** Terms of a region (the caller's own by default) or of one worker, newest first per community. */
export async function termLister(db: Database, actor: Actor, input: { region?: string; workerId?: number }) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  const code = input.region ?? actor.regionCode;
  const r = await regionInScope(db, actor, code);
  if (input.workerId !== undefined) await workerInScope(db, actor, input.workerId);
  const rows = await termRepository.list(db, prefixOf(code), input.workerId ?? null);
  const members = await termRepository.members(
    db,
    rows.map((t) => Number(t.id)),
  );
  return { regionCode: code, regionName: r.name, items: rows.map((t) => presentTerm(t, members)) };
}

/** Registers a term of a community; the due end follows the policy's term length. One open term per community. */
export async function termCreator(
  db: Database,
  actor: Actor,
  input: { regionCode: string; termNumber: number; electedOn: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'term.manage')) throw forbidden();
  const today = todayOf(ctx);
  if (!Number.isInteger(input.termNumber) || input.termNumber < 1 || input.termNumber > 99)
    throw invalid('termNumber', '届次应为 1 到 99 的整数');
  const electedOn = checkDate(input.electedOn, today, 'electedOn', '选举日期');
  const r = await regionInScope(db, actor, input.regionCode);
  if (r.level !== 'community') throw invalid('regionCode', '届次登记在社区（村）一级');
  const { documents } = await documentsFor(db, r.code);
  // the term length in force today (a term registered late, e.g. 2016, predates the policy documents)
  const years = requireSection(resolvePolicy(documents, r.code, today).policy, 'lifecycle').incentiveRules
    .fullTermYears;
  return db.transaction(async (tx) => {
    // Locked: two registrations at once would both find no open term.
    await rowLockRepository.lock(tx, 'region', r.code);
    if (await termRepository.byNumber(tx, r.code, input.termNumber))
      throw conflict(`${r.name}${termName(input.termNumber)}已登记`, 'TERM_EXISTS', 'termNumber');
    if (await termRepository.openTerm(tx, r.code))
      throw conflict('该社区上一届尚未结束，请先登记换届或提前结束', 'TERM_OPEN');
    const endsOn = termEndOf(electedOn, years);
    const id = await termRepository.insert(tx, {
      regionCode: r.code,
      number: input.termNumber,
      electedOn,
      endsOn,
      by: actor.name,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'term.create',
        entityType: 'community_term',
        entityId: id,
        regionCode: r.code,
        after: { termNumber: input.termNumber, electedOn, endsOn, fullTermYears: years },
      },
      ctx,
    );
    return presentOne(tx, actor, id);
  });
}

/** Closes a term: by the next election (换届届满, counts as a full term) or early (with a note). */
export async function termCloser(
  db: Database,
  actor: Actor,
  id: number,
  input: { closedOn: string; reason: string; note?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'term.manage')) throw forbidden();
  const today = todayOf(ctx);
  if (!(input.reason in TERM_CLOSE_REASONS))
    throw invalid('reason', '结束方式应为 election（换届）或 early（提前结束）');
  const closedOn = checkDate(input.closedOn, today, 'closedOn', '结束日期');
  const note = typeof input.note === 'string' && input.note.trim() ? input.note.trim().slice(0, 500) : null;
  if (input.reason === 'early' && !note) throw invalid('note', '提前结束须写明原因');
  return db.transaction(async (tx) => {
    const t = await termRepository.inScope(tx, actor.scope, id);
    if (!t) throw notFound('届次');
    await termRepository.lock(tx, id);
    if (t.closed_on) throw conflict('该届已结束', 'TERM_CLOSED');
    if (closedOn <= t.elected_on) throw invalid('closedOn', `结束日期应晚于选举日期 ${chineseDate(t.elected_on)}`);
    await termRepository.close(tx, id, closedOn, input.reason, note);
    await writeAudit(
      tx,
      actor,
      {
        action: 'term.close',
        entityType: 'community_term',
        entityId: id,
        regionCode: t.region_code,
        before: { closedOn: null },
        after: { closedOn, reason: input.reason, note },
      },
      ctx,
    );
    return presentOne(tx, actor, id);
  });
}

/** Adds a member (a worker of that community, in an elected position) to a term. */
export async function termMemberAdder(
  db: Database,
  actor: Actor,
  id: number,
  input: { workerId: number; position: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'term.manage')) throw forbidden();
  if (!ELECTED_POSITIONS.includes(input.position as Position))
    throw invalid('position', `职务应为 ${ELECTED_POSITIONS.map((p) => POSITIONS[p]).join('、')} 之一`);
  return db.transaction(async (tx) => {
    const t = await termRepository.inScope(tx, actor.scope, id);
    if (!t) throw notFound('届次');
    // Locked: the same person added twice at once would both pass the membership check.
    const w = await workerInScope(tx, actor, input.workerId, true);
    if (w.region_code !== t.region_code) {
      // a member who has since moved keeps the term; the record must have worked in that community
      if (!(await termRepository.workedIn(tx, w.id, t.region_code)))
        throw invalid('workerId', `${w.name}没有在${t.region_name}任职的记录`);
    }
    if (await termRepository.activeMember(tx, id, w.id))
      throw conflict(`${w.name}已在本届成员中`, 'TERM_MEMBER_EXISTS', 'workerId');
    const memberId = await termRepository.addMember(tx, {
      termId: id,
      workerId: w.id,
      position: input.position,
      by: actor.name,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'term.member.add',
        entityType: 'community_term',
        entityId: id,
        regionCode: t.region_code,
        after: { memberId, workerId: w.id, position: input.position },
      },
      ctx,
    );
    return presentOne(tx, actor, id);
  });
}

/** Removes a member entered by mistake: the row is kept with who removed it and when. */
export async function termMemberRemover(
  db: Database,
  actor: Actor,
  id: number,
  memberId: number,
  ctx: RequestContext = {},
) {
  if (!can(actor, 'term.manage')) throw forbidden();
  return db.transaction(async (tx) => {
    const t = await termRepository.inScope(tx, actor.scope, id);
    if (!t) throw notFound('届次');
    await termRepository.lock(tx, id);
    const m = (await termRepository.members(tx, [id])).find((x) => Number(x.id) === memberId);
    if (!m) throw notFound('届次成员');
    await termRepository.removeMember(tx, memberId, actor.name);
    await writeAudit(
      tx,
      actor,
      {
        action: 'term.member.remove',
        entityType: 'community_term',
        entityId: id,
        regionCode: t.region_code,
        before: { memberId, workerId: Number(m.worker_id), position: m.position },
      },
      ctx,
    );
    return presentOne(tx, actor, id);
  });
}
