/**
 * F-CONTRACT (§5.12): labour contracts with the street (first, renewals, open-ended), social insurance
 * and the housing fund, the renewal list (expired, due soon, none) by the policy's reminder; subsidies
 * for major tasks, disasters and emergencies with the county's approval.
 */
import type { Database } from '../db/database.js';
import { contractRepository, type SubsidyRow } from '../db/repositories/contract.repository.js';
import { policyRepository, toPolicyDocument } from '../db/repositories/policy.repository.js';
import { rowLockRepository } from '../db/repositories/row-lock.repository.js';
import { isIsoDate } from '../domain/dates.js';
import { conflict, forbidden, invalid, notFound } from '../domain/errors.js';
import { CONTRACT_STATES, type ContractState, contractState } from '../domain/lifecycle.js';
import { type Actor, can } from '../domain/permissions.js';
import { type Level, levelOfCode, PREFIX_LENGTH } from '../domain/region-code.js';
import { requireSection } from '../policy/resolve.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { policyCache } from './policy.service.js';
import { regionInScope } from './region.service.js';
import { todayOf, workerInScope } from './worker.service.js';

const prefixOf = (code: string) => code.slice(0, PREFIX_LENGTH[levelOfCode(code) as Level]);
export const SUBSIDY_KINDS = {
  majorTask: '重大任务补助',
  disaster: '抢险救灾补助',
  emergency: '应急处置补助',
} as const;
const SUBSIDY_STATES = { pending: '待审批', approved: '已批准', rejected: '未批准' } as const;

const presentContract = (c: Awaited<ReturnType<typeof contractRepository.ofWorker>>[number]) => ({
  id: c.id,
  kind: c.kind,
  startDate: c.start_date,
  endDate: c.end_date,
  socialInsurance: c.social_insurance,
  housingFund: c.housing_fund,
  signedBy: c.signed_by,
});

export async function contractLister(db: Database, actor: Actor, workerId: number) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  await workerInScope(db, actor, workerId);
  return { items: (await contractRepository.ofWorker(db, workerId)).map(presentContract) };
}

/** A new contract: the first, or a renewal starting after the latest one (no overlap). */
export async function contractCreator(
  db: Database,
  actor: Actor,
  workerId: number,
  input: { startDate: string; endDate?: string | null; socialInsurance: boolean; housingFund: boolean },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'contract.manage')) throw forbidden();
  if (!isIsoDate(input.startDate)) throw invalid('startDate', '合同开始日期应为 YYYY-MM-DD 格式');
  if (input.endDate != null && !isIsoDate(input.endDate)) throw invalid('endDate', '合同结束日期应为 YYYY-MM-DD 格式');
  if (input.endDate != null && input.endDate < input.startDate)
    throw invalid('endDate', '合同结束日期不能早于开始日期');
  return db.transaction(async (tx) => {
    // Locked: two contracts entered at once would both pass the overlap check.
    const w = await workerInScope(tx, actor, workerId, true);
    if (w.status === 'exited') throw conflict('已离岗人员不能签订合同', 'WORKER_EXITED');
    const existing = await contractRepository.ofWorker(tx, workerId);
    const latest = existing[existing.length - 1];
    if (latest && (latest.end_date === null || input.startDate <= latest.end_date))
      throw invalid(
        'startDate',
        latest.end_date === null ? '已签订无固定期限合同' : `续签合同应在上一份合同结束（${latest.end_date}）之后开始`,
      );
    const id = await contractRepository.insertContract(tx, {
      workerId,
      regionCode: w.region_code,
      kind: latest ? 'renewal' : 'first',
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      socialInsurance: input.socialInsurance,
      housingFund: input.housingFund,
      by: actor.name,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'contract.create',
        entityType: 'labour_contract',
        entityId: id,
        regionCode: w.region_code,
        after: { workerId, ...input, kind: latest ? 'renewal' : 'first' },
      },
      ctx,
    );
    return { items: (await contractRepository.ofWorker(tx, workerId)).map(presentContract) };
  });
}

/** The renewal list: serving workers whose contract expired, ends within the reminder, or who have none. */
export async function contractDueLister(
  db: Database,
  actor: Actor,
  input: { region?: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  const today = todayOf(ctx);
  const code = input.region ?? actor.regionCode;
  const r = await regionInScope(db, actor, code);
  const policyAt = policyCache(
    (await policyRepository.forRegionAndBelow(db, code, prefixOf(code))).map(toPolicyDocument),
    today,
  );
  const workers = await contractRepository.servingWorkers(db, prefixOf(code));
  const contracts = await contractRepository.ofWorkers(
    db,
    workers.map((w) => w.id),
  );
  const byWorker = new Map<number, { startDate: string; endDate: string | null }[]>();
  for (const c of contracts)
    byWorker.set(c.worker_id, [...(byWorker.get(c.worker_id) ?? []), { startDate: c.start_date, endDate: c.end_date }]);
  const items = [];
  const counts: Record<ContractState, number> = { none: 0, expired: 0, dueSoon: 0, valid: 0, openEnded: 0 };
  for (const w of workers) {
    const reminder = requireSection(policyAt(w.region_code).policy, 'lifecycle').contract.reminderDays;
    const s = contractState(byWorker.get(w.id) ?? [], today, reminder);
    counts[s.state]++;
    if (s.state === 'expired' || s.state === 'dueSoon' || s.state === 'none')
      items.push({
        workerId: w.id,
        name: w.name,
        regionCode: w.region_code,
        regionName: w.region_name,
        category: w.category,
        state: s.state,
        stateName: CONTRACT_STATES[s.state],
        endDate: s.endDate,
        daysLeft: s.daysLeft,
      });
  }
  const order: ContractState[] = ['expired', 'dueSoon', 'none'];
  items.sort(
    (a, b) =>
      order.indexOf(a.state) - order.indexOf(b.state) ||
      (a.endDate ?? '').localeCompare(b.endDate ?? '') ||
      a.workerId - b.workerId,
  );
  return { regionCode: code, regionName: r.name, date: today, counts, items: items.slice(0, 2000) };
}

// ---------------------------------------------------------------- subsidies

const presentSubsidy = (s: SubsidyRow) => ({
  id: s.id,
  workerId: s.worker_id,
  name: s.name,
  regionCode: s.region_code,
  regionName: s.region_name,
  kind: s.kind,
  kindName: SUBSIDY_KINDS[s.kind],
  reason: s.reason,
  amountFen: Number(s.amount_fen),
  status: s.status,
  stateName: SUBSIDY_STATES[s.status],
  requestedOn: s.requested_on,
  requestedBy: s.requested_by,
  decidedOn: s.decided_on,
  decidedBy: s.decided_by,
  decisionNote: s.decision_note,
});

export async function subsidyLister(db: Database, actor: Actor, input: { region?: string }) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  const code = input.region ?? actor.regionCode;
  await regionInScope(db, actor, code);
  return { items: (await contractRepository.subsidies(db, prefixOf(code))).map(presentSubsidy) };
}

export async function subsidyRequester(
  db: Database,
  actor: Actor,
  workerId: number,
  input: { kind: string; reason: string; amountFen: number },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'contract.manage')) throw forbidden();
  if (!(input.kind in SUBSIDY_KINDS))
    throw invalid('kind', `补助类别应为 ${Object.keys(SUBSIDY_KINDS).join('、')} 之一`);
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw invalid('reason', '请填写补助事由');
  if (!Number.isInteger(input.amountFen) || input.amountFen <= 0 || input.amountFen > 100_000_000)
    throw invalid('amountFen', '金额应为正整数（分），不超过 100 万元');
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const w = await workerInScope(tx, actor, workerId);
    const id = await contractRepository.insertSubsidy(tx, {
      workerId,
      regionCode: w.region_code,
      kind: input.kind,
      reason,
      amountFen: input.amountFen,
      date: today,
      by: actor.name,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'subsidy.request',
        entityType: 'worker_subsidy',
        entityId: id,
        regionCode: w.region_code,
        after: { workerId, ...input, reason },
      },
      ctx,
    );
    return presentSubsidy((await contractRepository.subsidyInScope(tx, actor.scope, id))!);
  });
}

export async function subsidyDecider(
  db: Database,
  actor: Actor,
  id: number,
  input: { result: string; note?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'subsidy.approve')) throw forbidden();
  if (input.result !== 'approved' && input.result !== 'rejected')
    throw invalid('result', '审批结果应为 approved 或 rejected');
  if (input.result === 'rejected' && !input.note?.trim()) throw invalid('note', '不予批准须写明原因');
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    // Locked: a second decision at once waits and then finds this one taken.
    await rowLockRepository.lock(tx, 'worker_subsidy', id);
    const s = await contractRepository.subsidyInScope(tx, actor.scope, id);
    if (!s) throw notFound('补助申请');
    if (s.status !== 'pending') throw conflict('该申请已审批', 'SUBSIDY_DECIDED');
    await contractRepository.decideSubsidy(tx, id, input.result, today, actor.name, input.note?.trim() || null);
    await writeAudit(
      tx,
      actor,
      {
        action: 'subsidy.decide',
        entityType: 'worker_subsidy',
        entityId: id,
        regionCode: s.region_code,
        before: { status: s.status },
        after: { status: input.result, note: input.note ?? null },
      },
      ctx,
    );
    return presentSubsidy((await contractRepository.subsidyInScope(tx, actor.scope, id))!);
  });
}
