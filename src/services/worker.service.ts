/**
 * The worker registry (一人一档): create, read, search, edit, transfer, exit, positions and
 * qualifications. History is data: nothing about a person is deleted (F-ARCHIVE).
 */
import type { Database, Queryable } from '../db/database.js';
import { regionRepository } from '../db/repositories/region.repository.js';
import {
  type WorkerFilter,
  type WorkerRow,
  type WorkerSort,
  workerRepository,
} from '../db/repositories/worker.repository.js';
import { checkVersion } from '../domain/concurrency.js';
import { ageOn, chineseDate, isIsoDate } from '../domain/dates.js';
import { conflict, forbidden, invalid, invalidFields, notFound, outOfScope } from '../domain/errors.js';
import { maskIdNumber, maskPhone } from '../domain/id-number.js';
import { type Actor, can, canSeeRegion } from '../domain/permissions.js';
import { holdsPersonal, maskPersonal } from '../domain/personal-data.js';
import { isRegionCode, levelOfCode, scopePrefix } from '../domain/region-code.js';
import { serviceYears, type ValidWorker, validateWorker, type WorkerInput } from '../domain/worker.js';
import {
  CATEGORIES,
  EXIT_TYPES,
  ORIGINS,
  PERIOD_ENDS,
  type PeriodEnd,
  POSITIONS,
  type Position,
  QUALIFICATION_RANK,
  QUALIFICATIONS,
  type Qualification,
} from '../domain/worker-vocab.js';
import { type RequestContext, writeAudit } from './audit.service.js';

/** Today in Asia/Shanghai, or the injected clock's day. */
export const todayOf = (ctx: RequestContext = {}): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ctx.now?.() ?? new Date());

/** May this actor see full ID and phone numbers? */
export const mayReveal = (actor: Actor): boolean => can(actor, 'worker.reveal');

export interface WorkerView {
  id: number;
  name: string;
  idNumber: string;
  idNumberMasked: boolean;
  gender: string;
  birthDate: string;
  age: number;
  ethnicity: string | null;
  phone: string | null;
  category: string;
  position: string;
  status: string;
  regionCode: string;
  regionName: string;
  streetName: string | null;
  startDate: string;
  politicalStatus: string | null;
  education: string | null;
  educationFulltime: string | null;
  major: string | null;
  socialWorkMajor: boolean;
  homeRegionCode: string | null;
  veteran: boolean;
  graduateEntrant: boolean;
  graduateYear: number | null;
  qualification: string | null;
  exitType: string | null;
  exitDate: string | null;
  exitReason: string | null;
  /** The record's version (also its ETag): send it back with a write to be told when someone else changed it. */
  version: string;
}

/** Row → API shape; ID and phone masked unless `reveal`. */
export function presentWorker(w: WorkerRow, reveal: boolean, today: string): WorkerView {
  return {
    id: w.id,
    name: w.name,
    idNumber: reveal ? w.id_number : maskIdNumber(w.id_number),
    idNumberMasked: !reveal,
    gender: w.gender,
    birthDate: w.birth_date,
    age: ageOn(w.birth_date, today),
    ethnicity: w.ethnicity,
    phone: w.phone ? (reveal ? w.phone : maskPhone(w.phone)) : null,
    category: w.category,
    position: w.position,
    status: w.status,
    regionCode: w.region_code,
    regionName: w.region_name,
    streetName: w.street_name,
    startDate: w.hired_on,
    politicalStatus: w.political_status,
    education: w.education,
    educationFulltime: w.education_fulltime,
    major: w.major,
    socialWorkMajor: w.social_work_major,
    homeRegionCode: w.home_region_code,
    veteran: w.veteran,
    graduateEntrant: w.graduate_entrant,
    graduateYear: w.graduate_year,
    qualification: w.qualification,
    exitType: w.exit_type,
    exitDate: w.exit_date,
    exitReason: w.exit_reason,
    version: w.version,
  };
}

/**
 * What the audit log keeps of a worker: the record in the API's vocabulary, numbers unmasked (the log
 * itself is access-controlled, and the history view masks them for roles that may not see them).
 */
export const auditableWorker = (w: WorkerRow) => {
  const {
    age: _a,
    idNumberMasked: _m,
    regionName: _r,
    streetName: _s,
    version: _v,
    ...rest
  } = presentWorker(w, true, w.birth_date);
  return rest;
};

export interface WorkerSearchInput {
  region?: string;
  q?: string;
  category?: string;
  position?: string;
  status?: string;
  gender?: string;
  education?: string;
  politicalStatus?: string;
  qualification?: string;
  veteran?: boolean;
  graduateEntrant?: boolean;
  ageMin?: number;
  ageMax?: number;
  sort?: WorkerSort;
  desc?: boolean;
  page: number;
  pageSize: number;
}

/** The filter for a search: scope, subtree, and for a worker account only their own record. */
export async function workerFilter(
  db: Queryable,
  actor: Actor,
  f: Omit<WorkerSearchInput, 'page' | 'pageSize' | 'sort' | 'desc'>,
  today: string,
): Promise<WorkerFilter> {
  if (!can(actor, 'worker.read')) throw forbidden();
  let prefix: string | undefined;
  if (f.region) {
    if (!isRegionCode(f.region)) throw invalid('region', '区划代码应为 12 位数字');
    if (!canSeeRegion(actor, f.region)) throw outOfScope();
    const level = levelOfCode(f.region)!;
    prefix = scopePrefix(f.region, level);
  }
  if (f.ageMin !== undefined && f.ageMax !== undefined && f.ageMin > f.ageMax)
    throw invalid('ageMin', '最小年龄不能大于最大年龄');
  const filter: WorkerFilter = {
    scope: actor.scope,
    prefix,
    q: f.q?.trim() || undefined,
    category: f.category,
    position: f.position,
    status: f.status,
    gender: f.gender,
    education: f.education,
    politicalStatus: f.politicalStatus,
    qualification: f.qualification,
    veteran: f.veteran,
    graduateEntrant: f.graduateEntrant,
  };
  // Age a..b on `today` ⇔ born after (today − (b+1) years) and on or before (today − a years).
  const y = +today.slice(0, 4);
  const md = today.slice(4);
  if (f.ageMax !== undefined) filter.bornFrom = nextDay(`${y - f.ageMax - 1}${md}`);
  if (f.ageMin !== undefined) filter.bornTo = `${y - f.ageMin}${md}`;
  if (actor.role === 'worker') {
    // Self-service: the worker linked to this account, nothing else.
    const own = await db.query<{ region_code: string }>('select region_code from worker where user_id = $1', [
      Number(actor.id),
    ]);
    filter.prefix = own[0]?.region_code ?? '999999999999';
    filter.selfUserId = Number(actor.id);
  }
  return filter;
}

const nextDay = (iso: string): string => {
  const safe = iso.endsWith('-02-29') ? `${iso.slice(0, 8)}28` : iso;
  const d = new Date(`${safe}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

export async function workerSearcher(db: Database, actor: Actor, input: WorkerSearchInput, ctx: RequestContext = {}) {
  const today = todayOf(ctx);
  const filter = await workerFilter(db, actor, input, today);
  const { rows, total, totalExact } = await workerRepository.search(
    db,
    filter,
    input.sort ?? 'region',
    input.desc ?? false,
    input.pageSize,
    (input.page - 1) * input.pageSize,
  );
  // Lists are always masked: full numbers are read one record at a time, and each such read is audited.
  return { items: rows.map((r) => presentWorker(r, false, today)), total, totalExact };
}

export async function workerInScope(db: Queryable, actor: Actor, id: number, lock = false): Promise<WorkerRow> {
  const w = await workerRepository.byIdInScope(db, actor.scope, id, lock);
  if (!w || (actor.role === 'worker' && w.user_id !== Number(actor.id))) throw notFound('人员');
  return w;
}

/**
 * The worker a write is about, locked until the writing transaction ends: concurrent writers of the
 * same person queue here, so each reads what the previous one wrote (no lost update, and each audit
 * entry's `before` is the previous entry's `after`). Lock the worker before writing any audit entry
 * (the audit chain's lock is taken second everywhere, so the two never wait on each other in a
 * cycle). `version`: what the client read; a record that moved on since is refused (409).
 */
export async function lockedWorker(tx: Queryable, actor: Actor, id: number, version?: string): Promise<WorkerRow> {
  const w = await workerInScope(tx, actor, id, true);
  checkVersion(w.version, version);
  return w;
}

export async function workerReader(
  db: Database,
  actor: Actor,
  id: number,
  opts: { reveal?: boolean } = {},
  ctx: RequestContext = {},
) {
  if (!can(actor, 'worker.read')) throw forbidden();
  const today = todayOf(ctx);
  const w = await workerInScope(db, actor, id);
  if (opts.reveal && !mayReveal(actor))
    throw forbidden('您的角色不能查看完整的身份证号码和手机号码', 'REVEAL_FORBIDDEN');
  const [periods, positions, qualifications] = await Promise.all([
    workerRepository.periods(db, id),
    workerRepository.positions(db, id),
    workerRepository.qualifications(db, id),
  ]);
  if (opts.reveal) {
    await db.transaction((tx) =>
      writeAudit(
        tx,
        actor,
        { action: 'worker.reveal', entityType: 'worker', entityId: id, regionCode: w.region_code },
        ctx,
      ),
    );
  }
  const years = serviceYears(
    periods.map((p) => ({
      regionCode: p.region_code,
      startDate: p.start_date,
      endDate: p.end_date,
      endType: p.end_type as PeriodEnd | null,
    })),
    w.region_code.slice(0, 2),
    w.exit_date ?? today,
  );
  return {
    worker: presentWorker(w, !!opts.reveal, today),
    periods: periods.map((p) => ({
      id: p.id,
      regionCode: p.region_code,
      regionName: p.region_name,
      startDate: p.start_date,
      endDate: p.end_date,
      origin: p.origin,
      endType: p.end_type,
      endReason: p.end_reason,
    })),
    positions: positions.map((p) => ({
      id: p.id,
      regionCode: p.region_code,
      position: p.position,
      startDate: p.start_date,
      endDate: p.end_date,
      term: p.term,
    })),
    qualifications: qualifications.map((q) => ({
      id: q.id,
      level: q.level,
      certificateNo: q.certificate_no,
      obtainedOn: q.obtained_on,
    })),
    serviceYears: {
      ...years,
      rule: '社区工作年限按各段任职经历累计（重叠部分只计一次）；省内调动年限累计，省外经历不计（F-GRADE，《意见》第4条）',
    },
    timeline: timeline(periods, positions, qualifications, w),
  };
}

/** One dated list of what happened to the person, oldest first. */
function timeline(
  periods: Awaited<ReturnType<typeof workerRepository.periods>>,
  positions: Awaited<ReturnType<typeof workerRepository.positions>>,
  qualifications: Awaited<ReturnType<typeof workerRepository.qualifications>>,
  w: WorkerRow,
) {
  const events: { date: string; kind: string; text: string }[] = [];
  for (const p of periods) {
    events.push({
      date: p.start_date,
      kind: 'period.start',
      text: `${ORIGINS[p.origin as keyof typeof ORIGINS] ?? p.origin}，到${p.region_name}工作`,
    });
    if (p.end_date)
      events.push({
        date: p.end_date,
        kind: 'period.end',
        text: `${PERIOD_ENDS[p.end_type as PeriodEnd] ?? p.end_type}，离开${p.region_name}${p.end_reason ? `（${p.end_reason}）` : ''}`,
      });
  }
  for (const p of positions) {
    events.push({
      date: p.start_date,
      kind: 'position.start',
      text: `任${POSITIONS[p.position as Position]}${p.term ? `（${p.term}）` : ''}`,
    });
    if (p.end_date)
      events.push({ date: p.end_date, kind: 'position.end', text: `不再担任${POSITIONS[p.position as Position]}` });
  }
  for (const q of qualifications)
    events.push({
      date: q.obtained_on,
      kind: 'qualification',
      text: `取得${QUALIFICATIONS[q.level as Qualification]}${q.certificate_no ? `（证书 ${q.certificate_no}）` : ''}`,
    });
  if (w.status === 'probation') events.push({ date: w.hired_on, kind: 'probation', text: '试用期' });
  const order = ['period.end', 'position.end', 'period.start', 'position.start', 'qualification', 'probation'];
  return events
    .sort((a, b) => a.date.localeCompare(b.date) || order.indexOf(a.kind) - order.indexOf(b.kind))
    .map((e) => ({ ...e, dateText: chineseDate(e.date) }));
}

/** Region of a new or moved worker: a community or street that exists inside the actor's scope. */
async function targetRegion(db: Queryable, actor: Actor, code: string, field = 'regionCode') {
  if (!canSeeRegion(actor, code)) throw outOfScope();
  const r = await regionRepository.exists(db, code);
  if (!r) throw invalid(field, `区划 ${code} 不存在`);
  if (r.level !== 'community' && r.level !== 'street') throw invalid(field, '所在单位应为社区或街道（乡镇）');
  return r;
}

/** One person, one record: an active record with this ID number, told apart by scope. */
export async function duplicateMessage(
  db: Queryable,
  actor: Actor,
  idNumbers: string[],
  exceptId?: number,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const d of await workerRepository.activeByIdNumbers(db, idNumbers)) {
    if (d.id === exceptId) continue;
    out.set(
      d.id_number,
      canSeeRegion(actor, d.region_code)
        ? `该身份证号码已登记（人员编号 ${d.id}），一人只能有一份在岗档案`
        : '该人员已在其他地区登记在岗，请联系其所在地区办理调动或离岗后再登记',
    );
  }
  return out;
}

export async function workerCreator(db: Database, actor: Actor, input: WorkerInput, ctx: RequestContext = {}) {
  if (!can(actor, 'worker.manage')) throw forbidden();
  const today = todayOf(ctx);
  const v = validateWorker(input, today);
  if (!v.ok) throw invalidFields(v.errors);
  return db.transaction(async (tx) => ({
    worker: presentWorker(await createValidWorker(tx, actor, v.value, ctx), mayReveal(actor), today),
  }));
}

/**
 * The checks and rows of a new worker inside the caller's transaction (region in scope, home region,
 * one active record per ID number), audited. Also the hire of a recruited applicant (issue 6).
 */
export async function createValidWorker(
  tx: Queryable,
  actor: Actor,
  value: ValidWorker,
  ctx: RequestContext = {},
): Promise<WorkerRow> {
  await targetRegion(tx, actor, value.regionCode);
  await checkHomeRegion(tx, value);
  const dup = (await duplicateMessage(tx, actor, [value.idNumber])).get(value.idNumber);
  if (dup) throw conflict(dup, 'DUPLICATE_ID_NUMBER', 'idNumber');
  const [id] = await workerRepository.insertMany(tx, [value]);
  const row = (await workerRepository.byIdInScope(tx, actor.scope, id))!;
  await writeAudit(
    tx,
    actor,
    {
      action: 'worker.create',
      entityType: 'worker',
      entityId: id,
      regionCode: row.region_code,
      after: auditableWorker(row),
    },
    ctx,
  );
  return row;
}

async function checkHomeRegion(tx: Queryable, v: ValidWorker) {
  if (v.homeRegionCode && !(await regionRepository.exists(tx, v.homeRegionCode)))
    throw invalid('homeRegionCode', `区划 ${v.homeRegionCode} 不存在`);
}

/** Fields a PATCH may change; region, position and status change through their own operations. */
export const EDITABLE = [
  'name',
  'idNumber',
  'ethnicity',
  'politicalStatus',
  'education',
  'educationFulltime',
  'major',
  'socialWorkMajor',
  'phone',
  'homeRegionCode',
  'veteran',
  'graduateEntrant',
  'graduateYear',
] as const;
export type WorkerPatch = Partial<Record<(typeof EDITABLE)[number], unknown>> & {
  changedOn?: unknown;
  /** The version the client read (body `version` or `If-Match`); absent = no check, still serialised. */
  version?: string;
};

/** Attributes whose changes are kept with the day they took effect (015_worker_attribute_history.sql). */
const DATED_ATTRIBUTES = [
  ['education', 'education'],
  ['political_status', 'politicalStatus'],
] as const;

export async function workerUpdater(
  db: Database,
  actor: Actor,
  id: number,
  patch: WorkerPatch,
  ctx: RequestContext = {},
) {
  if (!can(actor, 'worker.manage')) throw forbidden();
  const today = todayOf(ctx);
  return db.transaction(async (tx) => {
    const { changedOn, version, ...fields } = patch;
    const before = await lockedWorker(tx, actor, id, version);
    if (before.status === 'exited') throw conflict('已离岗人员的档案不能修改', 'WORKER_EXITED');
    // Validate the whole record as it would be, with the same rules as creation.
    const merged: WorkerInput = { ...inputOf(before), ...fields };
    if (patch.idNumber !== undefined && !mayReveal(actor))
      throw forbidden('您的角色不能修改身份证号码', 'REVEAL_FORBIDDEN');
    const v = validateWorker(merged, today);
    if (!v.ok) throw invalidFields(v.errors);
    await checkHomeRegion(tx, v.value);
    if (v.value.idNumber !== before.id_number) {
      const dup = (await duplicateMessage(tx, actor, [v.value.idNumber], id)).get(v.value.idNumber);
      if (dup) throw conflict(dup, 'DUPLICATE_ID_NUMBER', 'idNumber');
    }
    const x = v.value;
    // Education and political status: the day a change took effect (default today), for figures of past dates.
    const dated = DATED_ATTRIBUTES.filter(([col, key]) => (before[col] ?? null) !== (x[key] ?? null));
    if (changedOn !== undefined && changedOn !== null && changedOn !== '') {
      const on = eventDate(changedOn, today, 'changedOn', '变更生效日期');
      if (on < before.birth_date) throw invalid('changedOn', '变更生效日期不能早于出生日期');
    }
    const effectiveOn = changedOn ? (changedOn as string) : today;
    for (const [col, key] of dated) {
      await tx.query(
        'insert into worker_attribute_change (worker_id, attribute, old_value, new_value, effective_on, recorded_by) values ($1, $2, $3, $4, $5, $6)',
        [id, col, before[col] ?? null, x[key] ?? null, effectiveOn, actor.id],
      );
    }
    await tx.query(
      `update worker set name = $2, id_number = $3, gender = $4, birth_date = $5, ethnicity = $6, political_status = $7, education = $8,
         education_fulltime = $9, major = $10, social_work_major = $11, phone = $12, home_region_code = $13, veteran = $14,
         graduate_entrant = $15, graduate_year = $16, updated_at = now() where id = $1`,
      [
        id,
        x.name,
        x.idNumber,
        x.gender,
        x.birthDate,
        x.ethnicity,
        x.politicalStatus,
        x.education,
        x.educationFulltime,
        x.major,
        x.socialWorkMajor,
        x.phone,
        x.homeRegionCode,
        x.veteran,
        x.graduateEntrant,
        x.graduateYear,
      ],
    );
    const after = (await workerRepository.byIdInScope(tx, actor.scope, id))!;
    await writeAudit(
      tx,
      actor,
      {
        action: 'worker.update',
        entityType: 'worker',
        entityId: id,
        regionCode: after.region_code,
        before: auditableWorker(before),
        after: auditableWorker(after),
      },
      ctx,
    );
    return { worker: presentWorker(after, mayReveal(actor), today) };
  });
}

/** The stored record as validator input. */
export const inputOf = (w: WorkerRow): WorkerInput => ({
  name: w.name,
  idNumber: w.id_number,
  ethnicity: w.ethnicity,
  politicalStatus: w.political_status,
  education: w.education,
  educationFulltime: w.education_fulltime,
  major: w.major,
  socialWorkMajor: w.social_work_major,
  phone: w.phone,
  homeRegionCode: w.home_region_code,
  category: w.category,
  position: w.position,
  regionCode: w.region_code,
  startDate: w.hired_on,
  origin: 'recruited',
  veteran: w.veteran,
  graduateEntrant: w.graduate_entrant,
  graduateYear: w.graduate_year,
});

function eventDate(v: unknown, today: string, field = 'date', label = '日期'): string {
  if (!isIsoDate(v)) throw invalid(field, `${label}应为 YYYY-MM-DD 格式`);
  if (v > today) throw invalid(field, `${label}不能晚于今天`);
  return v;
}

export async function currentPeriod(tx: Queryable, id: number) {
  return (
    await tx.query<{ id: number; start_date: string; region_code: string }>(
      'select id, start_date, region_code from worker_period where worker_id = $1 and end_date is null order by start_date desc limit 1',
      [id],
    )
  )[0];
}

/**
 * Transfer (F-REALLOC): the current period ends, a new one begins in the target community; the
 * accumulated years carry over inside the province. A street moves people among its communities; a
 * county or city across streets and counties.
 */
export async function workerTransferrer(
  db: Database,
  actor: Actor,
  id: number,
  input: { regionCode: string; date: string; reason: string; version?: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'worker.transfer')) throw forbidden();
  const today = todayOf(ctx);
  const date = eventDate(input.date, today, 'date', '调动日期');
  if (!input.reason?.trim()) throw invalid('reason', '请填写调动原因');
  return db.transaction(async (tx) => {
    const before = await lockedWorker(tx, actor, id, input.version);
    if (before.status === 'exited') throw conflict('已离岗人员不能调动', 'WORKER_EXITED');
    await targetRegion(tx, actor, input.regionCode);
    if (input.regionCode === before.region_code) throw invalid('regionCode', '调入单位与当前单位相同');
    if (input.regionCode.slice(0, 2) !== before.region_code.slice(0, 2))
      throw invalid('regionCode', '跨省调动请办理离岗后由调入地重新登记');
    const period = await currentPeriod(tx, id);
    if (period && date <= period.start_date)
      throw invalid('date', `调动日期应晚于本段任职开始日期 ${period.start_date}`);
    if (period)
      await tx.query(`update worker_period set end_date = $2, end_type = 'transfer', end_reason = $3 where id = $1`, [
        period.id,
        date,
        input.reason.trim(),
      ]);
    await tx.query(
      `insert into worker_period (worker_id, region_code, start_date, origin) values ($1, $2, $3, 'transfer')`,
      [id, input.regionCode, date],
    );
    await tx.query('update worker_position set end_date = $2 where worker_id = $1 and end_date is null', [id, date]);
    await tx.query(
      'insert into worker_position (worker_id, region_code, position, start_date) values ($1, $2, $3, $4)',
      [id, input.regionCode, before.position, date],
    );
    await tx.query('update worker set region_code = $2, updated_at = now() where id = $1', [id, input.regionCode]);
    const after = (await workerRepository.byIdInScope(tx, actor.scope, id))!;
    await writeAudit(
      tx,
      actor,
      {
        action: 'worker.transfer',
        entityType: 'worker',
        entityId: id,
        regionCode: after.region_code,
        before: { regionCode: before.region_code },
        after: { regionCode: after.region_code, date, reason: input.reason.trim() },
      },
      ctx,
    );
    return { worker: presentWorker(after, mayReveal(actor), today) };
  });
}

/** Exit (F-EXIT): recall, dismissal, resignation, retirement or death — dated, with a reason; the record stays. */
export async function workerExiter(
  db: Database,
  actor: Actor,
  id: number,
  input: { type: string; date: string; reason: string; version?: string },
  ctx: RequestContext = {},
) {
  // The direct registration is the approving county's (exit.service.ts: others propose with documents).
  if (!can(actor, 'exit.approve')) throw forbidden();
  const today = todayOf(ctx);
  if (!EXIT_TYPES.includes(input.type as PeriodEnd))
    throw invalid('type', `离岗类型应为 ${EXIT_TYPES.map((t) => PERIOD_ENDS[t]).join('、')} 之一`);
  const date = eventDate(input.date, today, 'date', '离岗日期');
  if (!input.reason?.trim()) throw invalid('reason', '请填写离岗原因');
  return db.transaction(async (tx) => {
    const before = await lockedWorker(tx, actor, id, input.version);
    if (before.status === 'exited') throw conflict('该人员已离岗', 'WORKER_EXITED');
    if (input.type === 'recall' && before.category !== 'committee')
      throw invalid('type', '罢免只适用于选举产生的“两委”成员');
    const period = await currentPeriod(tx, id);
    if (period && date < period.start_date)
      throw invalid('date', `离岗日期不能早于本段任职开始日期 ${period.start_date}`);
    await recordExit(tx, id, period, input.type as PeriodEnd, date, input.reason.trim());
    const after = (await workerRepository.byIdInScope(tx, actor.scope, id))!;
    await writeAudit(
      tx,
      actor,
      {
        action: 'worker.exit',
        entityType: 'worker',
        entityId: id,
        regionCode: after.region_code,
        before: auditableWorker(before),
        after: auditableWorker(after),
      },
      ctx,
    );
    return { worker: presentWorker(after, mayReveal(actor), today) };
  });
}

/**
 * The rows an exit writes: the current period and position end on `date`, the record is marked exited.
 * Shared with the probation decision (a failed probation ends the employment by 解聘, issue 6).
 */
export async function recordExit(
  tx: Queryable,
  id: number,
  period: { id: number; start_date: string } | undefined,
  type: PeriodEnd,
  date: string,
  reason: string,
): Promise<void> {
  if (period)
    await tx.query('update worker_period set end_date = $2, end_type = $3, end_reason = $4 where id = $1', [
      period.id,
      date,
      type,
      reason,
    ]);
  await tx.query('update worker_position set end_date = $2 where worker_id = $1 and end_date is null', [id, date]);
  await tx.query(
    `update worker set status = 'exited', exit_type = $2, exit_date = $3, exit_reason = $4, updated_at = now() where id = $1`,
    [id, type, date, reason],
  );
}

/** A new position (e.g. elected 主任 at a new term): the current one ends the day the new one starts. */
export async function workerPositionChanger(
  db: Database,
  actor: Actor,
  id: number,
  input: { position: string; startDate: string; term?: string | null; version?: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'worker.manage')) throw forbidden();
  const today = todayOf(ctx);
  if (!(input.position in POSITIONS)) throw invalid('position', `职务应为 ${Object.values(POSITIONS).join('、')} 之一`);
  const date = eventDate(input.startDate, today, 'startDate', '任职日期');
  const position = input.position as Position;
  return db.transaction(async (tx) => {
    const before = await lockedWorker(tx, actor, id, input.version);
    if (before.status === 'exited') throw conflict('已离岗人员不能任职', 'WORKER_EXITED');
    const current = (
      await tx.query<{ start_date: string }>(
        'select start_date from worker_position where worker_id = $1 and end_date is null',
        [id],
      )
    )[0];
    if (current && date < current.start_date)
      throw invalid('startDate', `任职日期不能早于现任职务开始日期 ${current.start_date}`);
    const category = position === 'staff' ? 'staff' : 'committee';
    await tx.query('update worker_position set end_date = $2 where worker_id = $1 and end_date is null', [id, date]);
    await tx.query(
      'insert into worker_position (worker_id, region_code, position, start_date, term) values ($1, $2, $3, $4, $5)',
      [id, before.region_code, position, date, input.term?.trim() || null],
    );
    await tx.query('update worker set position = $2, category = $3, updated_at = now() where id = $1', [
      id,
      position,
      category,
    ]);
    const after = (await workerRepository.byIdInScope(tx, actor.scope, id))!;
    await writeAudit(
      tx,
      actor,
      {
        action: 'worker.position',
        entityType: 'worker',
        entityId: id,
        regionCode: after.region_code,
        before: { position: before.position, category: before.category },
        after: { position, category, startDate: date, term: input.term ?? null },
      },
      ctx,
    );
    return { worker: presentWorker(after, mayReveal(actor), today), category: CATEGORIES[category] };
  });
}

export async function workerQualificationAdder(
  db: Database,
  actor: Actor,
  id: number,
  input: { level: string; certificateNo?: string | null; obtainedOn: string; version?: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'worker.manage')) throw forbidden();
  const today = todayOf(ctx);
  if (!(input.level in QUALIFICATIONS))
    throw invalid('level', `职业水平应为 ${Object.values(QUALIFICATIONS).join('、')} 之一`);
  const date = eventDate(input.obtainedOn, today, 'obtainedOn', '取证日期');
  const level = input.level as Qualification;
  return db.transaction(async (tx) => {
    const before = await lockedWorker(tx, actor, id, input.version);
    const dupe = await tx.query('select 1 from worker_qualification where worker_id = $1 and level = $2', [id, level]);
    if (dupe.length) throw conflict(`已登记${QUALIFICATIONS[level]}`, 'DUPLICATE_QUALIFICATION', 'level');
    await tx.query(
      'insert into worker_qualification (worker_id, level, certificate_no, obtained_on) values ($1, $2, $3, $4)',
      [id, level, input.certificateNo?.trim() || null, date],
    );
    // The record keeps the highest level held (holding two does not add them — F-QUAL).
    const highest =
      before.qualification && QUALIFICATION_RANK[before.qualification as Qualification] >= QUALIFICATION_RANK[level]
        ? before.qualification
        : level;
    await tx.query('update worker set qualification = $2, updated_at = now() where id = $1', [id, highest]);
    const after = (await workerRepository.byIdInScope(tx, actor.scope, id))!;
    await writeAudit(
      tx,
      actor,
      {
        action: 'worker.qualification',
        entityType: 'worker',
        entityId: id,
        regionCode: after.region_code,
        before: { qualification: before.qualification },
        after: {
          qualification: highest,
          added: { level, certificateNo: input.certificateNo ?? null, obtainedOn: date },
        },
      },
      ctx,
    );
    return { worker: presentWorker(after, mayReveal(actor), today) };
  });
}

/**
 * The change history of one worker: the audit entries about them, field by field. Personal numbers are
 * masked for roles that may not see them; a role that may sees them whole, and that read is audited
 * (under `worker_history`, so the reveal does not itself become a line of the history it reveals).
 */
export async function workerHistoryReader(db: Database, actor: Actor, id: number, ctx: RequestContext = {}) {
  if (!can(actor, 'worker.read')) throw forbidden();
  const w = await workerInScope(db, actor, id);
  // Entries about this worker, and the spreadsheet import that created them (it lists the ids it created).
  const rows = await db.query<{
    id: number;
    at: Date;
    actor_name: string;
    action: string;
    before: unknown;
    after: unknown;
  }>(
    `select id, at, actor_name, action, before, after from audit_log where entity_type = 'worker' and entity_id = $1
     union all
     select id, at, actor_name, action, null, jsonb_build_object('file', after->'file', 'row', after->'createdRows'->(
         select (ord - 1)::int from jsonb_array_elements(after->'createdIds') with ordinality as e(v, ord) where v = to_jsonb($2::bigint) limit 1))
     from audit_log where action = 'worker.import' and after->'createdIds' @> to_jsonb($2::bigint)
     order by id desc limit 200`,
    [String(id), id],
  );
  const reveal = mayReveal(actor);
  const items = rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorName: r.actor_name,
    action: r.action,
    changes: diff(r.before, r.after),
  }));
  if (reveal) {
    const revealed = items.filter((i) => i.changes.some((c) => holdsPersonal({ [c.field]: [c.from, c.to] })));
    if (revealed.length)
      await db.transaction((tx) =>
        writeAudit(
          tx,
          actor,
          {
            action: 'worker.history.reveal',
            entityType: 'worker_history',
            entityId: id,
            regionCode: w.region_code,
            after: { entryIds: revealed.map((i) => i.id) },
          },
          ctx,
        ),
      );
    return { items };
  }
  return {
    items: items.map((i) => ({
      ...i,
      changes: i.changes.map((c) => ({
        field: c.field,
        from: maskPersonal(c.from, c.field),
        to: maskPersonal(c.to, c.field),
      })),
    })),
  };
}

/** Field-level differences between an entry's before and after. */
function diff(before: unknown, after: unknown): { field: string; from: unknown; to: unknown }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ field: k, from: b[k] ?? null, to: a[k] ?? null }));
}
