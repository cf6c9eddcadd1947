/**
 * Training (F-TRAIN §3.8): programs by tier, organiser level and type; enrolment one by one or by
 * filter; attendance and completion (also from a spreadsheet); the compliance of every worker with the
 * rule in force (F-TRAIN-RULE); the trainer pool and resource library (F-FACULTY), mentor pairs
 * (F-MENTOR) and all-post certification (F-ALLPOST).
 */
import type { Database, Queryable } from '../db/database.js';
import { policyRepository, toPolicyDocument } from '../db/repositories/policy.repository.js';
import { rowLockRepository } from '../db/repositories/row-lock.repository.js';
import {
  type CalendarRule,
  type ComplianceRow,
  type EnrolmentRow,
  type ProgramRow,
  trainingRepository,
} from '../db/repositories/training.repository.js';
import { workerRepository } from '../db/repositories/worker.repository.js';
import { addYears, isIsoDate } from '../domain/dates.js';
import { conflict, forbidden, invalid, invalidFields, notFound, outOfScope } from '../domain/errors.js';
import { type Actor, can, canSeeRegion } from '../domain/permissions.js';
import { isRegionCode, type Level, levelOfCode, PREFIX_LENGTH, scopePrefix } from '../domain/region-code.js';
import {
  COMPLIANCE_LABELS,
  type ComplianceResult,
  type ComplianceStatus,
  ENROLMENT_STATUSES,
  type EnrolmentStatus,
  MODES,
  ORGANISER_LEVELS,
  SUBJECTS,
  TIERS,
  TRAINING_TYPES,
  trainingCompliance,
} from '../domain/training.js';
import { POSITIONS, type Position } from '../domain/worker-vocab.js';
import type { TrainingPolicy } from '../policy/policy.schema.js';
import { citeSource, requireSection } from '../policy/resolve.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { policyCache } from './policy.service.js';
import { regionInScope } from './region.service.js';
import { todayOf } from './worker.service.js';

// ---------------------------------------------------------------- programs

export interface ProgramInput {
  regionCode: string;
  title: string;
  tier: string;
  type: string;
  subjects: string[];
  hours: number;
  startDate: string;
  endDate: string;
  mode: string;
  location?: string | null;
  description?: string | null;
}

export const presentProgram = (p: ProgramRow) => ({
  id: p.id,
  regionCode: p.region_code,
  regionName: p.region_name,
  organiserLevel: p.organiser_level,
  title: p.title,
  tier: p.tier,
  type: p.type,
  subjects: p.subjects,
  hours: Number(p.hours),
  startDate: p.start_date,
  endDate: p.end_date,
  mode: p.mode,
  location: p.location,
  description: p.description,
  createdBy: p.created_by,
  createdAt: new Date(p.created_at).toISOString(),
  enrolled: p.enrolled,
  completed: p.completed,
});

export const presentEnrolment = (e: EnrolmentRow) => ({
  id: e.id,
  workerId: e.worker_id,
  workerName: e.worker_name,
  position: e.position,
  regionCode: e.region_code,
  regionName: e.region_name,
  status: e.status,
  attendedHours: e.attended_hours === null ? null : Number(e.attended_hours),
  completedOn: e.completed_on,
  certificateNo: e.certificate_no,
});

function checkRegion(actor: Actor, code: string | undefined, field = 'region'): string | undefined {
  if (code === undefined || code === '') return undefined;
  if (!isRegionCode(code)) throw invalid(field, '区划代码应为 12 位数字');
  if (!canSeeRegion(actor, code)) throw outOfScope();
  return code;
}

const prefixOf = (code: string) => scopePrefix(code, levelOfCode(code)!);

/** F-TRAIN: a new program organised by a province, city, county or street inside the actor's scope. */
export async function programCreator(db: Database, actor: Actor, input: ProgramInput, ctx: RequestContext = {}) {
  if (!can(actor, 'training.manage')) throw forbidden();
  const region = await regionInScope(db, actor, input.regionCode);
  const level = region.level as Level;
  const errors: { field: string; message: string }[] = [];
  if (!(level in ORGANISER_LEVELS))
    errors.push({ field: 'regionCode', message: '举办单位应为省、市、县或街道（乡镇）' });
  if (!(input.tier in TIERS)) errors.push({ field: 'tier', message: '培训层级应为示范、重点、骨干或全员' });
  if (!(input.type in TRAINING_TYPES))
    errors.push({ field: 'type', message: '培训类型应为初任、在职、专项或实践锻炼' });
  if (!(input.mode in MODES)) errors.push({ field: 'mode', message: '培训方式应为线上或线下' });
  const bad = input.subjects.filter((s) => !(s in SUBJECTS));
  if (input.subjects.length === 0 || bad.length)
    errors.push({
      field: 'subjects',
      message: bad.length ? `未知的培训内容：${bad.join('、')}` : '至少选择一项培训内容',
    });
  if (!isIsoDate(input.startDate)) errors.push({ field: 'startDate', message: '开始日期应为有效日期 YYYY-MM-DD' });
  if (!isIsoDate(input.endDate)) errors.push({ field: 'endDate', message: '结束日期应为有效日期 YYYY-MM-DD' });
  else if (isIsoDate(input.startDate) && input.endDate < input.startDate)
    errors.push({ field: 'endDate', message: '结束日期不能早于开始日期' });
  if (!(input.hours > 0 && input.hours <= 2000 && Math.round(input.hours * 10) === input.hours * 10))
    errors.push({ field: 'hours', message: '学时应大于 0、不超过 2000，最多一位小数' });
  if (errors.length) throw invalidFields(errors);
  const title = input.title.trim();
  if (!title) throw invalid('title', '请填写培训班名称');
  return db.transaction(async (tx) => {
    const id = await trainingRepository.insertProgram(tx, {
      regionCode: region.code,
      organiserLevel: level,
      scopePrefix: prefixOf(region.code),
      title,
      tier: input.tier,
      type: input.type,
      subjects: [...new Set(input.subjects)],
      hours: input.hours,
      startDate: input.startDate,
      endDate: input.endDate,
      mode: input.mode,
      location: input.location?.trim() || null,
      description: input.description?.trim() || null,
      createdBy: actor.name,
    });
    const program = (await trainingRepository.programVisible(tx, actor.scope, actor.regionCode, id))!;
    await writeAudit(
      tx,
      actor,
      {
        action: 'training.program.create',
        entityType: 'training_program',
        entityId: id,
        regionCode: region.code,
        after: presentProgram(program),
      },
      ctx,
    );
    return { item: presentProgram(program) };
  });
}

/** Programs the actor may see (organised in the subtree, or above it), optionally overlapping a date range. */
export async function programLister(
  db: Database,
  actor: Actor,
  input: { region?: string; from?: string; to?: string; tier?: string; type?: string },
) {
  if (!can(actor, 'training.read')) throw forbidden();
  const region = checkRegion(actor, input.region);
  if (input.from !== undefined && !isIsoDate(input.from)) throw invalid('from', '日期应为 YYYY-MM-DD');
  if (input.to !== undefined && !isIsoDate(input.to)) throw invalid('to', '日期应为 YYYY-MM-DD');
  const rows = await trainingRepository.programs(db, {
    scope: actor.scope,
    actorRegion: actor.regionCode,
    prefix: region ? prefixOf(region) : undefined,
    from: input.from,
    to: input.to,
    tier: input.tier,
    type: input.type,
  });
  return { items: rows.map(presentProgram) };
}

/** The program if the actor may see it (404 otherwise): checked before an upload is read. */
export async function visibleProgram(db: Queryable, actor: Actor, id: number): Promise<ProgramRow> {
  const p = await trainingRepository.programVisible(db, actor.scope, actor.regionCode, id);
  if (!p) throw notFound('培训班');
  return p;
}

/** One program with the enrolments of the actor's scope. */
export async function programReader(db: Database, actor: Actor, id: number) {
  if (!can(actor, 'training.read')) throw forbidden();
  const p = await visibleProgram(db, actor, id);
  const enrolments = await trainingRepository.enrolments(db, id, actor.scope);
  return {
    item: presentProgram(p),
    enrolments: enrolments.map(presentEnrolment),
    abilities: { manage: can(actor, 'training.manage') },
  };
}

/** Most workers one "enrol everyone matching" may add at once. */
export const MAX_ENROL = 20_000;

/**
 * Enrols workers of the actor's scope: by id, or every serving worker of a region matching positions
 * and category. Already enrolled workers are skipped; workers outside the scope or exited are refused.
 */
export async function enrolmentAdder(
  db: Database,
  actor: Actor,
  id: number,
  input: { workerIds?: number[]; filter?: { region: string; positions?: string[]; category?: string } },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'training.manage')) throw forbidden();
  const program = await visibleProgram(db, actor, id);
  if (!input.workerIds?.length && !input.filter) throw invalid('workerIds', '请选择人员，或给出筛选条件');
  let workers: { id: number; region_code: string; name: string }[];
  if (input.filter) {
    const region = checkRegion(actor, input.filter.region, 'filter.region')!;
    const badPos = (input.filter.positions ?? []).filter((p) => !(p in POSITIONS));
    if (badPos.length) throw invalid('filter.positions', `未知的职务：${badPos.join('、')}`);
    workers = await trainingRepository.workersMatching(db, prefixOf(region), input.filter, MAX_ENROL + 1);
    if (workers.length > MAX_ENROL) throw invalid('filter', `符合条件的人员超过 ${MAX_ENROL} 人，请缩小范围`);
  } else {
    const ids = [...new Set(input.workerIds!)];
    workers = await trainingRepository.servingWorkers(db, actor.scope, ids);
    const found = new Set(workers.map((w) => w.id));
    const missing = ids.filter((x) => !found.has(x));
    if (missing.length) throw invalid('workerIds', `人员 ${missing.join('、')} 不存在、已离岗或不在您的管辖范围内`);
  }
  return db.transaction(async (tx) => {
    const added = await trainingRepository.enrol(tx, id, workers);
    if (added.length)
      await writeAudit(
        tx,
        actor,
        {
          action: 'training.enrol',
          entityType: 'training_program',
          entityId: id,
          regionCode: program.region_code,
          after: { workerIds: added, filter: input.filter ?? null },
        },
        ctx,
      );
    return { enrolled: added.length, skipped: workers.length - added.length, matched: workers.length };
  });
}

export interface AttendanceItem {
  workerId: number;
  status: string;
  attendedHours?: number | null;
  completedOn?: string | null;
  certificateNo?: string | null;
}

/** Checks attendance items against the program; every problem with its index path. */
function checkAttendance(
  program: ProgramRow,
  items: AttendanceItem[],
  enrolled: Set<number>,
  path = (i: number, f: string) => `items.${i}.${f}`,
) {
  const errors: { field: string; message: string }[] = [];
  const out = items.map((it, i) => {
    if (!(it.status in ENROLMENT_STATUSES))
      errors.push({ field: path(i, 'status'), message: '状态应为已报名、已结业或未结业' });
    if (!enrolled.has(it.workerId))
      errors.push({ field: path(i, 'workerId'), message: `人员 ${it.workerId} 未报名本培训班或不在您的管辖范围内` });
    let completedOn = it.completedOn ?? null;
    if (it.status === 'completed') {
      completedOn ??= program.end_date;
      if (!isIsoDate(completedOn))
        errors.push({ field: path(i, 'completedOn'), message: '结业日期应为有效日期 YYYY-MM-DD' });
      else if (completedOn < program.start_date)
        errors.push({ field: path(i, 'completedOn'), message: `结业日期不能早于开班日期 ${program.start_date}` });
    } else completedOn = null;
    const hours = it.attendedHours ?? null;
    if (hours !== null && !(hours >= 0 && hours <= Number(program.hours)))
      errors.push({ field: path(i, 'attendedHours'), message: `出勤学时应在 0 至 ${Number(program.hours)} 之间` });
    return {
      workerId: it.workerId,
      status: it.status as EnrolmentStatus,
      attendedHours: hours,
      completedOn,
      certificateNo: it.certificateNo?.trim() || null,
    };
  });
  return { errors, items: out };
}

/** Attendance and completion of enrolled workers (结业 counts for the rule on its completion date). All or nothing. */
export async function attendanceRecorder(
  db: Database,
  actor: Actor,
  id: number,
  input: { items: AttendanceItem[] },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'training.manage')) throw forbidden();
  const program = await visibleProgram(db, actor, id);
  const ids = [...new Set(input.items.map((i) => i.workerId))];
  if (ids.length !== input.items.length) throw invalid('items', '同一人员出现了多次');
  return db.transaction(async (tx) => {
    // Locked, and `before` read after the lock: two sheets saved at once each record what they replaced.
    await rowLockRepository.lock(tx, 'training_program', id);
    const before = await trainingRepository.enrolmentsOf(tx, id, actor.scope, ids);
    const { errors, items } = checkAttendance(program, input.items, new Set(before.map((e) => e.worker_id)));
    if (errors.length) throw invalidFields(errors);
    const updated = await trainingRepository.setAttendance(tx, id, items);
    await writeAudit(
      tx,
      actor,
      {
        action: 'training.attendance',
        entityType: 'training_program',
        entityId: id,
        regionCode: program.region_code,
        before: before.map(presentEnrolment),
        after: items,
      },
      ctx,
    );
    return { updated };
  });
}

// ---------------------------------------------------------------- compliance (F-TRAIN-RULE)

export interface ComplianceItem {
  workerId: number;
  name: string;
  regionCode: string;
  regionName: string;
  position: string;
  hiredOn: string;
  status: ComplianceStatus;
  statusLabel: string;
  rule: string;
  window: { from: string; to: string } | null;
  completionsInWindow: number;
  required: number;
  deadline: string | null;
  daysLeft: number | null;
  lastCompleted: { date: string; title: string | null } | null;
  arithmetic: string;
}

export type ComplianceCounts = Record<ComplianceStatus, number> & { total: number };

const zeroCounts = (): ComplianceCounts => ({
  compliant: 0,
  dueSoon: 0,
  pending: 0,
  overdue: 0,
  notApplicable: 0,
  total: 0,
});

/** Severity order of the list: overdue first. */
const ORDER: Record<ComplianceStatus, number> = { overdue: 0, dueSoon: 1, pending: 2, compliant: 3, notApplicable: 4 };

interface Evaluated {
  row: ComplianceRow;
  result: ComplianceResult;
  policy: TrainingPolicy;
}

/**
 * Evaluates every serving worker of the subtree on `date` with the training policy in force for their
 * county. Completions are read back 2 × the longest cycle (the current and the previous window).
 */
async function evaluate(db: Queryable, code: string, date: string) {
  const level = levelOfCode(code)!;
  const prefix = scopePrefix(code, level);
  const documents = (await policyRepository.forRegionAndBelow(db, code, prefix)).map(toPolicyDocument);
  const policyAt = policyCache(documents, date);
  const own = policyAt(code);
  const training = requireSection(own.policy, 'training');
  const rows = await trainingRepository.complianceRows(db, prefix, since(training, date));
  const evaluated: Evaluated[] = new Array(rows.length);
  let lastCounty = '';
  let countyPolicy: TrainingPolicy = training;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const county = r.region_code.slice(0, 6);
    if (county !== lastCounty) {
      countyPolicy = requireSection(policyAt(`${county}000000`).policy, 'training');
      lastCounty = county;
    }
    // Status only: the texts are built for the rows shown (`explainRow`).
    const result = trainingCompliance(inputOf(r, date, countyPolicy), false);
    evaluated[i] = { row: r, result, policy: countyPolicy };
  }
  return { evaluated, training, sources: (own.sources.training ?? []).map(citeSource), prefix, level };
}

/** Completions are read back from here: 2 × the longest cycle (the current and the previous window). */
const since = (training: TrainingPolicy, date: string) =>
  addYears(date, -2 * Math.max(10, ...training.rules.map((r) => r.everyYears)) - 1);

const inputOf = (r: ComplianceRow, date: string, policy: TrainingPolicy) => ({
  position: r.position as Position,
  hiredOn: r.hired_on,
  completions: r.dates ? r.dates.split(',').map((d) => ({ date: d })) : [],
  today: date,
  policy,
});

/** The same evaluation with its texts (rule, arithmetic), for a row that is shown or exported. */
const explainRow = (e: Pick<Evaluated, 'row' | 'policy'>, date: string): Evaluated => ({
  ...e,
  result: trainingCompliance(inputOf(e.row, date, e.policy)),
});

function count(evaluated: Evaluated[]): ComplianceCounts {
  const c = zeroCounts();
  for (const e of evaluated) {
    c[e.result.status]++;
    c.total++;
  }
  return c;
}

/**
 * The seam for statistics (docs/api-training.md): a region's compliance counts on a date. No actor:
 * the caller has already checked the region is in scope.
 */
export async function trainingComplianceSummary(
  db: Queryable,
  regionCode: string,
  date: string,
): Promise<ComplianceCounts> {
  return (await trainingComplianceByChild(db, regionCode, date, 0)).get('') ?? zeroCounts();
}

/**
 * The same counts per child region in one pass: keyed by the first `digits` digits of the workers'
 * region codes (0: one entry keyed ''). The statistics' training section reads this.
 */
export async function trainingComplianceByChild(
  db: Queryable,
  regionCode: string,
  date: string,
  digits: number,
): Promise<Map<string, ComplianceCounts>> {
  const plan = await calendarPlan(db, regionCode, date);
  const out = new Map<string, ComplianceCounts>();
  // Calendar windows everywhere (the default): counted in SQL. A rolling window anywhere: every worker evaluated here.
  if (!plan.rules) {
    for (const e of (await evaluate(db, regionCode, date)).evaluated)
      addCount(out, e.row.region_code.slice(0, digits), e.result.status, 1);
    return out;
  }
  for (const row of await trainingRepository.calendarStatusCounts(db, plan.prefix, date, plan.rules, digits))
    addCount(out, row.child, row.status as ComplianceStatus, row.n);
  return out;
}

function addCount(out: Map<string, ComplianceCounts>, child: string, status: ComplianceStatus, n: number) {
  let c = out.get(child);
  if (!c) {
    c = zeroCounts();
    out.set(child, c);
  }
  c[status] += n;
  c.total += n;
}

/**
 * The training policy in force for every county of the subtree on `date`, and — when every county
 * counts in calendar windows (the default) — the (county, position) cycles the SQL form of the rule
 * reads (`rules`; null when any county has a rolling window: then the rule runs in JS).
 */
export async function calendarPlan(db: Queryable, regionCode: string, date: string) {
  const level = levelOfCode(regionCode)!;
  const prefix = scopePrefix(regionCode, level);
  const documents = (await policyRepository.forRegionAndBelow(db, regionCode, prefix)).map(toPolicyDocument);
  const policyAt = policyCache(documents, date);
  const own = policyAt(regionCode);
  const training = requireSection(own.policy, 'training');
  const counties =
    level === 'county' || level === 'street' || level === 'community'
      ? [`${regionCode.slice(0, 6)}000000`]
      : await trainingRepository.counties(db, prefix);
  const policies = counties.map((c) => ({
    county: c.slice(0, 6),
    training: requireSection(policyAt(c).policy, 'training'),
  }));
  const calendar = policies.every((p) => p.training.window === 'calendar');
  const rules: CalendarRule[] | null = !calendar
    ? null
    : policies.flatMap(({ county, training: t }) =>
        (Object.keys(POSITIONS) as Position[]).flatMap((position) => {
          const r = t.rules.find((x) => x.appliesTo.includes(position));
          return r
            ? [
                {
                  county,
                  position,
                  everyYears: r.everyYears,
                  minTimes: r.minTimes,
                  startYear: t.windowStartYear,
                  dueSoonDays: t.dueSoonDays,
                },
              ]
            : [];
        }),
      );
  return { level, prefix, policyAt, training, sources: (own.sources.training ?? []).map(citeSource), rules };
}

/**
 * The statistics' drill-down (F-STATS): the workers of one compliance status in a region on a date —
 * their number and one page of ids in the compliance list's order — by the same rule as
 * `trainingComplianceByChild` (SQL for calendar windows, every worker evaluated in JS otherwise).
 * No actor: the caller has checked the region is in scope.
 */
export async function trainingComplianceIds(
  db: Queryable,
  regionCode: string,
  date: string,
  status: ComplianceStatus,
  limit: number,
  offset: number,
): Promise<{ total: number; ids: number[] }> {
  const plan = await calendarPlan(db, regionCode, date);
  if (!plan.rules) {
    const matching = (await evaluate(db, regionCode, date)).evaluated.filter((e) => e.result.status === status);
    matching.sort(
      (a, b) =>
        (a.result.deadline ?? '9').localeCompare(b.result.deadline ?? '9') ||
        a.row.region_code.localeCompare(b.row.region_code) ||
        a.row.id - b.row.id,
    );
    return { total: matching.length, ids: matching.slice(offset, offset + limit).map((e) => Number(e.row.id)) };
  }
  const sql = await trainingRepository.calendarStatusPage(db, plan.prefix, date, plan.rules, 0, {
    status,
    limit,
    offset,
  });
  return {
    total: sql.counts.filter((c) => c.status === status).reduce((a, c) => a + c.n, 0),
    ids: sql.page.map((p) => p.id),
  };
}

/** The same counts by evaluating every worker with the rule in JS (`trainingCompliance`); the reference for the SQL counts. */
export async function trainingComplianceSummaryEvaluated(
  db: Queryable,
  regionCode: string,
  date: string,
): Promise<ComplianceCounts> {
  return count((await evaluate(db, regionCode, date)).evaluated);
}

async function presentItems(
  db: Queryable,
  evaluated: Pick<Evaluated, 'row' | 'policy'>[],
  date: string,
): Promise<ComplianceItem[]> {
  const list = evaluated.map((e) => explainRow(e, date));
  const details = new Map(
    (
      await trainingRepository.workerDetails(
        db,
        list.map((e) => e.row.id),
      )
    ).map((d) => [d.id, d]),
  );
  return list.map(({ row, result }) => {
    const d = details.get(row.id);
    return {
      workerId: row.id,
      name: d?.name ?? '',
      regionCode: row.region_code,
      regionName: d?.region_name ?? '',
      position: row.position,
      hiredOn: row.hired_on,
      status: result.status,
      statusLabel: COMPLIANCE_LABELS[result.status],
      rule: result.rule,
      window: result.window,
      completionsInWindow: result.completionsInWindow,
      required: result.required,
      deadline: result.deadline,
      daysLeft: result.daysLeft,
      lastCompleted: result.lastCompleted ? { date: result.lastCompleted.date, title: d?.last_title ?? null } : null,
      arithmetic: result.arithmetic,
    };
  });
}

export interface ComplianceQuery {
  region: string;
  date?: string;
  status?: ComplianceStatus;
  page?: number;
  pageSize?: number;
}

function policyView(training: TrainingPolicy, sources: string[]) {
  return {
    window: training.window,
    windowStartYear: training.windowStartYear,
    dueSoonDays: training.dueSoonDays,
    rules: training.rules.map((r) => ({
      ...r,
      text: `${r.appliesTo.map((p) => POSITIONS[p]).join('、')}：每 ${r.everyYears} 年至少 ${r.minTimes} 次`,
    })),
    source: sources.join('；'),
  };
}

async function complianceInput(db: Queryable, actor: Actor, q: ComplianceQuery, ctx: RequestContext) {
  if (!can(actor, 'training.read')) throw forbidden();
  const region = await regionInScope(db, actor, q.region);
  const date = q.date ?? todayOf(ctx);
  if (!isIsoDate(date)) throw invalid('date', '日期应为 YYYY-MM-DD');
  return { region, date };
}

/**
 * F-TRAIN-RULE: who in a region is compliant, due soon, pending or overdue on a date, with every reason.
 * Calendar windows (the default): the status of every worker, the counts per child region, the order
 * (overdue first) and the page come from one SQL statement (`calendarStatusPage`, the same rule as
 * `trainingCompliance`), and only the rows of the page are read back and explained in JS with the rule.
 * A rolling window anywhere in the subtree: every worker is evaluated in JS (`complianceReaderEvaluated`).
 */
export async function complianceReader(db: Database, actor: Actor, q: ComplianceQuery, ctx: RequestContext = {}) {
  const { region, date } = await complianceInput(db, actor, q, ctx);
  const plan = await calendarPlan(db, region.code, date);
  if (!plan.rules) return listEvaluated(db, region, date, q);
  const { children, childDigits } = await childrenOf(db, region.code, plan.level);
  const pageSize = q.pageSize ?? 20;
  const page = q.page ?? 1;
  const sql = await trainingRepository.calendarStatusPage(db, plan.prefix, date, plan.rules, childDigits, {
    status: q.status ?? null,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const summary = zeroCounts();
  const perChild = new Map(
    children.map((c) => [c.code.slice(0, childDigits), { code: c.code, name: c.name, ...zeroCounts() }]),
  );
  for (const { child, status, n } of sql.counts) {
    const s = status as ComplianceStatus;
    summary[s] += n;
    summary.total += n;
    const c = perChild.get(child);
    if (c) {
      c[s] += n;
      c.total += n;
    }
  }
  const rows = await trainingRepository.complianceRowsOf(
    db,
    sql.page.map((p) => p.id),
    since(plan.training, date),
  );
  const shown = rows.map((row) => ({
    row,
    policy: requireSection(plan.policyAt(`${row.region_code.slice(0, 6)}000000`).policy, 'training'),
  }));
  return {
    region: { code: region.code, name: region.name, level: region.level },
    date,
    policy: policyView(plan.training, plan.sources),
    summary,
    children: [...perChild.values()].filter((c) => c.total > 0),
    items: await presentItems(db, shown, date),
    total: q.status ? summary[q.status] : summary.total,
  };
}

async function childrenOf(db: Queryable, code: string, level: Level) {
  const children = await trainingRepository.childRegions(db, code);
  const childDigits = children.length ? PREFIX_LENGTH[children[0].level as Level] : PREFIX_LENGTH[level];
  return { children, childDigits };
}

/** The list with every worker evaluated in JS: the path of rolling windows, and the reference the SQL list is checked against. */
async function listEvaluated(
  db: Queryable,
  region: { code: string; name: string; level: string },
  date: string,
  q: ComplianceQuery,
) {
  const { evaluated, training, sources, level } = await evaluate(db, region.code, date);
  const summary = count(evaluated);
  // Counts per child region (the drill-down of the dashboard).
  const { children, childDigits } = await childrenOf(db, region.code, level);
  const perChild = new Map(
    children.map((c) => [c.code.slice(0, childDigits), { code: c.code, name: c.name, ...zeroCounts() }]),
  );
  for (const e of evaluated) {
    const c = perChild.get(e.row.region_code.slice(0, childDigits));
    if (c) {
      c[e.result.status]++;
      c.total++;
    }
  }
  const filtered = q.status ? evaluated.filter((e) => e.result.status === q.status) : evaluated;
  filtered.sort(
    (a, b) =>
      ORDER[a.result.status] - ORDER[b.result.status] ||
      (a.result.deadline ?? '9').localeCompare(b.result.deadline ?? '9') ||
      a.row.region_code.localeCompare(b.row.region_code) ||
      a.row.id - b.row.id,
  );
  const pageSize = q.pageSize ?? 20;
  const page = q.page ?? 1;
  const items = await presentItems(db, filtered.slice((page - 1) * pageSize, page * pageSize), date);
  return {
    region: { code: region.code, name: region.name, level: region.level },
    date,
    policy: policyView(training, sources),
    summary,
    children: [...perChild.values()].filter((c) => c.total > 0),
    items,
    total: filtered.length,
  };
}

/** `complianceReader` with every worker evaluated in JS whatever the window: the reference for the SQL-paged list (tests). */
export async function complianceReaderEvaluated(
  db: Database,
  actor: Actor,
  q: ComplianceQuery,
  ctx: RequestContext = {},
) {
  const { region, date } = await complianceInput(db, actor, q, ctx);
  return listEvaluated(db, region, date, q);
}

/** Every row of the compliance list (filtered by status), for the .xlsx export; the export is audited. */
export async function complianceExportRows(db: Database, actor: Actor, q: ComplianceQuery, ctx: RequestContext = {}) {
  const { region, date } = await complianceInput(db, actor, q, ctx);
  const { evaluated, training, sources } = await evaluate(db, region.code, date);
  const filtered = q.status ? evaluated.filter((e) => e.result.status === q.status) : evaluated;
  filtered.sort(
    (a, b) =>
      ORDER[a.result.status] - ORDER[b.result.status] ||
      a.row.region_code.localeCompare(b.row.region_code) ||
      a.row.id - b.row.id,
  );
  const items: ComplianceItem[] = [];
  for (let i = 0; i < filtered.length; i += 5000)
    items.push(...(await presentItems(db, filtered.slice(i, i + 5000), date)));
  await db.transaction((tx) =>
    writeAudit(
      tx,
      actor,
      {
        action: 'training.compliance.export',
        entityType: 'region',
        entityId: region.code,
        regionCode: region.code,
        after: { date, status: q.status ?? null, rows: items.length },
      },
      ctx,
    ),
  );
  return { region, date, policy: policyView(training, sources), items };
}

/** A worker's own training: the compliance with its reason, and every enrolment. */
export async function workerTrainingReader(db: Database, actor: Actor, workerId: number, ctx: RequestContext = {}) {
  if (!can(actor, 'worker.read')) throw forbidden();
  const w = await workerRepository.byIdInScope(db, actor.scope, workerId);
  if (!w || (actor.role === 'worker' && w.user_id !== Number(actor.id))) throw notFound('人员');
  const date = todayOf(ctx);
  const county = `${w.region_code.slice(0, 6)}000000`;
  const documents = (await policyRepository.applyingTo(db, county)).map(toPolicyDocument);
  const resolved = policyCache(documents, date)(county);
  const training = requireSection(resolved.policy, 'training');
  const enrolments = await trainingRepository.workerEnrolments(db, workerId);
  const completions = enrolments
    .filter((e) => e.status === 'completed' && e.completed_on)
    .map((e) => ({ date: e.completed_on!, title: e.title }));
  const result = trainingCompliance({
    position: w.position as Position,
    hiredOn: w.hired_on,
    completions,
    today: date,
    policy: training,
  });
  const exited = w.status === 'exited';
  return {
    date,
    compliance: {
      status: exited ? ('notApplicable' as const) : result.status,
      statusLabel: exited ? '已离岗，不再考核' : COMPLIANCE_LABELS[result.status],
      rule: result.rule,
      window: result.window,
      completionsInWindow: result.completionsInWindow,
      required: result.required,
      deadline: result.deadline,
      daysLeft: result.daysLeft,
      lastCompleted: result.lastCompleted
        ? { date: result.lastCompleted.date, title: result.lastCompleted.title ?? null }
        : null,
      arithmetic: result.arithmetic,
      source: (resolved.sources.training ?? []).map(citeSource).join('；'),
    },
    enrolments: enrolments.map((e) => ({
      id: e.id,
      programId: e.program_id,
      title: e.title,
      tier: e.tier,
      type: e.type,
      organiserLevel: e.organiser_level,
      hours: Number(e.hours),
      startDate: e.start_date,
      endDate: e.end_date,
      mode: e.mode,
      status: e.status,
      attendedHours: e.attended_hours === null ? null : Number(e.attended_hours),
      completedOn: e.completed_on,
      certificateNo: e.certificate_no,
    })),
  };
}

// ---------------------------------------------------------------- F-FACULTY 师资库、资源库 (city and above)

async function facultyRegion(db: Queryable, actor: Actor, code: string) {
  if (!can(actor, 'training.faculty')) throw forbidden('师资库和资源库由市级及以上维护');
  const r = await regionInScope(db, actor, code);
  if (r.level !== 'province' && r.level !== 'city' && r.level !== 'nation')
    throw invalid('regionCode', '师资库和资源库设在市级及以上');
  return r;
}

const checkSubjects = (subjects: string[], field = 'subjects') => {
  const bad = subjects.filter((s) => !(s in SUBJECTS));
  if (bad.length) throw invalid(field, `未知的培训内容：${bad.join('、')}`);
};

export async function trainerLister(db: Database, actor: Actor) {
  if (!can(actor, 'training.read')) throw forbidden();
  const rows = await trainingRepository.trainers(db, actor.scope, actor.regionCode);
  return {
    items: rows.map((t) => ({
      id: t.id,
      regionCode: t.region_code,
      regionName: t.region_name,
      name: t.name,
      title: t.title,
      organisation: t.organisation,
      subjects: t.subjects,
    })),
  };
}

export async function trainerCreator(
  db: Database,
  actor: Actor,
  input: { regionCode: string; name: string; title?: string | null; organisation?: string | null; subjects: string[] },
  ctx: RequestContext = {},
) {
  const r = await facultyRegion(db, actor, input.regionCode);
  checkSubjects(input.subjects);
  if (!input.name.trim()) throw invalid('name', '请填写姓名');
  return db.transaction(async (tx) => {
    const t = {
      regionCode: r.code,
      name: input.name.trim(),
      title: input.title?.trim() || null,
      organisation: input.organisation?.trim() || null,
      subjects: input.subjects,
      createdBy: actor.name,
    };
    const id = await trainingRepository.insertTrainer(tx, t);
    await writeAudit(
      tx,
      actor,
      { action: 'training.trainer.create', entityType: 'training_trainer', entityId: id, regionCode: r.code, after: t },
      ctx,
    );
    return {
      item: {
        id,
        regionCode: r.code,
        regionName: r.name,
        name: t.name,
        title: t.title,
        organisation: t.organisation,
        subjects: t.subjects,
      },
    };
  });
}

export const RESOURCE_KINDS = { document: '文档', link: '链接', case: '社区工作法案例' } as const;

export async function resourceLister(db: Database, actor: Actor, input: { kind?: string }) {
  if (!can(actor, 'training.read')) throw forbidden();
  if (input.kind !== undefined && !(input.kind in RESOURCE_KINDS))
    throw invalid('kind', '类别应为 document、link 或 case');
  const rows = await trainingRepository.resources(db, actor.scope, actor.regionCode, input.kind);
  return {
    items: rows.map((x) => ({
      id: x.id,
      regionCode: x.region_code,
      regionName: x.region_name,
      kind: x.kind,
      title: x.title,
      url: x.url,
      summary: x.summary,
      subjects: x.subjects,
    })),
  };
}

export async function resourceCreator(
  db: Database,
  actor: Actor,
  input: {
    regionCode: string;
    kind: string;
    title: string;
    url?: string | null;
    summary?: string | null;
    subjects: string[];
  },
  ctx: RequestContext = {},
) {
  const r = await facultyRegion(db, actor, input.regionCode);
  if (!(input.kind in RESOURCE_KINDS)) throw invalid('kind', '类别应为 document、link 或 case');
  checkSubjects(input.subjects);
  if (!input.title.trim()) throw invalid('title', '请填写标题');
  const url = input.url?.trim() || null;
  if (input.kind === 'link' && !url) throw invalid('url', '链接类资源须填写网址');
  if (url && !/^https?:\/\//.test(url)) throw invalid('url', '网址应以 http:// 或 https:// 开头');
  if (input.kind === 'case' && !input.summary?.trim()) throw invalid('summary', '案例须填写内容摘要');
  return db.transaction(async (tx) => {
    const x = {
      regionCode: r.code,
      kind: input.kind,
      title: input.title.trim(),
      url,
      summary: input.summary?.trim() || null,
      subjects: input.subjects,
      createdBy: actor.name,
    };
    const id = await trainingRepository.insertResource(tx, x);
    await writeAudit(
      tx,
      actor,
      {
        action: 'training.resource.create',
        entityType: 'training_resource',
        entityId: id,
        regionCode: r.code,
        after: x,
      },
      ctx,
    );
    return {
      item: {
        id,
        regionCode: r.code,
        regionName: r.name,
        kind: x.kind,
        title: x.title,
        url: x.url,
        summary: x.summary,
        subjects: x.subjects,
      },
    };
  });
}

// ---------------------------------------------------------------- F-MENTOR 导师帮带, F-ALLPOST 全岗通

export async function mentorPairLister(db: Database, actor: Actor, input: { region?: string }) {
  if (!can(actor, 'training.read')) throw forbidden();
  const region = checkRegion(actor, input.region);
  const rows = await trainingRepository.mentorPairs(db, region ? prefixOf(region) : actor.scope);
  return {
    items: rows.map((m) => ({
      id: m.id,
      mentorId: m.mentor_id,
      mentorName: m.mentor_name,
      menteeId: m.mentee_id,
      menteeName: m.mentee_name,
      regionCode: m.region_code,
      regionName: m.region_name,
      startDate: m.start_date,
      endDate: m.end_date,
      note: m.note,
    })),
  };
}

export async function mentorPairCreator(
  db: Database,
  actor: Actor,
  input: { mentorId: number; menteeId: number; startDate: string; endDate?: string | null; note?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'training.manage')) throw forbidden();
  if (input.mentorId === input.menteeId) throw invalid('menteeId', '导师和帮带对象不能是同一人');
  if (!isIsoDate(input.startDate)) throw invalid('startDate', '开始日期应为有效日期 YYYY-MM-DD');
  if (input.endDate && (!isIsoDate(input.endDate) || input.endDate < input.startDate))
    throw invalid('endDate', '结束日期应为有效日期且不早于开始日期');
  const found = await trainingRepository.servingWorkers(db, actor.scope, [input.mentorId, input.menteeId]);
  const mentee = found.find((w) => w.id === input.menteeId);
  if (!found.some((w) => w.id === input.mentorId) || !mentee) throw notFound('人员（须为本辖区在岗人员）');
  return db.transaction(async (tx) => {
    const m = {
      mentorId: input.mentorId,
      menteeId: input.menteeId,
      regionCode: mentee.region_code,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      note: input.note?.trim() || null,
      createdBy: actor.name,
    };
    const id = await trainingRepository.insertMentorPair(tx, m);
    await writeAudit(
      tx,
      actor,
      {
        action: 'training.mentor.create',
        entityType: 'training_mentor_pair',
        entityId: id,
        regionCode: mentee.region_code,
        after: m,
      },
      ctx,
    );
    return { item: { id, ...m } };
  });
}

export async function allPostLister(db: Database, actor: Actor, input: { region?: string }) {
  if (!can(actor, 'training.read')) throw forbidden();
  const region = checkRegion(actor, input.region);
  const rows = await trainingRepository.allPostCertifications(db, region ? prefixOf(region) : actor.scope);
  return {
    items: rows.map((c) => ({
      id: c.id,
      workerId: c.worker_id,
      workerName: c.worker_name,
      regionCode: c.region_code,
      regionName: c.region_name,
      certifiedOn: c.certified_on,
      certificateNo: c.certificate_no,
    })),
  };
}

export async function allPostCreator(
  db: Database,
  actor: Actor,
  input: { workerId: number; certifiedOn: string; certificateNo?: string | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'training.manage')) throw forbidden();
  if (!isIsoDate(input.certifiedOn)) throw invalid('certifiedOn', '认证日期应为有效日期 YYYY-MM-DD');
  const [w] = await trainingRepository.servingWorkers(db, actor.scope, [input.workerId]);
  if (!w) throw notFound('人员（须为本辖区在岗人员）');
  return db.transaction(async (tx) => {
    const c = {
      workerId: w.id,
      regionCode: w.region_code,
      certifiedOn: input.certifiedOn,
      certificateNo: input.certificateNo?.trim() || null,
      createdBy: actor.name,
    };
    const id = await trainingRepository.insertAllPost(tx, c);
    if (id === null) throw conflict('该人员在这一天已有全岗通认证', 'DUPLICATE', 'certifiedOn');
    await writeAudit(
      tx,
      actor,
      {
        action: 'training.allpost.create',
        entityType: 'training_allpost_certification',
        entityId: id,
        regionCode: w.region_code,
        after: c,
      },
      ctx,
    );
    return {
      item: {
        id,
        workerId: w.id,
        workerName: w.name,
        regionCode: w.region_code,
        certifiedOn: c.certifiedOn,
        certificateNo: c.certificateNo,
      },
    };
  });
}
