/**
 * `GET /api/workers/export.xlsx` and `shequ export workers`: any filtered worker list as .xlsx, streamed
 * (exceljs WorkbookWriter) page by page from the database, so 100,000 rows never sit in memory.
 * ID and phone numbers are masked unless `reveal` is asked for and the role may; every export is
 * audited with its filter and row count before any row leaves.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Database } from '../db/database.js';
import { type WorkerRow, workerRepository } from '../db/repositories/worker.repository.js';
import { ageOn } from '../domain/dates.js';
import { forbidden } from '../domain/errors.js';
import { maskIdNumber, maskPhone } from '../domain/id-number.js';
import { type Actor, can } from '../domain/permissions.js';
import {
  CATEGORIES,
  EDUCATIONS,
  GENDERS,
  PERIOD_ENDS,
  POLITICAL_STATUSES,
  POSITIONS,
  QUALIFICATIONS,
  STATUSES,
} from '../domain/worker-vocab.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { mayReveal, todayOf, type WorkerSearchInput, workerFilter } from './worker.service.js';

export type WorkerExportFilter = Omit<WorkerSearchInput, 'page' | 'pageSize' | 'sort' | 'desc'>;

const label = (table: Record<string, string>, v: string | null) => (v === null ? null : (table[v] ?? v));
const yes = (b: boolean) => (b ? '是' : '否');

/** Export columns; the headers match the import's so an exported sheet can be re-imported (update mode). */
const COLUMNS: {
  header: string;
  width: number;
  value: (w: WorkerRow, reveal: boolean, today: string) => string | number | null;
}[] = [
  { header: '人员编号', width: 9, value: (w) => w.id },
  { header: '姓名', width: 10, value: (w) => w.name },
  { header: '公民身份号码', width: 21, value: (w, r) => (r ? w.id_number : maskIdNumber(w.id_number)) },
  { header: '性别', width: 6, value: (w) => label(GENDERS, w.gender) },
  { header: '出生日期', width: 11, value: (w) => w.birth_date },
  { header: '年龄', width: 6, value: (w, _r, today) => ageOn(w.birth_date, today) },
  { header: '民族', width: 8, value: (w) => w.ethnicity },
  { header: '政治面貌', width: 12, value: (w) => label(POLITICAL_STATUSES, w.political_status) },
  { header: '最高学历', width: 11, value: (w) => label(EDUCATIONS, w.education) },
  { header: '全日制学历', width: 11, value: (w) => label(EDUCATIONS, w.education_fulltime) },
  { header: '所学专业', width: 14, value: (w) => w.major },
  { header: '是否社会工作专业', width: 9, value: (w) => yes(w.social_work_major) },
  { header: '手机号码', width: 13, value: (w, r) => (w.phone ? (r ? w.phone : maskPhone(w.phone)) : null) },
  { header: '人员类别', width: 18, value: (w) => label(CATEGORIES, w.category) },
  { header: '职务', width: 16, value: (w) => label(POSITIONS, w.position) },
  { header: '状态', width: 7, value: (w) => label(STATUSES, w.status) },
  { header: '所在社区代码', width: 14, value: (w) => w.region_code },
  { header: '所在社区', width: 20, value: (w) => w.region_name },
  { header: '所属街道（乡镇）', width: 14, value: (w) => w.street_name },
  { header: '参加社区工作日期', width: 12, value: (w) => w.hired_on },
  { header: '居住地区划代码', width: 14, value: (w) => w.home_region_code },
  { header: '是否退役军人', width: 8, value: (w) => yes(w.veteran) },
  { header: '是否高校毕业生', width: 8, value: (w) => yes(w.graduate_entrant) },
  { header: '毕业年份', width: 8, value: (w) => w.graduate_year },
  { header: '职业水平', width: 14, value: (w) => label(QUALIFICATIONS, w.qualification) },
  { header: '离岗类型', width: 8, value: (w) => label(PERIOD_ENDS, w.exit_type) },
  { header: '离岗日期', width: 11, value: (w) => w.exit_date },
  { header: '离岗原因', width: 20, value: (w) => w.exit_reason },
];

const PAGE = 10_000;

/** The next page is fetched while the current one is written. */
async function* prefetched<T>(pages: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = pages.next();
  for (;;) {
    const r = await next;
    if (r.done) return;
    next = pages.next();
    yield r.value;
  }
}

export interface PreparedExport {
  /** Rows the filter matched when the export was audited. */
  total: number;
  reveal: boolean;
  /** A download name like 社区工作者名册-2026-11-28.xlsx */
  fileName: string;
  /** Streams the workbook into `out` (ends it); resolves with the number of rows written. */
  write(out: Writable, onRows?: (n: number) => void): Promise<number>;
}

/**
 * Checks the caller may export this list (and reveal, if asked), writes the audit entry, and returns
 * the writer. Errors (403, out of scope) are thrown here, before any byte of the file is sent.
 */
export async function workerExporter(
  db: Database,
  actor: Actor,
  filterInput: WorkerExportFilter,
  opts: { reveal?: boolean } = {},
  ctx: RequestContext = {},
): Promise<PreparedExport> {
  if (!can(actor, 'worker.export')) throw forbidden();
  const reveal = !!opts.reveal;
  if (reveal && !mayReveal(actor)) throw forbidden('您的角色不能导出完整的身份证号码和手机号码', 'REVEAL_FORBIDDEN');
  const today = todayOf(ctx);
  const filter = await workerFilter(db, actor, filterInput, today);
  const { total } = await workerRepository.search(db, filter, 'id', false, 0, 0);
  await db.transaction((tx) =>
    writeAudit(
      tx,
      actor,
      {
        action: 'worker.export',
        entityType: 'worker',
        entityId: null,
        regionCode: filterInput.region ?? actor.regionCode,
        after: { filter: filterInput, reveal, rows: total },
      },
      ctx,
    ),
  );
  return {
    total,
    reveal,
    fileName: `社区工作者名册-${today}.xlsx`,
    async write(out, onRows) {
      // No cell styles: exceljs looks every styled cell up in its style table, a third of the time for
      // 100k rows. Numbers that must stay text (ID, phone, codes) are written as strings, so Excel keeps them.
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      const ws = wb.addWorksheet('人员名册', { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
      ws.getRow(1).commit();
      let n = 0;
      for await (const page of prefetched(workerRepository.scan(db, filter, PAGE))) {
        for (const w of page) ws.addRow(COLUMNS.map((c) => c.value(w, reveal, today))).commit();
        n += page.length;
        onRows?.(n);
      }
      await ws.commit();
      await wb.commit();
      return n;
    },
  };
}
