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
import type { Database, Queryable } from '../db/database.js';
import { regionRepository } from '../db/repositories/region.repository.js';
import { type WorkerRow, workerRepository } from '../db/repositories/worker.repository.js';
import { WORKER_COPY_ROWS, workerImportRepository } from '../db/repositories/worker-import.repository.js';
import type { FieldError } from '../domain/errors.js';
import { conflict, DomainError, forbidden, invalid, notFound, outOfScope } from '../domain/errors.js';
import { validateIdNumber } from '../domain/id-number.js';
import { type Actor, can, canSeeRegion, type Permission } from '../domain/permissions.js';
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
  /** Rows checked and written ahead together (default BATCH); tests use small chunks to cross their edges. */
  chunkRows?: number;
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

/**
 * A row while its chunk is checked, and afterwards only if it has an error or updates a worker: a row
 * that creates a worker is then just its row number and new id in `RowColumns` (100,000 of these
 * objects, kept to the end, were a third of the import's V8 heap).
 */
interface RowState {
  /** Data row index (0-based, blank rows not counted): its place in RowColumns. */
  index: number;
  row: number;
  /** Normalised ID number when it is valid. */
  id: string | null;
  /** The cells as read (update mode only: merged onto the stored record); dropped once the row is checked. */
  input: WorkerInput | null;
  /** The region and home-region cells as written (or the default region); dropped once the row is checked. */
  region: string;
  home: string;
  /** Validated value; dropped once a new worker is written (kept for updates, written at the end). */
  value: ValidWorker | null;
  /** The form's rules (or, for an update, the rules on the merged record). */
  errors: FieldError[];
  /** "Same ID number as row n": can arrive after the row was written (a later row repeats it). */
  dups: FieldError[];
  /** Against the database: an existing record, the region. */
  checks: FieldError[];
  /** Worker this row updates (update mode). */
  target: number | null;
  /** Passed the form's rules and the database checks when its chunk was checked. */
  ok: boolean;
}

/** Per data row, by index: the row number and the id of the worker written ahead for it (NaN until then). */
class RowColumns {
  private rowNo = new Int32Array(1024);
  private ids = new Float64Array(1024);
  length = 0;

  push(row: number): number {
    if (this.length === this.rowNo.length) {
      const rowNo = new Int32Array(this.length * 2);
      rowNo.set(this.rowNo);
      this.rowNo = rowNo;
      const ids = new Float64Array(this.length * 2).fill(Number.NaN);
      ids.set(this.ids);
      this.ids = ids;
    }
    this.rowNo[this.length] = row;
    this.ids[this.length] = Number.NaN;
    return this.length++;
  }

  row(index: number): number {
    return this.rowNo[index];
  }

  /** The id written ahead for the row, or null. */
  written(index: number): number | null {
    const id = this.ids[index];
    return Number.isNaN(id) ? null : id;
  }

  setWritten(index: number, id: number): void {
    this.ids[index] = id;
  }
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
const DUP_PREFIX = '身份证号码与第';

const blank = (v: Cell | undefined) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const hasErrors = (r: RowState) => r.errors.length + r.dups.length + r.checks.length > 0;

/** The default region of an import: a community or street that exists inside the actor's scope. */
export async function checkImportRegion(db: Database, actor: Actor, code: string | undefined): Promise<void> {
  if (code === undefined || code === '') return;
  if (!isRegionCode(code)) throw invalid('region', '默认社区代码应为 12 位数字');
  if (!canSeeRegion(actor, code)) throw outOfScope();
  const r = await regionRepository.exists(db, code);
  if (!r) throw invalid('region', `区划 ${code} 不存在`);
  if (r.level !== 'community' && r.level !== 'street') throw invalid('region', '默认所在单位应为社区或街道（乡镇）');
}

/** Thrown inside the import's transaction to undo what was written ahead, carrying the result to return. */
class Undo extends Error {
  constructor(readonly result: WorkerImportResult) {
    super('import rolled back');
  }
}

/**
 * The import runs as one pass over the file in chunks of BATCH rows: each chunk is validated, checked
 * against the database and the rows before it, and its new workers are COPYed into the import's
 * transaction while the next chunk is read (PostgreSQL works on one core, the reader on the other).
 * What is written ahead is undone by rolling back when the file turns out to have an error (all-or-
 * nothing), or deleted again when a later row repeats a written row's ID number (valid-only). The
 * report, the counts and the audit entries are those of checking the whole file first.
 */
export async function workerImporter(
  db: Database,
  actor: Actor,
  path: string,
  opts: WorkerImportOptions = {},
  ctx: RequestContext = {},
): Promise<WorkerImportResult> {
  if (!can(actor, 'worker.import')) throw forbidden();
  await checkImportRegion(db, actor, opts.region);
  if (opts.dryRun) return (await importPass(db, null, actor, path, opts, ctx)).result;
  try {
    return await db.transaction(async (tx) => {
      const pass = await importPass(db, tx, actor, path, opts, ctx);
      if (!pass.commit) throw new Undo(pass.result);
      await pass.commit();
      return pass.result;
    });
  } catch (e) {
    if (e instanceof Undo) return e.result;
    // Someone registered one of these people while we were checking: nothing was written.
    if ((e as { code?: string }).code === '23505')
      throw conflict('导入期间有人登记了表中相同身份证号码的人员，未写入任何数据，请重新导入', 'DUPLICATE_ID_NUMBER');
    throw e;
  }
}

/**
 * Reads, validates and checks the file; with `tx`, writes the new workers ahead as it goes. Returns the
 * result and, when the import is to be committed, what finishes it (updates, removals, audit).
 */
async function importPass(
  db: Database,
  tx: Queryable | null,
  actor: Actor,
  path: string,
  opts: WorkerImportOptions,
  ctx: RequestContext,
): Promise<{ result: WorkerImportResult; commit?: () => Promise<void> }> {
  const today = todayOf(ctx);
  const progress = opts.onProgress ?? (() => {});
  // Checks read outside the transaction on PostgreSQL (another connection, while this one COPYs);
  // PGlite has one connection, held by the transaction.
  const check: Queryable = tx && db.engine !== 'postgres' ? tx : db;
  const overlap = !!tx && db.engine === 'postgres';
  const label = (f: string) => WORKER_FIELD_LABELS[f as WorkerField] ?? f;
  // (Larger chunks on PGlite, tried: no faster, more memory.)
  const chunkRows = opts.chunkRows ?? BATCH;

  const pending: Cell[][] = [];
  const pendingNumbers: number[] = [];
  let header: Header | null = null;
  let missing: WorkerField[] = [];
  let maxCols = 0;
  // Every data row's number and new id; the state of the rows that need more (see RowState).
  const rows = new RowColumns();
  const kept = new Map<number, RowState>();
  let entries: [WorkerField, number][] = [];
  let chunk: RowState[] = [];
  let total = 0;
  let anyError = false;

  // Across chunks: the first row (index) of each ID number, what the database holds for each, region codes.
  const firstRow = new Map<string, number>();
  const conflictOf = new Map<string, string>();
  const targetOf = new Map<string, WorkerRow>();
  const knownCodes = new Set<string>();
  const lookedUpCodes = new Set<string>();

  // One chunk's write may be in flight while the next chunk is read.
  let inflight: Promise<void> = Promise.resolve();
  let allocated: Promise<number[]> = Promise.resolve([]);
  let writeFailure: { e: unknown } | null = null;
  const settle = async () => {
    await inflight;
    if (writeFailure) throw writeFailure.e;
  };
  const write = async (news: RowState[]) => {
    // Ids come from the sequence on the checking connection, while the previous chunk is still written;
    // one allocation after the other, so that ids ascend in the file's order as they did by INSERT.
    if (tx!.copyFrom) allocated = allocated.then(() => workerImportRepository.allocateIds(check, news.length));
    const ids = tx!.copyFrom ? allocated : Promise.resolve([]);
    ids.catch(() => {}); // awaited by insertNew; a failure there is the write's failure
    await settle();
    const values = news.map((r) => r.value!);
    for (const r of news) r.value = null;
    // PGlite: the worker rows in statements of WORKER_COPY_ROWS (its heap never shrinks); PostgreSQL: one.
    const perStatement = db.engine === 'postgres' ? Number.POSITIVE_INFINITY : WORKER_COPY_ROWS;
    const p = workerImportRepository.insertNew(tx!, values, ids, perStatement).then((ids) => {
      for (let i = 0; i < news.length; i++) rows.setWritten(news[i].index, ids[i]);
    });
    inflight = p.then(
      () => {},
      (e) => {
        writeFailure = { e };
      },
    );
    if (!overlap) await settle();
  };

  /** The state of a row: a kept one, or a row that passed when its chunk was checked, made again. */
  const stateOf = (index: number): RowState => {
    let r = kept.get(index);
    if (!r) {
      r = {
        index,
        row: rows.row(index),
        id: null,
        input: null,
        region: '',
        home: '',
        value: null,
        errors: [],
        dups: [],
        checks: [],
        target: null,
        ok: true,
      };
      kept.set(index, r);
    }
    return r;
  };

  const checkChunk = async (chunk: RowState[]) => {
    // 2. The same ID number twice in the file: both rows are wrong.
    const fresh: string[] = [];
    for (const r of chunk) {
      if (!r.id) continue;
      const firstIndex = firstRow.get(r.id);
      if (firstIndex === undefined) {
        firstRow.set(r.id, r.index);
        fresh.push(r.id);
        continue;
      }
      const first = stateOf(firstIndex);
      r.dups.push({ field: 'idNumber', message: `${DUP_PREFIX} ${first.row} 行重复` });
      anyError = true;
      if (!first.dups.length && !first.errors.some((e) => e.message.startsWith(DUP_PREFIX))) {
        first.dups.push({ field: 'idNumber', message: `${DUP_PREFIX} ${r.row} 行重复` });
      }
    }

    // 3. Already on an active record: an update target (update mode, in scope) or a conflict.
    const conflicts: string[] = [];
    const targetIds: number[] = [];
    for (let i = 0; i < fresh.length; i += BATCH) {
      for (const d of await workerRepository.activeByIdNumbers(check, fresh.slice(i, i + BATCH))) {
        if (opts.update && canSeeRegion(actor, d.region_code)) targetIds.push(d.id);
        else conflicts.push(d.id_number);
      }
    }
    if (conflicts.length) for (const [k, v] of await duplicateMessage(check, actor, conflicts)) conflictOf.set(k, v);
    if (targetIds.length)
      for (const w of await workerImportRepository.byIdsInScope(check, actor.scope, targetIds))
        targetOf.set(w.id_number, w);
    for (const r of chunk) {
      if (!r.id) continue;
      const message = conflictOf.get(r.id);
      if (message) {
        r.checks.push({
          field: 'idNumber',
          message:
            opts.update || message.startsWith('该人员已在其他地区')
              ? message
              : `${message}；如需更新其信息，请选择“更新已有人员”`,
        });
        continue;
      }
      const existing = targetOf.get(r.id);
      if (!existing) continue;
      // Update: the stored record with this row's editable fields, validated as a whole. Region, position
      // and status change through their own operations, so those cells are not used here.
      r.target = existing.id;
      const merged: WorkerInput = { ...inputOf(existing) };
      for (const f of EDITABLE_FIELDS) if (r.input?.[f] !== undefined) merged[f] = r.input[f];
      const v = validateWorker(merged, today);
      r.errors = v.ok ? [] : v.errors;
      r.value = v.ok ? v.value : null;
    }

    // 4. Regions: exist, and inside the caller's scope (the code's level was checked by validateWorker).
    const codes: string[] = [];
    for (const r of chunk) {
      if (r.target !== null) continue;
      for (const c of [r.region, r.home]) {
        if (isRegionCode(c) && !lookedUpCodes.has(c)) {
          lookedUpCodes.add(c);
          codes.push(c);
        }
      }
    }
    for (let i = 0; i < codes.length; i += BATCH)
      for (const c of await regionRepository.existingCodes(check, codes.slice(i, i + BATCH))) knownCodes.add(c);
    const news: RowState[] = [];
    for (const r of chunk) {
      if (r.target === null) {
        const code = r.region;
        if (
          isRegionCode(code) &&
          !r.errors.some((e) => e.field === 'regionCode') &&
          ['community', 'street'].includes(levelOfCode(code) ?? '')
        ) {
          if (!canSeeRegion(actor, code))
            r.checks.push({ field: 'regionCode', message: `社区 ${code} 不在您的管辖范围内` });
          else if (!knownCodes.has(code)) r.checks.push({ field: 'regionCode', message: `区划 ${code} 不存在` });
        }
        const home = r.home;
        if (isRegionCode(home) && !knownCodes.has(home) && !r.errors.some((e) => e.field === 'homeRegionCode'))
          r.checks.push({ field: 'homeRegionCode', message: `区划 ${home} 不存在` });
      }
      r.input = null;
      r.region = '';
      r.home = '';
      if (hasErrors(r) || !r.value) {
        anyError = true;
        r.value = null;
        continue;
      }
      r.ok = true;
      if (r.target === null) news.push(r);
    }
    // 5. Write the chunk's new workers ahead, unless the import will not commit anyway.
    const writing = !!tx && (opts.mode === 'valid-only' || !anyError);
    if (writing && news.length) await write(news);
    else if (!writing) for (const r of news) r.value = null;
    // A row that creates a worker is its RowColumns entry from now on (stateOf brings it back).
    for (const r of news) kept.delete(r.index);
  };

  try {
    // 1. Read and validate every row, streaming; the rows are kept only as their state.
    for await (const r of readable(path)) {
      if (r.cells.length > maxCols) maxCols = r.cells.length;
      if (!header) {
        pending.push(r.cells);
        pendingNumbers.push(r.number);
        const h = findHeader<WorkerField>(pending, WORKER_HEADER_LABELS, ['name', 'idNumber']);
        if (h) {
          header = {
            row: pendingNumbers[h.headerRow],
            columns: h.columns,
            texts: pending[h.headerRow].map(headerText),
          };
          entries = Object.entries(h.columns) as [WorkerField, number][];
          // A sheet without a required column would fail on every row: say it once.
          const needed: WorkerField[] = opts.update ? [] : ['category', 'position', 'startDate'];
          if (!opts.update && !opts.region) needed.push('regionCode');
          const cols = h.columns;
          missing = needed.filter((f) => cols[f] === undefined);
        } else if (pending.length >= 20) break;
        continue;
      }
      const cells = r.cells;
      if (cells.every(blank)) continue;
      total++;
      if (missing.length) continue; // counted only
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
      const state: RowState = {
        index: rows.push(r.number),
        row: r.number,
        id,
        input: opts.update ? input : null,
        region: regionText(input.regionCode),
        home: regionText(input.homeRegionCode),
        value: v.ok ? v.value : null,
        errors: v.ok ? [] : v.errors,
        dups: [],
        checks: [],
        target: null,
        ok: false,
      };
      kept.set(state.index, state);
      chunk.push(state);
      if (chunk.length === chunkRows) {
        await checkChunk(chunk);
        chunk = [];
      }
      if (total % PROGRESS_EVERY === 0) progress({ phase: 'read', rows: total });
    }
    progress({ phase: 'read', rows: total });
    if (header && !missing.length) {
      progress({ phase: 'check', rows: total });
      if (chunk.length) await checkChunk(chunk);
    }
    await settle();
  } finally {
    await inflight;
  }

  if (!header) {
    return {
      result: {
        total: 0,
        valid: 0,
        errors: [
          {
            row: 1,
            column: label('name'),
            field: 'name',
            message: `找不到表头：前 20 行中没有同时包含“${label('name')}”和“${label('idNumber')}”两列的行`,
          },
        ],
        committed: false,
        created: 0,
        updated: 0,
      },
    };
  }
  const head = header;
  if (missing.length) {
    return {
      result: {
        total,
        valid: 0,
        errors: missing.map((f) => ({
          row: head.row,
          column: label(f),
          field: f,
          message:
            f === 'regionCode'
              ? `表中没有“${label(f)}”列：请添加该列，或在导入时指定默认社区`
              : `表中没有“${label(f)}”列`,
        })),
        committed: false,
        created: 0,
        updated: 0,
      },
    };
  }
  const columnOf = (field: string): string => {
    const c = head.columns[field as WorkerField];
    return c !== undefined && head.texts[c] ? head.texts[c] : label(field);
  };

  // 6. Report: every bad row, its errors in column order.
  const errors: WorkerImportError[] = [];
  /** Indexes of the rows that create a worker. */
  const creates: number[] = [];
  const updates: RowState[] = [];
  const undo: number[] = [];
  const key = (e: FieldError) => head.columns[e.field as WorkerField] ?? 1e6 + (FIELD_ORDER.get(e.field) ?? 0);
  for (let i = 0; i < rows.length; i++) {
    const r = kept.get(i);
    if (!r || (r.ok && !hasErrors(r))) {
      if (!r || r.target === null) creates.push(i);
      else updates.push(r);
      continue;
    }
    const written = rows.written(i);
    if (written !== null) undo.push(written);
    const sorted = [...r.errors, ...r.dups, ...r.checks].sort((a, b) => key(a) - key(b));
    for (const e of sorted) errors.push({ row: r.row, column: columnOf(e.field), field: e.field, message: e.message });
  }
  const valid = creates.length + updates.length;
  const result: WorkerImportResult = { total, valid, errors, committed: false, created: 0, updated: 0 };
  if (errors.length) result.annotate = (out) => writeAnnotated(path, head, maxCols, errors, out);
  if (!tx || (errors.length && opts.mode !== 'valid-only') || valid === 0) {
    progress({ phase: 'done', rows: total });
    return { result };
  }

  // 7. Finish the write: take back the rows a later row repeated, the updates, the audit entries.
  const commit = async () => {
    progress({ phase: 'write', rows: total });
    const unwritten = creates.find((i) => rows.written(i) === null);
    if (unwritten !== undefined) throw new Error(`row ${rows.row(unwritten)} was not written ahead`);
    await workerImportRepository.removeNew(tx, undo);
    const updateIds = updates.map((r) => r.target!);
    // Locked, so an edit made meanwhile is in `before` (the audit chain of each person stays whole) or waits.
    const before = await workerImportRepository.byIdsInScope(tx, actor.scope, updateIds, true);
    const gone = updateIds.length - before.filter((w) => w.status !== 'exited').length;
    if (gone) throw conflict(`导入期间有 ${gone} 人已离岗或调出您的辖区，未写入任何数据，请重新导入`, 'WORKER_CHANGED');
    await workerImportRepository.updateMany(
      tx,
      updateIds,
      updates.map((r) => r.value!),
    );
    const after = new Map(
      (await workerImportRepository.byIdsInScope(tx, actor.scope, updateIds)).map((w) => [w.id, w]),
    );
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
          total,
          created: creates.length,
          updated: updates.length,
          refused: total - valid,
          createdIds: creates.map((i) => rows.written(i)),
          createdRows: creates.map((i) => rows.row(i)),
          updatedIds: updates.map((r) => r.target),
        },
      },
      ctx,
    );
    progress({ phase: 'done', rows: total });
    result.committed = true;
    result.created = creates.length;
    result.updated = updates.length;
  };
  return { result, commit };
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

const headerText = (v: Cell) =>
  String(v ?? '')
    .trim()
    .replace(/[*＊]+$/, '')
    .trim();
const regionText = (v: unknown): string =>
  typeof v === 'number' ? v.toFixed(0) : typeof v === 'string' ? v.replace(/\s/g, '') : '';

/**
 * The uploaded sheet again, row for row, with an 错误说明 column after the last one: bad cells filled
 * red with a note, each bad row's messages in the new column. Streamed in and out.
 */
async function writeAnnotated(
  path: string,
  head: Header,
  maxCols: number,
  errors: WorkerImportError[],
  out: string,
): Promise<void> {
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
export async function keepErrorReport(
  actor: Actor,
  result: Pick<WorkerImportResult, 'annotate'>,
  now = Date.now(),
): Promise<string | null> {
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
export function errorReportPath(
  actor: Actor,
  reportId: string,
  now = Date.now(),
  permission: Permission = 'worker.import',
): string {
  if (!can(actor, permission)) throw forbidden();
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
