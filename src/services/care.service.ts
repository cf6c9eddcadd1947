/**
 * Care and supervision records (F-CARE §5.14, F-SUPERVISE §4.11, honours of F-INCENTIVE §5.13) and
 * cadres sent to communities (F-CADRE §2.3, kept apart from workers: never in the headcount).
 * Health checks are due when scheduled and not done by today; difficulties are open until resolved.
 */
import type { Database } from '../db/database.js';
import { type CareRow, careRepository } from '../db/repositories/care.repository.js';
import { regionRepository } from '../db/repositories/region.repository.js';
import { rowLockRepository } from '../db/repositories/row-lock.repository.js';
import { isIsoDate } from '../domain/dates.js';
import { conflict, forbidden, invalid, notFound, outOfScope } from '../domain/errors.js';
import { maskIdNumber, validateIdNumber } from '../domain/id-number.js';
import { type Actor, can, canSeeRegion } from '../domain/permissions.js';
import { type Level, levelOfCode, PREFIX_LENGTH } from '../domain/region-code.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { regionInScope } from './region.service.js';
import { todayOf, workerInScope } from './worker.service.js';

export const CARE_KINDS = {
  talk: '谈心谈话',
  audit: '经济责任审计',
  healthCheck: '健康体检',
  holidayVisit: '节日慰问',
  difficulty: '困难诉求',
  honour: '表彰奖励',
  candidacy: '代表委员人选推荐',
} as const;
export type CareKind = keyof typeof CARE_KINDS;
export const CADRE_KINDS = {
  attachment: '挂职',
  appointment: '任职',
  newCivilServant: '新录用公务员社区锻炼',
} as const;

const prefixOf = (code: string) => code.slice(0, PREFIX_LENGTH[levelOfCode(code) as Level]);
const optDate = (v: unknown, field: string): string | null => {
  if (v === undefined || v === null || v === '') return null;
  if (!isIsoDate(v)) throw invalid(field, '日期应为 YYYY-MM-DD 格式');
  return v;
};

function careState(c: CareRow, today: string): { state: 'open' | 'overdue' | 'done'; stateName: string } {
  if (c.kind === 'difficulty')
    return c.resolved_on ? { state: 'done', stateName: '已解决' } : { state: 'open', stateName: '待解决' };
  if (c.done_on) return { state: 'done', stateName: '已完成' };
  return c.scheduled_on && c.scheduled_on < today
    ? { state: 'overdue', stateName: '已逾期' }
    : { state: 'open', stateName: '待办' };
}

const present = (c: CareRow, today: string) => ({
  id: c.id,
  workerId: c.worker_id,
  name: c.name,
  regionCode: c.region_code,
  regionName: c.region_name,
  kind: c.kind as CareKind,
  kindName: CARE_KINDS[c.kind as CareKind],
  title: c.title,
  scheduledOn: c.scheduled_on,
  doneOn: c.done_on,
  summary: c.summary,
  response: c.response,
  resolvedOn: c.resolved_on,
  createdBy: c.created_by,
  ...careState(c, today),
});

export async function careLister(
  db: Database,
  actor: Actor,
  input: { region?: string; kind?: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  if (input.kind !== undefined && !(input.kind in CARE_KINDS))
    throw invalid('kind', `类别应为 ${Object.keys(CARE_KINDS).join('、')} 之一`);
  const code = input.region ?? actor.regionCode;
  await regionInScope(db, actor, code);
  const today = todayOf(ctx);
  const items = (await careRepository.list(db, prefixOf(code), input.kind ?? null)).map((c) => present(c, today));
  return {
    counts: {
      overdueHealthChecks: items.filter((i) => i.kind === 'healthCheck' && i.state === 'overdue').length,
      openDifficulties: items.filter((i) => i.kind === 'difficulty' && i.state === 'open').length,
    },
    items,
  };
}

export async function careCreator(
  db: Database,
  actor: Actor,
  workerId: number,
  input: { kind: string; title: string; scheduledOn?: string | null; doneOn?: string | null; summary?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'care.manage')) throw forbidden();
  if (!(input.kind in CARE_KINDS)) throw invalid('kind', `类别应为 ${Object.keys(CARE_KINDS).join('、')} 之一`);
  const title = input.title?.trim() ?? '';
  if (!title) throw invalid('title', '请填写事项');
  const today = todayOf(ctx);
  const scheduledOn = optDate(input.scheduledOn, 'scheduledOn');
  const doneOn = optDate(input.doneOn, 'doneOn');
  if (!scheduledOn && !doneOn)
    throw invalid(
      input.kind === 'healthCheck' ? 'scheduledOn' : 'doneOn',
      input.kind === 'healthCheck' ? '请填写体检安排日期' : '请填写日期',
    );
  if (doneOn && doneOn > today) throw invalid('doneOn', '完成日期不能晚于今天');
  if (input.kind === 'audit') {
    const w = await workerInScope(db, actor, workerId);
    if (!['secretary', 'director', 'secretaryDirector'].includes(w.position))
      throw invalid('kind', '经济责任审计的对象是社区党组织书记和居委会主任');
  }
  return db.transaction(async (tx) => {
    const w = await workerInScope(tx, actor, workerId);
    const id = await careRepository.insert(tx, {
      workerId,
      regionCode: w.region_code,
      kind: input.kind,
      title,
      scheduledOn,
      doneOn,
      summary: input.summary?.trim() || null,
      by: actor.name,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'care.create',
        entityType: 'care_record',
        entityId: id,
        regionCode: w.region_code,
        after: { workerId, ...input, title },
      },
      ctx,
    );
    return present((await careRepository.inScope(tx, actor.scope, id))!, today);
  });
}

/** Marks a scheduled item done, or records the response to a difficulty and when it was resolved. */
export async function careUpdater(
  db: Database,
  actor: Actor,
  id: number,
  input: { doneOn?: string | null; response?: string | null; resolvedOn?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'care.manage')) throw forbidden();
  const today = todayOf(ctx);
  const doneOn = optDate(input.doneOn, 'doneOn');
  const resolvedOn = optDate(input.resolvedOn, 'resolvedOn');
  if (doneOn && doneOn > today) throw invalid('doneOn', '完成日期不能晚于今天');
  if (resolvedOn && resolvedOn > today) throw invalid('resolvedOn', '解决日期不能晚于今天');
  return db.transaction(async (tx) => {
    // Locked: a second answer at once would both pass the "not yet resolved" check.
    await rowLockRepository.lock(tx, 'care_record', id);
    const c = await careRepository.inScope(tx, actor.scope, id);
    if (!c) throw notFound('记录');
    if (resolvedOn && c.kind !== 'difficulty') throw invalid('resolvedOn', '只有困难诉求有解决日期');
    if (resolvedOn && !(input.response?.trim() || c.response)) throw invalid('response', '请先填写答复或处理情况');
    if (c.kind === 'difficulty' && c.resolved_on) throw conflict('该诉求已解决', 'CARE_CLOSED');
    await careRepository.update(tx, id, { doneOn, response: input.response?.trim() || null, resolvedOn });
    const after = (await careRepository.inScope(tx, actor.scope, id))!;
    await writeAudit(
      tx,
      actor,
      {
        action: 'care.update',
        entityType: 'care_record',
        entityId: id,
        regionCode: c.region_code,
        before: present(c, today),
        after: present(after, today),
      },
      ctx,
    );
    return present(after, today);
  });
}

export async function cadreLister(db: Database, actor: Actor, input: { region?: string }) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  const code = input.region ?? actor.regionCode;
  await regionInScope(db, actor, code);
  return {
    note: '下派干部和新录用公务员的社区锻炼单独登记，不计入社区工作者人数（F-CADRE）',
    items: (await careRepository.cadres(db, prefixOf(code))).map((c) => ({
      id: c.id,
      regionCode: c.region_code,
      regionName: c.region_name,
      name: c.name,
      idNumber: maskIdNumber(c.id_number),
      homeUnit: c.home_unit,
      kind: c.kind,
      kindName: CADRE_KINDS[c.kind],
      role: c.role,
      startDate: c.start_date,
      endDate: c.end_date,
    })),
  };
}

export async function cadreCreator(
  db: Database,
  actor: Actor,
  input: {
    regionCode: string;
    name: string;
    idNumber: string;
    homeUnit: string;
    kind: string;
    role?: string | null;
    startDate: string;
    endDate?: string | null;
  },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'care.manage')) throw forbidden();
  if (!canSeeRegion(actor, input.regionCode)) throw outOfScope();
  const today = todayOf(ctx);
  const id = validateIdNumber(input.idNumber, today);
  if (!id.ok) throw invalid('idNumber', id.message);
  if (!(input.kind in CADRE_KINDS)) throw invalid('kind', `类别应为 ${Object.values(CADRE_KINDS).join('、')} 之一`);
  if (!input.name?.trim()) throw invalid('name', '请填写姓名');
  if (!input.homeUnit?.trim()) throw invalid('homeUnit', '请填写派出单位');
  const startDate = optDate(input.startDate, 'startDate');
  if (!startDate) throw invalid('startDate', '请填写开始日期');
  const endDate = optDate(input.endDate, 'endDate');
  if (endDate && endDate < startDate) throw invalid('endDate', '结束日期不能早于开始日期');
  return db.transaction(async (tx) => {
    const r = await regionRepository.exists(tx, input.regionCode);
    if (!r || (r.level !== 'community' && r.level !== 'street')) throw invalid('regionCode', '应为社区或街道（乡镇）');
    const cid = await careRepository.insertCadre(tx, {
      regionCode: input.regionCode,
      name: input.name.trim(),
      idNumber: id.value.normalized,
      homeUnit: input.homeUnit.trim(),
      kind: input.kind,
      role: input.role?.trim() || null,
      startDate,
      endDate,
      by: actor.name,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'cadre.create',
        entityType: 'cadre_stint',
        entityId: cid,
        regionCode: input.regionCode,
        after: { ...input, idNumber: id.value.normalized },
      },
      ctx,
    );
    return { id: cid };
  });
}
