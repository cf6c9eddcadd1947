/**
 * Training spreadsheets. Attendance sheets (F-TRAIN): an .xlsx (or .csv) with one row per enrolled worker — 身份证号码 or
 * 人员编号, 状态, 出勤学时, 结业日期, 证书编号 — checked like the roster import: every bad row with its row,
 * column and message; dry run; all or nothing. Written with the same rules as `attendanceRecorder`.
 */
import ExcelJS from 'exceljs';
import type { Database } from '../db/database.js';
import { trainingRepository } from '../db/repositories/training.repository.js';
import { chineseDate, parseFlexibleDate } from '../domain/dates.js';
import { forbidden, invalid, notFound } from '../domain/errors.js';
import { normalizeIdNumber } from '../domain/id-number.js';
import { type Actor, can } from '../domain/permissions.js';
import { ENROLMENT_STATUSES, type EnrolmentStatus } from '../domain/training.js';
import { POSITIONS, type Position } from '../domain/worker-vocab.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { type Cell, cellText, findHeader, readRows } from './spreadsheet.js';
import type { complianceExportRows } from './training.service.js';

const LABELS = {
  idNumber: ['身份证号码', '身份证号', '公民身份号码'],
  workerId: ['人员编号', '编号'],
  name: ['姓名'],
  status: ['状态', '结业情况', '培训状态'],
  attendedHours: ['出勤学时', '学时', '实际学时'],
  completedOn: ['结业日期', '完成日期'],
  certificateNo: ['证书编号', '结业证书编号'],
} as const;
type Column = keyof typeof LABELS;

const STATUS_BY_LABEL = new Map<string, EnrolmentStatus>([
  ...Object.entries(ENROLMENT_STATUSES).map(([k, v]) => [v, k as EnrolmentStatus] as const),
  ...Object.keys(ENROLMENT_STATUSES).map((k) => [k, k as EnrolmentStatus] as const),
  ['结业', 'completed'],
  ['完成', 'completed'],
  ['缺席', 'absent'],
  ['报名', 'enrolled'],
]);

export interface AttendanceImportError {
  row: number;
  column: string;
  field: string;
  message: string;
}

export interface AttendanceImportResult {
  total: number;
  valid: number;
  errors: AttendanceImportError[];
  committed: boolean;
  updated: number;
}

/** Reads, checks and (unless dry run or any error) writes an attendance sheet for one program. */
export async function attendanceImporter(
  db: Database,
  actor: Actor,
  programId: number,
  path: string,
  opts: { dryRun?: boolean; fileName?: string } = {},
  ctx: RequestContext = {},
): Promise<AttendanceImportResult> {
  if (!can(actor, 'training.manage')) throw forbidden();
  const program = await trainingRepository.programVisible(db, actor.scope, actor.regionCode, programId);
  if (!program) throw notFound('培训班');
  const rows = await readRows(path);
  const header = findHeader<Column>(rows, LABELS as unknown as Record<Column, string[]>, ['status']);
  if (!header || (header.columns.idNumber === undefined && header.columns.workerId === undefined)) {
    throw invalid('file', '未找到表头：须有“状态”列，以及“身份证号码”或“人员编号”列', 'HEADER_NOT_FOUND');
  }
  const cols = header.columns;
  const label = (c: Column) => cellText(rows[header.headerRow][cols[c]!]) || LABELS[c][0];
  const enrolments = await trainingRepository.enrolments(db, programId, actor.scope);
  const idNumbers = new Map<string, number>();
  if (cols.idNumber !== undefined) {
    const found = await db.query<{ id: number; id_number: string }>(
      'select id, id_number from worker where id = any($1::bigint[])',
      [enrolments.map((e) => e.worker_id)],
    );
    for (const f of found) idNumbers.set(f.id_number, f.id);
  }
  const enrolled = new Map(enrolments.map((e) => [e.worker_id, e]));
  const errors: AttendanceImportError[] = [];
  const items: {
    workerId: number;
    status: EnrolmentStatus;
    attendedHours: number | null;
    completedOn: string | null;
    certificateNo: string | null;
  }[] = [];
  const seen = new Map<number, number>();
  let total = 0;
  for (let i = header.headerRow + 1; i < rows.length; i++) {
    const cells = rows[i];
    if (!cells.some((c: Cell) => cellText(c) !== '')) continue;
    total++;
    const rowNo = i + 1;
    const before = errors.length;
    const err = (c: Column, message: string) => errors.push({ row: rowNo, column: label(c), field: c, message });
    const get = (c: Column) => (cols[c] === undefined ? '' : cellText(cells[cols[c]!]));
    // Who: by ID number, else by worker number.
    let workerId: number | null = null;
    const idText = get('idNumber');
    const numText = get('workerId');
    if (idText) {
      workerId = idNumbers.get(normalizeIdNumber(idText)) ?? null;
      if (workerId === null) err('idNumber', '该身份证号码的人员未报名本培训班，或不在您的管辖范围内');
    } else if (numText) {
      const n = Number(numText);
      if (!Number.isInteger(n) || !enrolled.has(n)) err('workerId', '该人员编号未报名本培训班，或不在您的管辖范围内');
      else workerId = n;
    } else err(cols.idNumber !== undefined ? 'idNumber' : 'workerId', '请填写身份证号码或人员编号');
    if (workerId !== null) {
      const name = get('name');
      const e = enrolled.get(workerId)!;
      if (name && name !== e.worker_name) err('name', `姓名与登记的“${e.worker_name}”不一致`);
      const dup = seen.get(workerId);
      if (dup) err(idText ? 'idNumber' : 'workerId', `与第 ${dup} 行是同一人`);
      else seen.set(workerId, rowNo);
    }
    const status = STATUS_BY_LABEL.get(get('status'));
    if (!status) err('status', '状态应为 已结业、未结业 或 已报名');
    let hours: number | null = null;
    const hoursText = get('attendedHours');
    if (hoursText) {
      hours = Number(hoursText);
      if (!Number.isFinite(hours) || hours < 0 || hours > Number(program.hours)) {
        err('attendedHours', `出勤学时应为 0 至 ${Number(program.hours)} 之间的数字`);
        hours = null;
      }
    }
    let completedOn: string | null = null;
    if (status === 'completed') {
      const raw = cols.completedOn === undefined ? null : cells[cols.completedOn];
      if (raw === null || raw === undefined || cellText(raw) === '') completedOn = program.end_date;
      else {
        completedOn = parseFlexibleDate(raw);
        if (!completedOn) err('completedOn', '结业日期无法识别，请写成 2026-05-20 或 2026年5月20日');
        else if (completedOn < program.start_date) err('completedOn', `结业日期不能早于开班日期 ${program.start_date}`);
      }
    }
    if (errors.length === before && workerId !== null && status)
      items.push({ workerId, status, attendedHours: hours, completedOn, certificateNo: get('certificateNo') || null });
  }
  const valid = items.length;
  if (total === 0) throw invalid('file', '表中没有数据行', 'EMPTY_SHEET');
  if (errors.length || opts.dryRun) return { total, valid, errors, committed: false, updated: 0 };
  const updated = await db.transaction(async (tx) => {
    const n = await trainingRepository.setAttendance(tx, programId, items);
    await writeAudit(
      tx,
      actor,
      {
        action: 'training.attendance.import',
        entityType: 'training_program',
        entityId: programId,
        regionCode: program.region_code,
        after: { file: opts.fileName ?? null, rows: items },
      },
      ctx,
    );
    return n;
  });
  return { total, valid, errors, committed: true, updated };
}

/** A blank attendance sheet for a program, listing its enrolled workers of the actor's scope. */
export async function attendanceTemplate(db: Database, actor: Actor, programId: number): Promise<Buffer> {
  if (!can(actor, 'training.read')) throw forbidden();
  const program = await trainingRepository.programVisible(db, actor.scope, actor.regionCode, programId);
  if (!program) throw notFound('培训班');
  const enrolments = await trainingRepository.enrolments(db, programId, actor.scope);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考勤');
  ws.addRow([`${program.title}（${program.start_date} 至 ${program.end_date}，${Number(program.hours)} 学时）考勤表`]);
  ws.addRow(['人员编号', '姓名', '所在单位', '状态', '出勤学时', '结业日期', '证书编号']);
  for (const e of enrolments)
    ws.addRow([
      e.worker_id,
      e.worker_name,
      e.region_name,
      ENROLMENT_STATUSES[e.status as EnrolmentStatus],
      e.attended_hours,
      e.completed_on,
      e.certificate_no,
    ]);
  ws.columns.forEach((c, i) => {
    c.width = [10, 12, 24, 10, 10, 14, 18][i] ?? 12;
  });
  for (let r = 3; r <= enrolments.length + 2; r++) {
    ws.getCell(`D${r}`).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`"${Object.values(ENROLMENT_STATUSES).join(',')}"`],
    };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The compliance list as .xlsx: one row per worker with the rule, the window and the arithmetic. */
export async function complianceWorkbook(data: Awaited<ReturnType<typeof complianceExportRows>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('培训达标情况');
  ws.addRow([`${data.region.name} 培训达标情况（${chineseDate(data.date)}）`]);
  ws.addRow([
    `规则：${data.policy.rules.map((r) => r.text).join('；')}；周期：${data.policy.window === 'calendar' ? `按自然年对齐，自 ${data.policy.windowStartYear} 年起` : '滚动计算'}；距截止 ${data.policy.dueSoonDays} 天内为即将到期。依据：${data.policy.source}`,
  ]);
  ws.addRow([
    '人员编号',
    '姓名',
    '所在单位',
    '职务',
    '状态',
    '规则',
    '周期起',
    '周期止',
    '本周期完成次数',
    '要求次数',
    '截止日期',
    '剩余天数',
    '最近一次完成',
    '最近培训',
    '计算过程',
  ]);
  for (const i of data.items)
    ws.addRow([
      i.workerId,
      i.name,
      i.regionName,
      POSITIONS[i.position as Position] ?? i.position,
      i.statusLabel,
      i.rule,
      i.window?.from ?? '',
      i.window?.to ?? '',
      i.completionsInWindow,
      i.required,
      i.deadline ?? '',
      i.daysLeft ?? '',
      i.lastCompleted?.date ?? '',
      i.lastCompleted?.title ?? '',
      i.arithmetic,
    ]);
  ws.columns.forEach((c, i) => {
    c.width = [10, 10, 24, 16, 10, 40, 12, 12, 8, 8, 12, 8, 12, 24, 80][i] ?? 12;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
