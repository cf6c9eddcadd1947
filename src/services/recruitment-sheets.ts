/**
 * The applicant spreadsheet of a recruitment plan (F-RECRUIT): the import template with dropdowns for
 * the coded columns (学历, 政治面貌, 是/否, 职业水平, and the plan's own 报考社区) and a 说明 sheet, and
 * the error report — the uploaded sheet again with every bad cell marked — kept for its uploader like
 * the worker import's (worker-import.service.ts keepErrorReport).
 */
import ExcelJS from 'exceljs';
import type { Actor } from '../domain/permissions.js';
import { EDUCATIONS, POLITICAL_STATUSES, QUALIFICATIONS } from '../domain/worker-vocab.js';
import type { Cell } from './spreadsheet.js';
import { errorReportPath, keepErrorReport } from './worker-import.service.js';
import { addListDropdowns } from './worker-template.js';

const YES_NO = ['是', '否'] as const;

export interface ApplicantColumn {
  field: string;
  label: string;
  required: boolean;
  list?: readonly string[];
  text?: boolean;
  width: number;
  help: string;
  example: string;
}

/** Template columns in order; `post`'s list is the plan's communities. Labels match the import's (recruitment.service APPLICANT_LABELS). */
export function applicantColumns(postNames: string[]): ApplicantColumn[] {
  return [
    { field: 'name', label: '姓名', required: true, width: 10, help: '不超过 50 个字', example: '岩温' },
    {
      field: 'idNumber',
      label: '公民身份号码',
      required: true,
      text: true,
      width: 22,
      help: '18 位居民身份证号码，末位可为 X；本列为文本格式，性别和出生日期由号码得出',
      example: '532822199602020011',
    },
    {
      field: 'phone',
      label: '手机号码',
      required: false,
      text: true,
      width: 14,
      help: '11 位中国大陆手机号码',
      example: '13800001111',
    },
    {
      field: 'education',
      label: '学历',
      required: false,
      list: Object.values(EDUCATIONS),
      width: 12,
      help: '最高学历；计划有学历要求时据此审查',
      example: '大学本科',
    },
    { field: 'major', label: '所学专业', required: false, width: 14, help: '', example: '社会工作' },
    {
      field: 'politicalStatus',
      label: '政治面貌',
      required: false,
      list: Object.values(POLITICAL_STATUSES),
      width: 12,
      help: '计划要求中共党员时据此审查（预备党员视同）',
      example: '中共党员',
    },
    {
      field: 'homeRegionCode',
      label: '居住地区划代码',
      required: false,
      text: true,
      width: 16,
      help: '12 位统计用区划代码；计划限定户籍或居住地时据此审查，也用于“就近就便”',
      example: '532822101001',
    },
    {
      field: 'graduate',
      label: '是否高校毕业生',
      required: false,
      list: YES_NO,
      width: 10,
      help: '是 或 否，不填为否；填“是”时须填毕业年份（优待加分）',
      example: '是',
    },
    { field: 'graduateYear', label: '毕业年份', required: false, width: 8, help: '四位年份，如 2018', example: '2018' },
    {
      field: 'veteran',
      label: '是否退役军人',
      required: false,
      list: YES_NO,
      width: 10,
      help: '是 或 否，不填为否（优待加分）',
      example: '否',
    },
    {
      field: 'socialWork',
      label: '是否社会工作专业',
      required: false,
      list: YES_NO,
      width: 10,
      help: '是 或 否，不填为否（优待加分）',
      example: '是',
    },
    {
      field: 'gridWorker',
      label: '是否网格员',
      required: false,
      list: YES_NO,
      width: 10,
      help: '是 或 否，不填为否；网格员转聘加分，聘用后来源为网格员转聘',
      example: '否',
    },
    {
      field: 'post',
      label: '报考社区',
      required: postNames.length > 1,
      list: postNames,
      width: 22,
      help: '本计划设岗的社区（名称或 12 位区划代码）；只有一个岗位时可不填',
      example: postNames[0] ?? '',
    },
    {
      field: 'writtenScore',
      label: '笔试成绩',
      required: false,
      width: 9,
      help: '0–100，至多两位小数；可以先不填，之后在页面上录入',
      example: '80',
    },
    {
      field: 'interviewScore',
      label: '面试成绩',
      required: false,
      width: 9,
      help: '0–100，至多两位小数',
      example: '90',
    },
    {
      field: 'localHukou',
      label: '是否本地户籍',
      required: false,
      list: YES_NO,
      width: 10,
      help: '计划要求“本地户籍或居住满 N 年”时据此审查；不填为未知（待确认）',
      example: '是',
    },
    { field: 'residenceYears', label: '本地居住年限', required: false, width: 10, help: '整年数，0–100', example: '' },
    {
      field: 'noRecordDeclared',
      label: '无违法犯罪记录承诺',
      required: false,
      list: YES_NO,
      width: 12,
      help: '是否已签署无违法犯罪记录承诺；不填为未收到（待确认）',
      example: '是',
    },
    {
      field: 'qualification',
      label: '社会工作者职业水平',
      required: false,
      list: Object.values(QUALIFICATIONS),
      width: 14,
      help: '计划要求社会工作者职业资格时据此审查；没有则不填',
      example: '助理社会工作师',
    },
  ];
}

const LISTS_SHEET = '代码表';
const TEMPLATE_ROWS = 2_000;

/** The plan's import template as an .xlsx buffer: title row, header row, dropdowns, text columns, a 说明 sheet. */
export async function buildApplicantTemplate(planTitle: string, postNames: string[]): Promise<Buffer> {
  const columns = applicantColumns(postNames);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'shequ';
  const ws = wb.addWorksheet('报名人员', { views: [{ state: 'frozen', ySplit: 2 }] });
  const help = wb.addWorksheet('说明');
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  ws.columns = columns.map((c) => ({ key: c.field, width: c.width, style: c.text ? { numFmt: '@' } : {} }));
  ws.mergeCells(1, 1, 1, columns.length);
  const title = ws.getCell(1, 1);
  title.value = `${planTitle}　报名人员导入表　带 * 的列必填，填写要求见“说明”工作表；请勿修改第 2 行表头`;
  title.font = { bold: true, size: 14 };
  const header = ws.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.required ? `${c.label}*` : c.label;
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.numFmt = 'General';
  });
  header.height = 30;
  addListDropdowns(ws, lists, columns, TEMPLATE_ROWS);
  help.columns = [
    { header: '列名', key: 'label', width: 18 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写要求', key: 'help', width: 70 },
    { header: '可选值', key: 'values', width: 50 },
    { header: '示例', key: 'example', width: 22 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) {
    help.addRow({
      label: c.label,
      required: c.required ? '必填' : '选填',
      help: [c.help, c.text ? '文本格式' : ''].filter(Boolean).join('；'),
      values: c.list?.join('、') ?? '',
      example: c.example,
    }).alignment = {
      wrapText: true,
      vertical: 'top',
    };
  }
  help.addRow([]);
  for (const line of [
    '填写须知：',
    '1. 第 2 行为表头，请勿修改；列的顺序可以调整，表头上方可以有标题行。带 * 的列必填。',
    '2. 公民身份号码、手机号码、区划代码列为文本格式；若号码被 Excel 存成数字，末几位已经丢失，须重新录入。',
    '3. 导入时逐行校验（与人员名册相同的身份证号码、手机号码、学历等规则），同一身份证号码在表中或本计划中只能出现一次。',
    '4. 任何一行有错则全部不写入；页面会列出每一处错误，并可下载标注了错误的表格，改正后重新导入。',
    '5. 体检结论、其他资格条件由县级在页面上逐人录入。',
  ])
    help.addRow([line]).font = line.endsWith('：') ? { bold: true } : {};
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Keeps the uploaded sheet annotated with `errors` (bad cells red with a note, an 错误说明 column) for
 * its uploader; returns the report id. `columns` maps applicant fields to 0-based column indexes.
 */
export async function keepApplicantErrorReport(
  actor: Actor,
  rows: Cell[][],
  headerRow: number,
  columns: Partial<Record<string, number>>,
  errors: { row: number; field: string; message: string }[],
): Promise<string> {
  const id = await keepErrorReport(actor, { annotate: (out) => writeAnnotated(rows, headerRow, columns, errors, out) });
  return id as string;
}

/** The report's path, for its uploader only, within the hour. */
export const applicantErrorReportPath = (actor: Actor, reportId: string) =>
  errorReportPath(actor, reportId, Date.now(), 'recruitment.manage');

async function writeAnnotated(
  rows: Cell[][],
  headerRow: number,
  columns: Partial<Record<string, number>>,
  errors: { row: number; field: string; message: string }[],
  out: string,
): Promise<void> {
  const byRow = new Map<number, { field: string; message: string }[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const maxCols = Math.max(0, ...rows.map((r) => r.length));
  const noteCol = maxCols + 1;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误说明');
  ws.getColumn(noteCol).width = 60;
  const red = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFC7CE' } };
  rows.forEach((cells, i) => {
    const number = i + 1;
    const row = ws.getRow(number);
    cells.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const cell = row.getCell(c + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
    if (number === headerRow) {
      const cell = row.getCell(noteCol);
      cell.value = '错误说明';
      cell.font = { bold: true, color: { argb: 'FFC00000' } };
    }
    const list = byRow.get(number);
    if (!list) return;
    const perCell = new Map<number, string[]>();
    for (const e of list) {
      const c = columns[e.field];
      if (c !== undefined) perCell.set(c, [...(perCell.get(c) ?? []), e.message]);
    }
    for (const [c, messages] of perCell) {
      const cell = row.getCell(c + 1);
      cell.fill = red;
      cell.note = messages.join('\n');
    }
    const cell = row.getCell(noteCol);
    cell.value = list.map((e) => e.message).join('；');
    cell.font = { color: { argb: 'FFC00000' } };
    cell.fill = red;
  });
  await wb.xlsx.writeFile(out);
}
