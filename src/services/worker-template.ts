/**
 * The worker roster spreadsheet (一人一档 import template): the columns, the header aliases offices
 * really use, the dropdown lists, and the template workbook with its 说明 (instructions) sheet.
 * One column list serves the template, the import (header matching) and the error report.
 */
import ExcelJS from 'exceljs';
import { WORKER_FIELD_LABELS, type WorkerInput } from '../domain/worker.js';
import {
  CATEGORIES,
  EDUCATIONS,
  ETHNICITIES,
  GENDERS,
  ORIGINS,
  POLITICAL_STATUSES,
  POSITIONS,
  QUALIFICATIONS,
} from '../domain/worker-vocab.js';

export type WorkerField = keyof WorkerInput;

export interface WorkerColumn {
  field: WorkerField;
  /** Header text in the template (WORKER_FIELD_LABELS). */
  label: string;
  /** Other header texts accepted on import (matched after normalizeHeader). */
  aliases: string[];
  required: boolean;
  /** Dropdown values, when the column is coded. */
  list?: readonly string[];
  /** Stored as text ('@') so Excel keeps every digit. */
  text?: boolean;
  date?: boolean;
  width: number;
  /** What the 说明 sheet says about the column. */
  help: string;
  example: string;
}

const YES_NO = ['是', '否'] as const;
const DATE_HELP = '日期，可写作 1985-03-01、1985/3/1、1985.03.01、1985年3月1日，或 Excel 日期';

const col = (field: WorkerField, c: Omit<WorkerColumn, 'field' | 'label'>): WorkerColumn => ({
  field,
  label: WORKER_FIELD_LABELS[field],
  ...c,
});

/** Template column order. */
export const WORKER_COLUMNS: WorkerColumn[] = [
  col('name', { aliases: ['姓名', '名字'], required: true, width: 10, help: '不超过 50 个字', example: '玉罕' }),
  col('idNumber', {
    aliases: ['身份证号', '身份证号码', '身份证', '公民身份证号码', '居民身份证号码', '证件号码'],
    required: true,
    text: true,
    width: 22,
    help: '18 位居民身份证号码，末位可为 X。本列须为文本格式：若 Excel 把号码存成了数字，末几位已丢失，须重新录入',
    example: '532822199001012345',
  }),
  col('gender', {
    aliases: ['性别'],
    required: false,
    list: Object.values(GENDERS),
    width: 6,
    help: '可不填（由身份证号码得出）；填写时须与号码一致',
    example: '女',
  }),
  col('birthDate', {
    aliases: ['出生日期', '出生年月日', '出生年月'],
    required: false,
    date: true,
    width: 12,
    help: `可不填（由身份证号码得出）；填写时须与号码一致。${DATE_HELP}`,
    example: '1990-01-01',
  }),
  col('ethnicity', {
    aliases: ['民族'],
    required: false,
    list: ETHNICITIES,
    width: 10,
    help: 'GB/T 3304 民族名称，如 汉族、傣族（可省略“族”字）',
    example: '傣族',
  }),
  col('politicalStatus', {
    aliases: ['政治面貌'],
    required: false,
    list: Object.values(POLITICAL_STATUSES),
    width: 12,
    help: '',
    example: '中共党员',
  }),
  col('education', {
    aliases: ['最高学历', '学历', '文化程度'],
    required: false,
    list: Object.values(EDUCATIONS),
    width: 12,
    help: '',
    example: '大学本科',
  }),
  col('educationFulltime', {
    aliases: ['全日制学历', '全日制教育学历', '全日制教育'],
    required: false,
    list: Object.values(EDUCATIONS),
    width: 12,
    help: '不能高于最高学历',
    example: '大学专科',
  }),
  col('major', { aliases: ['所学专业', '专业'], required: false, width: 14, help: '', example: '社会工作' }),
  col('socialWorkMajor', {
    aliases: ['是否社会工作专业', '社会工作专业', '是否社工专业'],
    required: false,
    list: YES_NO,
    width: 10,
    help: '是 或 否，不填为否',
    example: '是',
  }),
  col('phone', {
    aliases: ['手机号码', '手机', '手机号', '联系电话', '联系方式', '电话'],
    required: false,
    text: true,
    width: 14,
    help: '11 位中国大陆手机号码（文本格式）',
    example: '13800001234',
  }),
  col('homeRegionCode', {
    aliases: ['居住地区划代码', '居住地代码', '户籍地区划代码'],
    required: false,
    text: true,
    width: 16,
    help: '12 位统计用区划代码',
    example: '532822101001',
  }),
  col('category', {
    aliases: ['人员类别', '类别', '人员类型'],
    required: true,
    list: Object.values(CATEGORIES),
    width: 18,
    help: '',
    example: CATEGORIES.staff,
  }),
  col('position', {
    aliases: ['职务', '现任职务', '担任职务'],
    required: true,
    list: Object.values(POSITIONS),
    width: 16,
    help: '“两委”专职成员：书记、主任、一肩挑、副书记、副主任或委员；社区专职工作人员：专职工作人员',
    example: POSITIONS.staff,
  }),
  col('term', {
    aliases: ['任职届次', '届次', '任期'],
    required: false,
    width: 10,
    help: '“两委”成员的届次，如 第十一届',
    example: '',
  }),
  col('regionCode', {
    aliases: ['所在社区代码', '社区代码', '所在社区区划代码', '社区区划代码', '所在单位代码', '区划代码'],
    required: true,
    text: true,
    width: 16,
    help: '所在社区（或街道、乡镇）的 12 位统计用区划代码，须在您的管辖范围内；整表同属一个社区时可不设本列，导入时指定默认社区',
    example: '532822101001',
  }),
  col('startDate', {
    aliases: ['参加社区工作日期', '参加社区工作时间', '参加工作时间', '参加工作日期', '入职日期', '入职时间'],
    required: true,
    date: true,
    width: 14,
    help: `不能晚于今天。${DATE_HELP}`,
    example: '2015-07-01',
  }),
  col('origin', {
    aliases: ['来源', '人员来源'],
    required: false,
    list: Object.values(ORIGINS),
    width: 12,
    help: '不填时：“两委”成员为选举产生，其余为公开招聘',
    example: ORIGINS.recruited,
  }),
  col('status', {
    aliases: ['状态', '在岗状态'],
    required: false,
    list: ['在岗', '试用期'],
    width: 8,
    help: '在岗 或 试用期，不填为在岗',
    example: '在岗',
  }),
  col('veteran', {
    aliases: ['是否退役军人', '退役军人'],
    required: false,
    list: YES_NO,
    width: 10,
    help: '是 或 否，不填为否',
    example: '否',
  }),
  col('graduateEntrant', {
    aliases: ['是否高校毕业生', '高校毕业生'],
    required: false,
    list: YES_NO,
    width: 10,
    help: '是 或 否，不填为否；填“是”时须填毕业年份',
    example: '否',
  }),
  col('graduateYear', {
    aliases: ['毕业年份', '毕业时间'],
    required: false,
    width: 8,
    help: '四位年份，如 2018',
    example: '',
  }),
  col('qualification', {
    aliases: ['职业水平', '社会工作者职业水平', '职业资格', '职业水平等级'],
    required: false,
    list: Object.values(QUALIFICATIONS),
    width: 14,
    help: '填写时须同时填写取证日期',
    example: QUALIFICATIONS.assistant,
  }),
  col('qualificationCertificateNo', {
    aliases: ['证书编号', '职业水平证书编号'],
    required: false,
    text: true,
    width: 16,
    help: '',
    example: '',
  }),
  col('qualificationDate', {
    aliases: ['取证日期', '取证时间', '发证日期'],
    required: false,
    date: true,
    width: 12,
    help: DATE_HELP,
    example: '',
  }),
];

/** Header labels per field for findHeader: the template label first, then the aliases. */
export const WORKER_HEADER_LABELS = Object.fromEntries(
  WORKER_COLUMNS.map((c) => [c.field, [c.label, ...c.aliases]]),
) as Record<WorkerField, string[]>;

export const TEMPLATE_SHEET = '人员名册';
export const TEMPLATE_TITLE = '社区工作者名册（导入模板）';
/** Rows of the template that carry dropdowns and text formats. */
const TEMPLATE_ROWS = 10_000;
const LISTS_SHEET = '代码表';

/** The import template as an .xlsx buffer: title row, header row, dropdowns, text columns, a 说明 sheet. */
export async function buildWorkerTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'shequ';
  const ws = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  const help = wb.addWorksheet('说明');
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });

  ws.columns = WORKER_COLUMNS.map((c) => ({
    key: c.field,
    width: c.width,
    style: c.text ? { numFmt: '@' } : c.date ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  ws.mergeCells(1, 1, 1, WORKER_COLUMNS.length);
  const title = ws.getCell(1, 1);
  title.value = `${TEMPLATE_TITLE}　带 * 的列必填，填写要求见“说明”工作表；请勿修改第 2 行表头`;
  title.font = { bold: true, size: 14 };
  const header = ws.getRow(2);
  WORKER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.required ? `${c.label}*` : c.label;
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.numFmt = 'General';
    if (c.text) cell.note = '本列为文本格式，请勿改为数字或常规格式';
  });
  header.height = 30;

  addListDropdowns(ws, lists, WORKER_COLUMNS, TEMPLATE_ROWS);

  help.columns = [
    { header: '列名', key: 'label', width: 18 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写要求', key: 'help', width: 70 },
    { header: '可选值', key: 'values', width: 60 },
    { header: '示例', key: 'example', width: 22 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of WORKER_COLUMNS) {
    const row = help.addRow({
      label: c.label,
      required: c.required ? '必填' : '选填',
      help: [
        c.help,
        c.text ? '文本格式' : '',
        c.aliases.length ? `也可用表头：${c.aliases.filter((a) => a !== c.label).join('、')}` : '',
      ]
        .filter(Boolean)
        .join('；'),
      values: c.list ? c.list.join('、') : '',
      example: c.example,
    });
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow([]);
  for (const line of [
    '填写须知：',
    '1. 第 2 行为表头，请勿修改；列的顺序可以调整，表头上方可以有标题行。带 * 的列必填。',
    '2. 公民身份号码、手机号码、区划代码列为文本格式。若号码被 Excel 存成数字（显示为 5.32822E+17 或末位变成 0），末几位已经丢失，须在文本格式下重新录入。',
    '3. 日期可写作 1985-03-01、1985/3/1、1985.03.01、1985年3月1日，也可使用 Excel 日期。',
    '4. 有下拉列表的列请从列表中选择；也接受常见写法（如 党员、本科、大专、书记、主任）。',
    '5. 导入前会逐行校验，并列出每一处错误（行号、列名、原因），还可下载标注了错误的表格；默认任何一行有错则全部不写入。',
    '6. 选择“更新已有人员”时，身份证号码与本辖区在岗人员相同的行将更新其基本信息（姓名、民族、政治面貌、学历、专业、手机号码等）；空白单元格保持原值。所在社区、职务、状态请通过调动、任职变动办理。',
  ]) {
    help.addRow([line]).font = line.endsWith('：') ? { bold: true } : {};
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Dropdowns for the coded columns of a template sheet (data rows 3 … rows + 2): each column's values go
 * in a column of the hidden `lists` sheet — inline lists are limited to 255 characters (民族 has 58) —
 * and a list validation points at them. Shared by the worker and the recruitment-applicant templates.
 */
export function addListDropdowns(
  ws: ExcelJS.Worksheet,
  lists: ExcelJS.Worksheet,
  columns: readonly { label: string; list?: readonly string[] | null }[],
  rows: number,
): void {
  // exceljs has range data validations but does not declare them.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  let listCol = 0;
  columns.forEach((c, i) => {
    if (!c.list?.length) return;
    listCol++;
    const letter = lists.getColumn(listCol).letter;
    lists.getCell(1, listCol).value = c.label;
    c.list.forEach((v, k) => {
      lists.getCell(k + 2, listCol).value = v;
    });
    const target = ws.getColumn(i + 1).letter;
    validations.add(`${target}3:${target}${rows + 2}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${lists.name}'!$${letter}$2:$${letter}$${c.list.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.label,
      error: `请从下拉列表中选择${c.label}`,
    });
  });
}
