/**
 * Exit requests (F-EXIT, issue 6): the street, the community or the county proposes an exit — type,
 * date, reason and the supporting documents each type requires — and the county 社会工作部 approves
 * it (the registry's exit rows are written in the same transaction, so the roster, the statistics
 * roll-up and the retired list follow) or returns it with the reason. A county user who proposes may
 * approve at once (recorded as both). Document files are kept in the database with their SHA-256;
 * each download is audited.
 */
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { type ExitDocumentRow, type ExitRequestRow, exitRepository } from '../db/repositories/exit.repository.js';
import { workerRepository } from '../db/repositories/worker.repository.js';
import { isIsoDate } from '../domain/dates.js';
import type { FieldError } from '../domain/errors.js';
import { conflict, forbidden, invalid, invalidFields, notFound } from '../domain/errors.js';
import {
  checkExitFile,
  EXIT_DOCUMENT_KINDS,
  EXIT_FILE_MAX_BYTES,
  EXIT_TYPE_LABELS,
  type ExitDocumentKind,
  type ExitType,
  missingExitDocuments,
  REQUIRED_EXIT_DOCUMENTS,
  retirementDateProblem,
} from '../domain/exit.js';
import { retirementDate } from '../domain/lifecycle.js';
import { type Actor, can } from '../domain/permissions.js';
import { type Level, levelOfCode, PREFIX_LENGTH } from '../domain/region-code.js';
import {
  ELECTED_POSITIONS,
  EXIT_TYPES,
  type Gender,
  type PeriodEnd,
  POSITIONS,
  type Position,
} from '../domain/worker-vocab.js';
import { requireSection, resolvePolicy } from '../policy/resolve.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { documentsFor } from './policy.service.js';
import { regionInScope } from './region.service.js';
import { auditableWorker, currentPeriod, recordExit, todayOf, workerInScope } from './worker.service.js';

export const EXIT_REQUEST_STATES = { pending: '待审批', approved: '已批准', returned: '已退回' } as const;
export type ExitRequestState = keyof typeof EXIT_REQUEST_STATES;

const prefixOf = (code: string) => code.slice(0, PREFIX_LENGTH[levelOfCode(code) as Level]);

const text = (v: unknown, field: string, what: string, max = 500, required = true): string | null => {
  const t = typeof v === 'string' ? v.trim() : '';
  if (!t) {
    if (required) throw invalid(field, `请填写${what}`);
    return null;
  }
  if (t.length > max) throw invalid(field, `${what}不能超过 ${max} 字`);
  return t;
};

/** The statutory retirement date of a worker under the policy in force for their community on `date`. */
async function statutoryRetirement(
  db: Queryable,
  w: { region_code: string; birth_date: string; gender: string },
  date: string,
) {
  const { documents } = await documentsFor(db, w.region_code);
  const lifecycle = requireSection(resolvePolicy(documents, w.region_code, date).policy, 'lifecycle');
  return retirementDate(w.birth_date, w.gender as Gender, lifecycle.retirement);
}

export interface ExitDocumentInput {
  kind: string;
  title: string;
  number?: string | null;
  date: string;
}

export interface ExitRequestInput {
  type: string;
  date: string;
  reason: string;
  earlyRetirementReason?: string | null;
  documents: ExitDocumentInput[];
  /** County only: approve at once (the proposer is recorded as the approver too). */
  approve?: boolean;
}

/** Every field problem of the documents list, `documents[i].field` named. */
function checkDocuments(
  docs: ExitDocumentInput[],
  today: string,
): { kind: ExitDocumentKind; title: string; number: string | null; date: string }[] {
  if (!Array.isArray(docs)) throw invalid('documents', '请附离岗材料');
  if (docs.length > 20) throw invalid('documents', '材料不能超过 20 份');
  const fields: FieldError[] = [];
  const out = docs.map((d, i) => {
    const at = `documents[${i}]`;
    if (!(d.kind in EXIT_DOCUMENT_KINDS))
      fields.push({
        field: `${at}.kind`,
        message: `材料类型应为 ${Object.values(EXIT_DOCUMENT_KINDS).join('、')} 之一`,
      });
    const title = typeof d.title === 'string' ? d.title.trim() : '';
    if (!title) fields.push({ field: `${at}.title`, message: '请填写材料名称' });
    else if (title.length > 200) fields.push({ field: `${at}.title`, message: '材料名称不能超过 200 字' });
    const number = typeof d.number === 'string' && d.number.trim() ? d.number.trim() : null;
    if (number && number.length > 100) fields.push({ field: `${at}.number`, message: '文号不能超过 100 字' });
    if (!isIsoDate(d.date)) fields.push({ field: `${at}.date`, message: '材料日期应为 YYYY-MM-DD 格式' });
    else if (d.date > today) fields.push({ field: `${at}.date`, message: '材料日期不能晚于今天' });
    return { kind: d.kind as ExitDocumentKind, title, number, date: d.date };
  });
  if (fields.length) throw invalidFields(fields);
  return out;
}

/**
 * Proposes an exit. The worker must be serving, in the caller's scope, and without another pending
 * request; recall only for an elected 两委 member holding an elected position; the documents the
 * type requires must be listed; a retirement before the statutory date needs the early reason.
 */
export async function exitRequestCreator(
  db: Database,
  actor: Actor,
  workerId: number,
  input: ExitRequestInput,
  ctx: RequestContext = {},
) {
  if (!can(actor, 'exit.propose')) throw forbidden();
  if (input.approve && !can(actor, 'exit.approve')) throw forbidden('只有县级社会工作部可以直接批准离岗', 'FORBIDDEN');
  const today = todayOf(ctx);
  if (!EXIT_TYPES.includes(input.type as PeriodEnd))
    throw invalid('type', `离岗类型应为 ${EXIT_TYPES.map((t) => EXIT_TYPE_LABELS[t as ExitType]).join('、')} 之一`);
  const type = input.type as ExitType;
  if (!isIsoDate(input.date)) throw invalid('date', '离岗日期应为 YYYY-MM-DD 格式');
  if (input.date > today) throw invalid('date', '离岗日期不能晚于今天');
  const reason = text(input.reason, 'reason', '离岗原因') as string;
  const earlyReason =
    type === 'retirement'
      ? text(input.earlyRetirementReason, 'earlyRetirementReason', '提前退休原因', 500, false)
      : null;
  const docs = checkDocuments(input.documents ?? [], today);
  const missing = missingExitDocuments(
    type,
    docs.map((d) => d.kind),
  );
  if (missing.length) throw invalidFields(missing);
  return db.transaction(async (tx) => {
    // Locked before any audit entry is written (the chain's lock comes second, see lockedWorker): a
    // second proposal at once waits and then finds this one open.
    const w = await workerInScope(tx, actor, workerId, true);
    if (w.status === 'exited') throw conflict('该人员已离岗', 'WORKER_EXITED');
    if (type === 'recall' && (w.category !== 'committee' || !ELECTED_POSITIONS.includes(w.position as Position)))
      throw invalid('type', '罢免只适用于选举产生的“两委”成员');
    const period = await currentPeriod(tx, workerId);
    if (period && input.date < period.start_date)
      throw invalid('date', `离岗日期不能早于本段任职开始日期 ${period.start_date}`);
    let statutory: string | null = null;
    if (type === 'retirement') {
      statutory = (await statutoryRetirement(tx, w, today)).date;
      const problem = retirementDateProblem(input.date, statutory, earlyReason);
      if (problem) throw invalidFields([problem]);
    }
    const open = await exitRepository.openForWorker(tx, workerId);
    if (open) throw conflict('该人员已有待审批的离岗申请', 'EXIT_REQUEST_OPEN');
    const id = await exitRepository.insert(tx, {
      workerId,
      regionCode: w.region_code,
      type,
      date: input.date,
      reason,
      statutory,
      earlyReason,
      on: today,
      by: actor.name,
    });
    for (const d of docs) await exitRepository.insertDocument(tx, { requestId: id, regionCode: w.region_code, ...d });
    await writeAudit(
      tx,
      actor,
      {
        action: 'exit.request.create',
        entityType: 'exit_request',
        entityId: id,
        regionCode: w.region_code,
        after: {
          workerId,
          type,
          date: input.date,
          reason,
          earlyRetirementReason: earlyReason,
          statutoryRetirementDate: statutory,
          documents: docs,
        },
      },
      ctx,
    );
    if (input.approve) await approve(tx, actor, id, null, today, ctx);
    return presentOne(tx, actor, id);
  });
}

/** Approval inside the caller's transaction: the request row, then the registry's exit rows, then the audit. */
async function approve(
  tx: Queryable,
  actor: Actor,
  id: number,
  note: string | null,
  today: string,
  ctx: RequestContext,
) {
  const state = await exitRepository.lockState(tx, id);
  if (state !== 'pending') throw conflict('该离岗申请已处理', 'EXIT_REQUEST_DECIDED');
  const r = (await exitRepository.inScope(tx, actor.scope, id))!;
  const before = (await workerRepository.byIdInScope(tx, actor.scope, r.worker_id, true))!;
  if (before.status === 'exited') throw conflict('该人员已离岗', 'WORKER_EXITED');
  const period = await currentPeriod(tx, r.worker_id);
  if (period && r.exit_date < period.start_date)
    throw invalid('date', `离岗日期不能早于本段任职开始日期 ${period.start_date}`);
  await exitRepository.decide(tx, id, 'approved', today, actor.name, note);
  await recordExit(tx, r.worker_id, period, r.exit_type as PeriodEnd, r.exit_date, r.reason);
  const after = (await workerRepository.byIdInScope(tx, actor.scope, r.worker_id))!;
  await writeAudit(
    tx,
    actor,
    {
      action: 'exit.request.approve',
      entityType: 'exit_request',
      entityId: id,
      regionCode: r.region_code,
      before: { state: 'pending' },
      after: { state: 'approved', date: today, note },
    },
    ctx,
  );
  await writeAudit(
    tx,
    actor,
    {
      action: 'worker.exit',
      entityType: 'worker',
      entityId: r.worker_id,
      regionCode: after.region_code,
      before: auditableWorker(before),
      after: auditableWorker(after),
    },
    ctx,
  );
}

/** The county approves a pending request: the worker exits on the request's date. */
export async function exitRequestApprover(
  db: Database,
  actor: Actor,
  id: number,
  input: { note?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'exit.approve')) throw forbidden();
  const note = text(input.note, 'note', '审批意见', 500, false);
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    if (!(await exitRepository.inScope(tx, actor.scope, id))) throw notFound('离岗申请');
    await approve(tx, actor, id, note, today, ctx);
    return presentOne(tx, actor, id);
  });
}

/** The county returns a pending request with the reason; the proposer may then propose again. */
export async function exitRequestReturner(
  db: Database,
  actor: Actor,
  id: number,
  input: { reason: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'exit.approve')) throw forbidden();
  const reason = text(input.reason, 'reason', '退回原因') as string;
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const r = await exitRepository.inScope(tx, actor.scope, id);
    if (!r) throw notFound('离岗申请');
    if ((await exitRepository.lockState(tx, id)) !== 'pending')
      throw conflict('该离岗申请已处理', 'EXIT_REQUEST_DECIDED');
    await exitRepository.decide(tx, id, 'returned', today, actor.name, reason);
    await writeAudit(
      tx,
      actor,
      {
        action: 'exit.request.return',
        entityType: 'exit_request',
        entityId: id,
        regionCode: r.region_code,
        before: { state: 'pending' },
        after: { state: 'returned', date: today, reason },
      },
      ctx,
    );
    return presentOne(tx, actor, id);
  });
}

const presentDocument = (d: ExitDocumentRow) => ({
  id: Number(d.id),
  kind: d.kind,
  kindName: EXIT_DOCUMENT_KINDS[d.kind as ExitDocumentKind] ?? d.kind,
  title: d.title,
  number: d.doc_number,
  date: d.doc_date,
  file: d.file_name
    ? {
        name: d.file_name,
        mime: d.mime as string,
        size: Number(d.size_bytes),
        sha256: (d.sha256 as string).trim(),
        uploadedBy: d.uploaded_by as string,
        uploadedAt: d.uploaded_at as string,
      }
    : null,
});

const presentRequest = (r: ExitRequestRow, actor: Actor) => ({
  id: Number(r.id),
  workerId: Number(r.worker_id),
  name: r.worker_name,
  regionCode: r.region_code,
  regionName: r.region_name,
  streetName: r.street_name,
  position: r.worker_position,
  positionName: POSITIONS[r.worker_position as Position] ?? r.worker_position,
  workerStatus: r.worker_status,
  type: r.exit_type as ExitType,
  typeName: EXIT_TYPE_LABELS[r.exit_type as ExitType],
  date: r.exit_date,
  reason: r.reason,
  statutoryRetirementDate: r.statutory_retirement_date,
  earlyRetirementReason: r.early_retirement_reason,
  state: r.state,
  stateName: EXIT_REQUEST_STATES[r.state],
  proposedOn: r.proposed_on,
  proposedBy: r.proposed_by,
  decidedOn: r.decided_on,
  decidedBy: r.decided_by,
  decisionNote: r.decision_note,
  documentCount: r.document_count,
  requiredDocuments: REQUIRED_EXIT_DOCUMENTS[r.exit_type as ExitType].map((k) => EXIT_DOCUMENT_KINDS[k]),
  abilities: { decide: r.state === 'pending' && can(actor, 'exit.approve') },
});

async function presentOne(db: Queryable, actor: Actor, id: number) {
  const r = (await exitRepository.inScope(db, actor.scope, id))!;
  const docs = await exitRepository.documents(db, [id]);
  return { ...presentRequest(r, actor), documents: docs.map(presentDocument) };
}

/** Requests of a region (the caller's own by default), pending first, with counts by state. */
export async function exitRequestLister(
  db: Database,
  actor: Actor,
  input: { region?: string; state?: string; workerId?: number },
) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  if (input.state !== undefined && !(input.state in EXIT_REQUEST_STATES))
    throw invalid('state', '状态应为 pending、approved 或 returned');
  const code = input.region ?? actor.regionCode;
  const region = await regionInScope(db, actor, code);
  const prefix = prefixOf(code);
  const [rows, counts] = await Promise.all([
    exitRepository.list(db, prefix, { state: input.state, workerId: input.workerId }),
    exitRepository.counts(db, prefix),
  ]);
  const docs = await exitRepository.documents(
    db,
    rows.map((r) => Number(r.id)),
  );
  const n = (s: string) => counts.find((c) => c.state === s)?.n ?? 0;
  return {
    regionCode: code,
    regionName: region.name,
    counts: { pending: n('pending'), approved: n('approved'), returned: n('returned') },
    items: rows.map((r) => ({
      ...presentRequest(r, actor),
      documents: docs.filter((d) => Number(d.request_id) === Number(r.id)).map(presentDocument),
    })),
  };
}

/** One request with its documents. */
export async function exitRequestReader(db: Database, actor: Actor, id: number) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  if (!(await exitRepository.inScope(db, actor.scope, id))) throw notFound('离岗申请');
  return presentOne(db, actor, id);
}

/** Attaches (or replaces, while pending) the file of one document: pdf/jpg/png/docx/xlsx, at most 5 MB. */
export async function exitDocumentUploader(
  db: Database,
  actor: Actor,
  id: number,
  documentId: number,
  file: { fileName: string; bytes: Uint8Array },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'exit.propose')) throw forbidden();
  return db.transaction(async (tx) => {
    const r = await exitRepository.inScope(tx, actor.scope, id);
    if (!r) throw notFound('离岗申请');
    // Locked: an upload waits for a decision in progress (and a second upload for the first).
    await exitRepository.lockState(tx, id);
    const d = await exitRepository.document(tx, id, documentId);
    if (!d) throw notFound('离岗材料');
    if ((await exitRepository.lockState(tx, id)) !== 'pending')
      throw conflict('已处理的离岗申请不能再上传材料', 'EXIT_REQUEST_DECIDED');
    const checked = checkExitFile(file.fileName, file.bytes);
    if ('error' in checked)
      throw invalid('file', checked.error, file.bytes.length > EXIT_FILE_MAX_BYTES ? 'FILE_TOO_LARGE' : 'FILE_TYPE');
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const fileName = file.fileName.replace(/[\\/\r\n"]/g, '_').slice(0, 200);
    await exitRepository.attachFile(tx, documentId, {
      fileName,
      mime: checked.mime,
      size: file.bytes.length,
      sha256,
      content: file.bytes,
      by: actor.name,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'exit.document.upload',
        entityType: 'exit_document',
        entityId: documentId,
        regionCode: r.region_code,
        before: d.sha256 ? { fileName: d.file_name, sha256: d.sha256.trim() } : null,
        after: { requestId: id, fileName, size: file.bytes.length, sha256 },
      },
      ctx,
    );
    return presentDocument((await exitRepository.document(tx, id, documentId))!);
  });
}

/** The file of one document, scope-checked; the read is written to the audit log. */
export async function exitDocumentReader(
  db: Database,
  actor: Actor,
  id: number,
  documentId: number,
  ctx: RequestContext = {},
) {
  if (!can(actor, 'lifecycle.read')) throw forbidden();
  return db.transaction(async (tx) => {
    const r = await exitRepository.inScope(tx, actor.scope, id);
    if (!r) throw notFound('离岗申请');
    const d = await exitRepository.document(tx, id, documentId);
    if (!d?.file_name) throw notFound('材料文件');
    const content = (await exitRepository.fileContent(tx, documentId))!;
    await writeAudit(
      tx,
      actor,
      {
        action: 'exit.document.download',
        entityType: 'exit_document',
        entityId: documentId,
        regionCode: r.region_code,
        after: { requestId: id, fileName: d.file_name, sha256: (d.sha256 ?? '').trim() },
      },
      ctx,
    );
    return { fileName: d.file_name, mime: d.mime as string, content: Buffer.from(content) };
  });
}
