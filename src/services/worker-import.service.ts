/**
 * `POST /api/imports/workers` and `shequ import workers FILE`: the worker roster from a spreadsheet.
 * Every row is validated by the same rules as the form (validateWorker), then checked against the
 * database (region exists and is in scope, ID number not already on an active record) and against the
 * other rows (an ID number appears once). Every error is reported with its row, column and message,
 * and can be downloaded as the uploaded sheet annotated with them. The import commits entirely or not
 * at all — or, when asked, only the valid rows — in one transaction with one audit entry.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Database } from '../db/database.js';
import { regionRepository } from '../db/repositories/region.repository.js';
import { workerRepository } from '../db/repositories/worker.repository.js';
import { workerImportRepository } from '../db/repositories/worker-import.repository.js';
import { conflict, DomainError, forbidden, invalid, notFound, outOfScope } from '../domain/errors.js';
import type { FieldError } from '../domain/errors.js';
import { validateIdNumber } from '../domain/id-number.js';
import { type Actor, can, canSeeRegion } from '../domain/permissions.js';
import { isRegionCode, levelOfCode } from '../domain/region-code.js';
import { type ValidWorker, validateWorker, WORKER_FIELD_LABELS, type WorkerInput } from '../domain/worker.js';
import { type RequestContext, writeAudit, writeAuditMany } from './audit.service.js';
import { type Cell, findHeader, streamRows } from './spreadsheet.js';
import { auditableWorker, duplicateMessage, EDITABLE, inputOf, todayOf } from './worker.service.js';
import { WORKER_COLUMNS, WORKER_HEADER_LABELS, type WorkerField } from './worker-template.js';

export type ImportMode = 'all' | 'valid-only';

export interface ImportProgress {
  phase: 'read' | 'check' | 'write' | 'done';
  /** Data rows read so far (read) or in the file (later phases). */
  rows: number;
}

export interface WorkerImportOptions {
  /** Validate and report only; write nothing. */
  dryRun?: boolean;
  /** 'all' (default): any error writes nothing. 'valid-only': write the valid rows, report the rest. */
  mode?: ImportMode;
  /** Rows whose ID number matches an active worker in scope update that worker instead of conflicting. */
  update?: boolean;
  /** Default community (or street) for rows without a region: the sheet has no region column or the cell is blank. */
  region?: string;
  /** The uploaded file's name, for the audit entry. */
  fileName?: string;
  onProgress?: (p: ImportProgress) => void;
}

export interface WorkerImportError {
  /** Spreadsheet row number (1-based, as Excel shows it). */
  row: number;
  /** The column's header text in the file (or the template label when the file has no such column). */
  column: string;
  field: string;
  message: string;
}

export interface WorkerImportResult {
  /** Data rows (blank rows not counted). */
  total: number;
  /** Rows without any error. */
  valid: number;
  errors: WorkerImportError[];
  committed: boolean;
  created: number;
  updated: number;
  /** Writes the uploaded sheet annotated with every error (present when there are errors). */
  annotate?: (out: string) => Promise<void>;
}

interface RowState {
  row: number;
  /** Normalised ID number when it is valid. */
  id: string | null;
  input: WorkerInput;
  /** The region and home-region cells as written (or the default region). */
  region: string;
  home: string;
  value: ValidWorker | null;
  errors: FieldError[];
  /** Worker this row updates (update mode). */
  target: number | null;
}

interface Header {
  row: number;
  columns: Partial<Record<WorkerField, number>>;
  texts: string[];
}

const FIELD_ORDER = new Map(WORKER_COLUMNS.map((c, i) => [c.field as string, i]));
const EDITABLE_FIELDS = EDITABLE.filter((f) => f !== 'idNumber') as readonly WorkerField[];
const PROGRESS_EVERY = 2000;
const BATCH = 5000;

const blank = (v: Cell | undefined) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** The default region of an import: a community or street that exists inside the actor's scope. */
export async function checkImportRegion(db: Database, actor: Actor, code: string | undefined): Promise<void> {
  if (code === undefined || code === '') return;
  if (!isRegionCode(code)) throw invalid('region', '默认社区代码应为 12 位数字');
  if (!canSeeRegion(actor, code)) throw outOfScope();
  const r = await regionRepository.exists(db, code);
  if (!r) throw invalid('region', `区划 ${code} 不存在`);
  if (r.level !== 'community' && r.level !== 'street') throw invalid('region', '默认所在单位应为社区或街道（乡镇）');
}

export async function workerImporter(db: Database, actor: Actor, path: string, opts: WorkerImportOptions = {}, ctx: RequestContext = {}): Promise<WorkerImportResult> {
  if (!can(actor, 'worker.import')) throw forbidden();
  await checkImportRegion(db, actor, opts.region);
  const today = todayOf(ctx);
  const progress = opts.onProgress ?? (() => {});

  // 1. Read and validate every row, streaming; the rows are kept only as validated values.
  const pending: Cell[][] = [];
  const pendingNumbers: number[] = [];
  let header: Header | null = null;
  let maxCols = 0;
  const rows: RowState[] = [];
  let entries: [WorkerField, number][] = [];
  for await (const r of readable(path)) {
    if (r.cells.length > maxCols) maxCols = r.cells.length;
    if (!header) {
      pending.push(r.cells);
      pendingNumbers.push(r.number);
      const h = findHeader<WorkerField>(pending, WORKER_HEADER_LABELS, ['name', 'idNumber']);
      if (h) {
        header = { row: pendingNumbers[h.headerRow], columns: h.columns, texts: pending[h.headerRow].map(headerText) };
        entries = Object.entries(h.columns) as [WorkerField, number][];
      } else if (pending.length >= 20) break;
      continue;
    }
    const cells = r.cells;
    if (cells.every(blank)) continue;
    const input: WorkerInput = {};
    for (const [field, c] of entries) {
      const v = cells[c];
      if (!blank(v)) input[field] = typeof v === 'string' ? v.trim() : v;
    }
    if (input.regionCode === undefined && opts.region) input.regionCode = opts.region;
    const v = validateWorker(input, today);
    let id: string | null = null;
    if (v.ok) id = v.value.idNumber;
    else {
      const idv = validateIdNumber(input.idNumber ?? null, today);
      if (idv.ok) id = idv.value.normalized;
    }
    rows.push({ row: r.number, id, input: opts.update ? input : {}, region: regionText(input.regionCode), home: regionText(input.homeRegionCode), value: v.ok ? v.value : null, errors: v.ok ? [] : v.errors, target: null });
    if (rows.length % PROGRESS_EVERY === 0) progress({ phase: 'read', rows: rows.length });
  }
  progress({ phase: 'read', rows: rows.length });

  const label = (f: string) => WORKER_FIELD_LABELS[f as WorkerField] ?? f;
  if (!header) {
    return {
      total: 0,
      valid: 0,
      errors: [{ row: 1, column: label('name'), field: 'name', message: `找不到表头：前 20 行中没有同时包含“${label('name')}”和“${label('idNumber')}”两列的行` }],
      committed: false,
      created: 0,
      updated: 0,
    };
  }
  const head = header;
  const columnOf = (field: string): string => {
    const c = head.columns[field as WorkerField];
    return c !== undefined && head.texts[c] ? head.texts[c] : label(field);
  };

  // A sheet without a required column would fail on every row: say it once.
  const needed: WorkerField[] = opts.update ? [] : ['category', 'position', 'startDate'];
  if (!opts.update && !opts.region) needed.push('regionCode');
  const missing = needed.filter((f) => head.columns[f] === undefined);
  if (missing.length) {
    return {
      total: rows.length,
      valid: 0,
      errors: missing.map((f) => ({
        row: head.row,
        column: label(f),
        field: f,
        message: f === 'regionCode' ? `表中没有“${label(f)}”列：请添加该列，或在导入时指定默认社区` : `表中没有“${label(f)}”列`,
      })),
      committed: false,
      created: 0,
      updated: 0,
    };
  }
  progress({ phase: 'check', rows: rows.length });

  // 2. The same ID number twice in the file: both rows are wrong.
  const firstRow = new Map<string, RowState>();
  for (const r of rows) {
    if (!r.id) continue;
    const first = firstRow.get(r.id);
    if (!first) {
      firstRow.set(r.id, r);
      continue;
    }
    r.errors.push({ field: 'idNumber', message: `身份证号码与第 ${first.row} 行重复` });
    if (!first.errors.some((e) => e.message.startsWith('身份证号码与第'))) first.errors.push({ field: 'idNumber', message: `身份证号码与第 ${r.row} 行重复` });
  }

  // 3. Already on an active record: an update target (update mode, in scope) or a conflict.
  const ids = [...firstRow.keys()];
  const conflicts: string[] = [];
  const targetOf = new Map<string, number>();
  for (let i = 0; i < ids.length; i += BATCH) {
    for (const d of await workerRepository.activeByIdNumbers(db, ids.slice(i, i + BATCH))) {
      if (opts.update && canSeeRegion(actor, d.region_code)) targetOf.set(d.id_number, d.id);
      else conflicts.push(d.id_number);
    }
  }
  const conflictMessages = conflicts.length ? await duplicateMessage(db, actor, conflicts) : new Map<string, string>();
  const targets = new Map((await workerImportRepository.byIdsInScope(db, actor.scope, [...targetOf.values()])).map((w) => [w.id, w]));
  for (const r of rows) {
    if (!r.id) continue;
    const message = conflictMessages.get(r.id);
    if (message) {
      r.errors.push({ field: 'idNumber', message: opts.update || message.startsWith('该人员已在其他地区') ? message : `${message}；如需更新其信息，请选择“更新已有人员”` });
      continue;
    }
    const existing = targetOf.has(r.id) ? targets.get(targetOf.get(r.id)!) : undefined;
    if (!existing) continue;
    // Update: the stored record with this row's editable fields, validated as a whole. Region, position
    // and status change through their own operations, so those cells are not used here.
    r.target = existing.id;
    const merged: WorkerInput = { ...inputOf(existing) };
    for (const f of EDITABLE_FIELDS) if (r.input[f] !== undefined) merged[f] = r.input[f];
    const v = validateWorker(merged, today);
    const dupErrors = r.errors.filter((e) => e.message.startsWith('身份证号码与第'));
    r.errors = [...(v.ok ? [] : v.errors), ...dupErrors];
    r.value = v.ok ? v.value : null;
  }

  // 4. Regions: exist, and inside the caller's scope (the code's level was checked by validateWorker).
  const codes = new Set<string>();
  for (const r of rows) {
    if (r.target !== null) continue;
    if (isRegionCode(r.region)) codes.add(r.region);
    if (isRegionCode(r.home)) codes.add(r.home);
  }
  const known = new Set<string>();
  const codeList = [...codes];
  for (let i = 0; i < codeList.length; i += BATCH) for (const c of await regionRepository.existingCodes(db, codeList.slice(i, i + BATCH))) known.add(c);
  for (const r of rows) {
    if (r.target !== null) continue;
    const code = r.region;
    if (isRegionCode(code) && !r.errors.some((e) => e.field === 'regionCode') && ['community', 'street'].includes(levelOfCode(code) ?? '')) {
      if (!canSeeRegion(actor, code)) r.errors.push({ field: 'regionCode', message: `社区 ${code} 不在您的管辖范围内` });
      else if (!known.has(code)) r.errors.push({ field: 'regionCode', message: `区划 ${code} 不存在` });
    }
    const home = r.home;
    if (isRegionCode(home) && !known.has(home) && !r.errors.some((e) => e.field === 'homeRegionCode')) r.errors.push({ field: 'homeRegionCode', message: `区划 ${home} 不存在` });
  }

  // 5. Report.
  const errors: WorkerImportError[] = [];
  const good: RowState[] = [];
  for (const r of rows) {
    if (r.errors.length === 0 && r.value) {
      good.push(r);
      continue;
    }
    const sorted = [...r.errors].sort((a, b) => (head.columns[a.field as WorkerField] ?? 1e6 + (FIELD_ORDER.get(a.field) ?? 0)) - (head.columns[b.field as WorkerField] ?? 1e6 + (FIELD_ORDER.get(b.field) ?? 0)));
    for (const e of sorted) errors.push({ row: r.row, column: columnOf(e.field), field: e.field, message: e.message });
  }
  const result: WorkerImportResult = { total: rows.length, valid: good.length, errors, committed: false, created: 0, updated: 0 };
  if (errors.length) result.annotate = (out) => writeAnnotated(path, head, maxCols, errors, out);

  // 6. Write: everything or nothing (or the valid rows only, when asked), one transaction, one audit entry.
  const creates = good.filter((r) => r.target === null);
  const updates = good.filter((r) => r.target !== null);
  if (opts.dryRun || (errors.length && opts.mode !== 'valid-only') || good.length === 0) {
    progress({ phase: 'done', rows: rows.length });
    return result;
  }
  progress({ phase: 'write', rows: rows.length });
  try {
    await db.transaction(async (tx) => {
      const createdIds = await workerRepository.insertMany(
        tx,
        creates.map((r) => r.value!),
      );
      const updateIds = updates.map((r) => r.target!);
      const before = await workerImportRepository.byIdsInScope(tx, actor.scope, updateIds);
      await workerImportRepository.updateMany(
        tx,
        updateIds,
        updates.map((r) => r.value!),
      );
      const after = new Map((await workerImportRepository.byIdsInScope(tx, actor.scope, updateIds)).map((w) => [w.id, w]));
      // Updated people get an entry each (their before and after); created ones are listed in the
      // import's own entry, which their history finds by id — 100,000 per-row entries would triple
      // the write (bench/worker-import.ts).
      await writeAuditMany(
        tx,
        actor,
        before.map((b) => ({
          action: 'worker.import.update',
          entityType: 'worker',
          entityId: b.id,
          regionCode: b.region_code,
          before: auditableWorker(b),
          after: auditableWorker(after.get(b.id)!),
        })),
        ctx,
      );
      await writeAudit(
        tx,
        actor,
        {
          action: 'worker.import',
          entityType: 'worker',
          entityId: null,
          regionCode: opts.region ?? actor.regionCode,
          after: {
            file: opts.fileName ?? null,
            mode: opts.mode ?? 'all',
            update: !!opts.update,
            total: rows.length,
            created: creates.length,
            updated: updates.length,
            refused: rows.length - good.length,
            createdIds,
            createdRows: creates.map((r) => r.row),
            updatedIds: updates.map((r) => r.target),
          },
        },
        ctx,
      );
    });
  } catch (e) {
    // Someone registered one of these people while we were checking: nothing was written.
    if ((e as { code?: string }).code === '23505') throw conflict('导入期间有人登记了表中相同身份证号码的人员，未写入任何数据，请重新导入', 'DUPLICATE_ID_NUMBER');
    throw e;
  }
  progress({ phase: 'done', rows: rows.length });
  return { ...result, committed: true, created: creates.length, updated: updates.length };
}

/** The file's rows; a file that is not a readable spreadsheet is the caller's error, not ours. */
async function* readable(path: string): AsyncGenerator<{ number: number; cells: Cell[] }> {
  try {
    yield* streamRows(path);
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw invalid('file', '无法读取该文件：请上传 .xlsx（Excel 2007 及以上版本）或 .csv 文件', 'FILE_UNREADABLE');
  }
}

const headerText = (v: Cell) => String(v ?? '').trim().replace(/[*＊]+$/, '').trim();
const regionText = (v: unknown): string => (typeof v === 'number' ? v.toFixed(0) : typeof v === 'string' ? v.replace(/\s/g, '') : '');

/**
 * The uploaded sheet again, row for row, with an 错误说明 column after the last one: bad cells filled
 * red with a note, each bad row's messages in the new column. Streamed in and out.
 */
async function writeAnnotated(path: string, head: Header, maxCols: number, errors: WorkerImportError[], out: string): Promise<void> {
  const byRow = new Map<number, WorkerImportError[]>();
  for (const e of errors) {
    const list = byRow.get(e.row);
    if (list) list.push(e);
    else byRow.set(e.row, [e]);
  }
  const noteCol = Math.max(maxCols, head.texts.length) + 1;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('错误说明');
  ws.getColumn(noteCol).width = 60;
  for (const [field, c] of Object.entries(head.columns) as [WorkerField, number][]) {
    const def = WORKER_COLUMNS.find((x) => x.field === field);
    if (def) ws.getColumn(c + 1).width = def.width;
  }
  const red = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFC7CE' } };
  for await (const r of streamRows(path)) {
    const row = ws.getRow(r.number);
    r.cells.forEach((v, i) => {
      if (v === null || v === undefined) return;
      const cell = row.getCell(i + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
    if (r.number === head.row) {
      const cell = row.getCell(noteCol);
      cell.value = '错误说明';
      cell.font = { bold: true, color: { argb: 'FFC00000' } };
    }
    const list = byRow.get(r.number);
    if (list) {
      const perCell = new Map<number, string[]>();
      for (const e of list) {
        const c = head.columns[e.field as WorkerField];
        if (c === undefined) continue;
        const m = perCell.get(c);
        if (m) m.push(e.message);
        else perCell.set(c, [e.message]);
      }
      for (const [c, messages] of perCell) {
        const cell = row.getCell(c + 1);
        cell.fill = red;
        cell.note = messages.join('\n');
      }
      const cell = row.getCell(noteCol);
      cell.value = list.map((e) => `【${e.column}】${e.message}`).join('；');
      cell.font = { color: { argb: 'FFC00000' } };
      cell.fill = red;
    }
    row.commit();
  }
  await ws.commit();
  await wb.commit();
}

// ---------------------------------------------------------------------------------------------
// Error reports kept for download (HTTP): a temp file per report, for one hour, for its uploader only.

const REPORT_DIR = join(tmpdir(), 'shequ-import-reports');
const REPORT_TTL_MS = 60 * 60 * 1000;

const ownerTag = (actor: Actor) => createHash('sha256').update(`${actor.type}:${actor.id}`).digest('hex').slice(0, 16);
const reportFile = (reportId: string, actor: Actor) => join(REPORT_DIR, `${reportId}-${ownerTag(actor)}.xlsx`);

/** Writes the annotated workbook of `result` and returns its id, or null when there is nothing to report. */
export async function keepErrorReport(actor: Actor, result: WorkerImportResult, now = Date.now()): Promise<string | null> {
  if (!result.annotate) return null;
  mkdirSync(REPORT_DIR, { recursive: true, mode: 0o700 });
  for (const f of readdirSync(REPORT_DIR)) {
    try {
      if (now - statSync(join(REPORT_DIR, f)).mtimeMs > REPORT_TTL_MS) rmSync(join(REPORT_DIR, f), { force: true });
    } catch {
      /* removed by another request */
    }
  }
  const reportId = randomBytes(16).toString('hex');
  await result.annotate(reportFile(reportId, actor));
  return reportId;
}

/** The path of a kept report: only the uploader gets it, and only within the hour. */
export function errorReportPath(actor: Actor, reportId: string, now = Date.now()): string {
  if (!can(actor, 'worker.import')) throw forbidden();
  const notThere = () => notFound('错误报告', 'REPORT_NOT_FOUND');
  if (!/^[0-9a-f]{32}$/.test(reportId)) throw notThere();
  const file = reportFile(reportId, actor);
  try {
    if (now - statSync(file).mtimeMs > REPORT_TTL_MS) throw notThere();
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw notThere();
  }
  return file;
}
