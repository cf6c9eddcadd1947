/**
 * The worker roster as spreadsheets, over HTTP on both engines: the template (dropdowns, 说明 sheet),
 * the import (a hostile sheet with every kind of bad cell, all or nothing, valid rows only, dry run,
 * update, title rows and shuffled headers, every date format, the annotated error report) and the
 * streamed export (masked unless revealed, audited). The workbooks are built here with exceljs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerImportRepository } from '../../src/db/repositories/worker-import.repository.js';
import { idCheckChar, makeIdNumber } from '../../src/domain/id-number.js';
import { systemActor } from '../../src/domain/permissions.js';
import { validateWorker } from '../../src/domain/worker.js';
import { streamRows } from '../../src/services/spreadsheet.js';
import { workerImporter } from '../../src/services/worker-import.service.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const COMMUNITY = '532822101001'; // 沿河社区, 勐海镇
const OTHER_STREET_COMMUNITY = '532822102001'; // 景洛社区, 勐遮镇: in 勐海县, outside 勐海镇
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TODAY = new Date('2026-11-28T04:00:00Z');
const HEADER = [
  '姓名',
  '公民身份号码',
  '性别',
  '民族',
  '手机号码',
  '人员类别',
  '职务',
  '所在社区代码',
  '参加社区工作日期',
];

let seq = 300;
/** A fresh valid ID number (female when even). */
const newId = (birth = '1990-05-17', female = true) => {
  seq += 2;
  return makeIdNumber('532822', birth, seq + (female ? 0 : 1));
};

type Row = (string | number | Date | null)[];
/** A staff member row in HEADER order. */
const good = (over: Partial<Record<(typeof HEADER)[number], string | number | Date | null>> = {}): Row => {
  const base: Record<string, string | number | Date | null> = {
    姓名: '玉香',
    公民身份号码: newId(),
    性别: '女',
    民族: '傣族',
    手机号码: '13800001234',
    人员类别: '社区专职工作人员',
    职务: '专职工作人员',
    所在社区代码: COMMUNITY,
    参加社区工作日期: '2015-07-01',
    ...over,
  };
  return HEADER.map((h) => base[h]);
};

/** An .xlsx with optional title rows above the header; ID-like columns as text unless a cell is a number. */
async function workbook(header: string[], rows: Row[], titleRows: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  for (const t of titleRows) ws.addRow([t]);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body built by hand (one file part named `file`). */
function multipart(file: Buffer, filename = 'workers.xlsx', field = 'file') {
  const boundary = `----shequ${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${XLSX}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, file, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

interface ImportAnswer {
  total: number;
  valid: number;
  errors: { row: number; column: string; field: string; message: string }[];
  committed: boolean;
  created: number;
  updated: number;
  reportId: string | null;
}

async function readXlsx(body: Buffer | string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((typeof body === 'string' ? Buffer.from(body, 'binary') : body) as unknown as ArrayBuffer);
  return wb;
}

describe.each(ENGINES)('worker spreadsheets (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let street: Client;
  let community: Client;
  let city: Client;
  const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from worker'))[0].n;
  const upload = async (c: Client, file: Buffer, query = '', filename = 'workers.xlsx'): Promise<ImportAnswer> => {
    const res = await c.request({
      method: 'POST',
      url: `/api/imports/workers${query ? `?${query}` : ''}`,
      ...multipart(file, filename),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    [county, street, community, city] = await Promise.all([
      t.login('demo-county'),
      t.login('demo-street'),
      t.login('demo-community'),
      t.login('demo-city'),
    ]);
  });
  afterAll(() => t.close());

  it('serves the template: dropdowns for coded columns, text ID and phone columns, and a 说明 sheet', async () => {
    const res = await community.request({ method: 'GET', url: '/api/workers/template.xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const wb = await readXlsx(res.rawPayload);
    const ws = wb.getWorksheet('人员名册')!;
    const header = (ws.getRow(2).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 3)).toEqual(['姓名*', '公民身份号码*', '性别']);
    const colOf = (label: string) => header.findIndex((h) => h.replace('*', '') === label) + 1;
    const validations = (
      ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }
    ).dataValidations.model;
    for (const label of [
      '人员类别',
      '职务',
      '性别',
      '民族',
      '政治面貌',
      '最高学历',
      '职业水平',
      '来源',
      '状态',
      '是否退役军人',
      '是否社会工作专业',
    ]) {
      const v = validations[`${ws.getColumn(colOf(label)).letter}3`];
      expect(v, label).toMatchObject({ type: 'list' });
      expect(v.formulae[0]).toContain('代码表');
    }
    expect(validations[`${ws.getColumn(colOf('姓名')).letter}3`]).toBeUndefined();
    expect(ws.getColumn(colOf('公民身份号码')).numFmt).toBe('@');
    expect(ws.getColumn(colOf('手机号码')).numFmt).toBe('@');
    // The lists: 民族 has all 58 names on the hidden sheet.
    const lists = wb.getWorksheet('代码表')!;
    expect(lists.state).toBe('hidden');
    const ethnicCol = (lists.getRow(1).values as unknown[]).indexOf('民族');
    expect(lists.getColumn(ethnicCol).values.filter(Boolean).length).toBe(59);
    const help = wb.getWorksheet('说明')!;
    const text = help.getSheetValues().flat().map(String).join('\n');
    for (const s of [
      '公民身份号码',
      '必填',
      '选填',
      '1985年3月1日',
      '文本格式',
      '汉族、蒙古族',
      '中共党员',
      '更新已有人员',
    ])
      expect(text).toContain(s);
    // Every column of the sheet is explained.
    for (const h of header) expect(text).toContain(h.replace('*', ''));
  });

  it('reports every bad cell of a hostile sheet with its row and column, and writes nothing', async () => {
    const existing = (
      await t.db.query<{ id_number: string; id: number }>(
        "select id, id_number from worker where region_code like '532822101%' and status <> 'exited' order by id limit 1",
      )
    )[0];
    const outside = (
      await t.db.query<{ id_number: string }>(
        "select id_number from worker where region_code like '532801%' and status <> 'exited' order by id limit 1",
      )
    )[0];
    const valid = newId('1988-08-08');
    const badCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const twin = newId('1992-02-02');
    const first17Feb30 = '53282219490230123';
    const future17 = '53282220300101123';
    const female = newId('1991-01-01', true);
    const cases: { row: Row; column: string; message: string }[] = [
      { row: good({ 公民身份号码: badCheck }), column: '公民身份号码', message: '校验位错误' },
      {
        row: good({ 公民身份号码: first17Feb30 + idCheckChar(first17Feb30) }),
        column: '公民身份号码',
        message: '出生日期无效',
      },
      {
        row: good({ 公民身份号码: future17 + idCheckChar(future17) }),
        column: '公民身份号码',
        message: '晚于当前日期',
      },
      { row: good({ 公民身份号码: '532822900517123' }), column: '公民身份号码', message: '15位旧版' },
      {
        row: good({ 公民身份号码: Number('532822199005171234') }),
        column: '公民身份号码',
        message: '被 Excel 存成了数字',
      },
      { row: good({ 公民身份号码: '5.32822E+17' }), column: '公民身份号码', message: '被 Excel 存成了数字' },
      { row: good({ 民族: '火星族' }), column: '民族', message: '民族应为 GB/T 3304' },
      { row: good({ 公民身份号码: female, 性别: '男' }), column: '性别', message: '性别与身份证号码不符' },
      { row: good({ 手机号码: '1380000123' }), column: '手机号码', message: '手机号码格式不正确' },
      { row: good({ 职务: '队长' }), column: '职务', message: '职务应为' },
      { row: good({ 职务: '居委会主任' }), column: '职务', message: '社区专职工作人员的职务应为' },
      { row: good({ 所在社区代码: OTHER_STREET_COMMUNITY }), column: '所在社区代码', message: '不在您的管辖范围内' },
      { row: good({ 所在社区代码: '532822101999' }), column: '所在社区代码', message: '区划 532822101999 不存在' },
      { row: good({ 所在社区代码: '532822000000' }), column: '所在社区代码', message: '所在单位应为社区或街道' },
      { row: good({ 公民身份号码: twin }), column: '公民身份号码', message: '与第' },
      { row: good({ 公民身份号码: twin }), column: '公民身份号码', message: '与第' },
      {
        row: good({ 公民身份号码: existing.id_number }),
        column: '公民身份号码',
        message: `已登记（人员编号 ${existing.id}）`,
      },
      { row: good({ 公民身份号码: outside.id_number }), column: '公民身份号码', message: '该人员已在其他地区登记在岗' },
      { row: good({ 参加社区工作日期: '2015-02-30' }), column: '参加社区工作日期', message: '格式不正确' },
      { row: good({ 参加社区工作日期: '2015/13/1' }), column: '参加社区工作日期', message: '格式不正确' },
      { row: good({ 参加社区工作日期: '2015.02.30' }), column: '参加社区工作日期', message: '格式不正确' },
      { row: good({ 参加社区工作日期: '2015年2月30日' }), column: '参加社区工作日期', message: '格式不正确' },
      { row: good({ 参加社区工作日期: '2015-7-1号' }), column: '参加社区工作日期', message: '格式不正确' },
      {
        row: good({ 参加社区工作日期: new Date(Date.UTC(2027, 0, 1)) }),
        column: '参加社区工作日期',
        message: '不能晚于今天',
      },
      { row: good({ 人员类别: null }), column: '人员类别', message: '请填写人员类别' },
    ];
    const file = await workbook(HEADER, [good(), ...cases.map((c) => c.row), good()]);
    const before = await count();
    const res = await upload(street, file);
    expect(await count()).toBe(before);
    expect(res).toMatchObject({ total: cases.length + 2, valid: 2, committed: false, created: 0, updated: 0 });
    cases.forEach((c, i) => {
      const row = i + 3; // header on row 1, one good row first
      const found = res.errors.filter((e) => e.row === row);
      expect(found, `row ${row}: ${JSON.stringify(found)}`).toContainEqual(
        expect.objectContaining({ column: c.column, message: expect.stringContaining(c.message) }),
      );
    });
    // Both duplicate rows name each other.
    const twins = cases.flatMap((c, i) => (c.row[1] === twin ? [i + 3] : []));
    expect(res.errors.find((e) => e.row === twins[0] && e.field === 'idNumber')?.message).toContain(
      `与第 ${twins[1]} 行重复`,
    );
    expect(res.errors.find((e) => e.row === twins[1] && e.field === 'idNumber')?.message).toContain(
      `与第 ${twins[0]} 行重复`,
    );
    // Every bad row is reported, and nothing else.
    expect(new Set(res.errors.map((e) => e.row))).toEqual(new Set(cases.map((_, i) => i + 3)));
    for (const e of res.errors) expect(Object.keys(e).sort()).toEqual(['column', 'field', 'message', 'row']);

    // The annotated error workbook: the original rows plus 错误说明, bad cells red with a note; only for its uploader.
    expect(res.reportId).toMatch(/^[0-9a-f]{32}$/);
    const other = await county.request({ method: 'GET', url: `/api/imports/workers/${res.reportId}/errors.xlsx` });
    expectError(other, 404, 'REPORT_NOT_FOUND');
    const dl = await street.request({ method: 'GET', url: `/api/imports/workers/${res.reportId}/errors.xlsx` });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe(XLSX);
    const ws = (await readXlsx(dl.rawPayload)).worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const noteCol = header.indexOf('错误说明') + 1;
    expect(noteCol).toBe(HEADER.length + 1);
    expect(ws.rowCount).toBe(cases.length + 3);
    expect(ws.getRow(2).getCell(noteCol).value).toBeNull(); // the good row has no remark
    const ethnicRow = ws.getRow(cases.findIndex((c) => c.column === '民族') + 3);
    expect(String(ethnicRow.getCell(noteCol).value)).toContain('【民族】民族应为 GB/T 3304');
    const bad = ethnicRow.getCell(HEADER.indexOf('民族') + 1);
    expect(bad.value).toBe('火星族');
    expect(bad.fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(JSON.stringify(bad.note)).toContain('民族应为');
    expect(ethnicRow.getCell(1).fill).toBeUndefined();
  });

  it('commits all or nothing: a last bad row stops the whole file; valid-only writes the good rows and reports the bad', async () => {
    const rows = [good(), good(), good(), good({ 手机号码: '12345' })];
    const file = await workbook(HEADER, rows);
    const before = await count();
    const all = await upload(county, file);
    expect(all).toMatchObject({ total: 4, valid: 3, committed: false, created: 0 });
    expect(all.errors).toEqual([
      { row: 5, column: '手机号码', field: 'phone', message: expect.stringContaining('手机号码格式不正确') },
    ]);
    expect(await count()).toBe(before);

    const some = await upload(county, file, 'mode=valid-only');
    expect(some).toMatchObject({ total: 4, valid: 3, committed: true, created: 3, updated: 0 });
    expect(some.errors).toHaveLength(1);
    expect(await count()).toBe(before + 3);
    // One audit entry for the whole import.
    const audit = await t.db.query<{ after: { created: number; refused: number; createdIds: number[]; mode: string } }>(
      "select after from audit_log where action = 'worker.import' order by id desc limit 1",
    );
    expect(audit[0].after).toMatchObject({ created: 3, refused: 1, mode: 'valid-only' });
    expect(audit[0].after.createdIds).toHaveLength(3);
    const stored = await t.db.query<{ n: number }>(
      'select count(*)::int as n from worker where id = any($1::bigint[]) and phone = $2',
      [audit[0].after.createdIds, '13800001234'],
    );
    expect(stored[0].n).toBe(3);
    const periods = await t.db.query<{ n: number }>(
      'select count(*)::int as n from worker_period where worker_id = any($1::bigint[])',
      [audit[0].after.createdIds],
    );
    expect(periods[0].n).toBe(3);
    // And each person's history says where the record came from.
    const history = (
      await county.request({ method: 'GET', url: `/api/workers/${audit[0].after.createdIds[0]}/history` })
    ).json().items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['worker.import']);
    expect(history[0].changes).toContainEqual({ field: 'row', from: null, to: 2 });
  });

  it('writes ahead chunk by chunk and still commits all or nothing; a later repeat takes back a row written ahead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shequ-import-chunks-'));
    try {
      const rows = [good(), good(), good(), good(), good()];
      const path = join(dir, 'chunks.xlsx');
      const importer = (opts: Parameters<typeof workerImporter>[3]) =>
        workerImporter(t.db, systemActor('test'), path, { chunkRows: 2, ...opts }, { now: () => TODAY });
      const ids = (r: Row[]) => r.map((x) => String(x[1]));
      const stored = async (idNumbers: string[]) =>
        (
          await t.db.query<{ id_number: string }>(
            'select id_number from worker where id_number = any($1::varchar[]) order by id',
            [idNumbers],
          )
        ).map((r) => r.id_number);

      // No error across three chunks: everything written, with its history rows.
      writeFileSync(path, await workbook(HEADER, rows));
      const clean = await importer({});
      expect(clean).toMatchObject({ total: 5, valid: 5, committed: true, created: 5, errors: [] });
      expect(await stored(ids(rows))).toEqual(ids(rows));

      // The last chunk repeats an ID number written by the first chunk.
      const fresh = [good(), good(), good(), good(), good()];
      fresh[4][1] = fresh[1][1];
      writeFileSync(path, await workbook(HEADER, fresh));
      const before = await count();
      const all = await importer({});
      expect(all).toMatchObject({ total: 5, valid: 3, committed: false, created: 0 });
      expect(all.errors.map((e) => [e.row, e.field, e.message])).toEqual([
        [3, 'idNumber', '身份证号码与第 6 行重复'],
        [6, 'idNumber', '身份证号码与第 3 行重复'],
      ]);
      expect(await count()).toBe(before);

      const some = await importer({ mode: 'valid-only' });
      expect(some).toMatchObject({ total: 5, valid: 3, committed: true, created: 3 });
      expect(await count()).toBe(before + 3);
      expect(await stored(ids(fresh))).toEqual(ids([fresh[0], fresh[2], fresh[3]]));
      const audit = await t.db.query<{ after: { createdIds: number[]; createdRows: number[] } }>(
        "select after from audit_log where action = 'worker.import' order by id desc limit 1",
      );
      expect(audit[0].after.createdRows).toEqual([2, 4, 5]);
      const byId = await t.db.query<{ id_number: string }>(
        'select id_number from worker where id = any($1::bigint[]) order by id',
        [audit[0].after.createdIds],
      );
      expect(byId.map((r) => r.id_number)).toEqual(ids([fresh[0], fresh[2], fresh[3]]));
      const children = await t.db.query<{ n: number }>(
        `select (select count(*) from worker_period where worker_id = any($1::bigint[])) + (select count(*) from worker_position where worker_id = any($1::bigint[]))::int as n`,
        [audit[0].after.createdIds],
      );
      expect(Number(children[0].n)).toBe(6);
      const orphans = await t.db.query<{ n: number }>(
        'select count(*)::int as n from worker_period p where not exists (select 1 from worker w where w.id = p.worker_id)',
      );
      expect(orphans[0].n).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('COPYs new workers in several statements with each history row under its own worker', async () => {
    const inputs = [
      {
        regionCode: COMMUNITY,
        startDate: '2011-01-03',
        qualification: '助理社会工作师',
        qualificationCertificateNo: 'Z-1',
        qualificationDate: '2012-02-02',
      },
      { regionCode: OTHER_STREET_COMMUNITY, startDate: '2012-02-04' },
      {
        regionCode: COMMUNITY,
        startDate: '2013-03-05',
        qualification: '社会工作师',
        qualificationCertificateNo: 'Z-3',
        qualificationDate: '2014-04-04',
      },
      { regionCode: OTHER_STREET_COMMUNITY, startDate: '2014-04-06' },
      { regionCode: COMMUNITY, startDate: '2015-05-07' },
    ].map((over) => ({
      name: '玉应',
      idNumber: newId('1988-08-08'),
      gender: '女',
      category: '社区专职工作人员',
      position: '专职工作人员',
      ...over,
    }));
    const ws = inputs.map((input) => {
      const v = validateWorker(input, '2026-11-28');
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      return v.value;
    });
    // Two, two and one worker rows per statement; ids handed out in an order unlike the rows'.
    const ids = await t.db.transaction(async (tx) => {
      const got = (await workerImportRepository.allocateIds(tx, ws.length)).reverse();
      return workerImportRepository.insertNew(tx, ws, Promise.resolve(got), 2);
    });
    const stored = await t.db.query<{
      id: number;
      id_number: string;
      region_code: string;
      hired_on: string;
      period: string;
      position_start: string;
      cert: string | null;
    }>(
      `select w.id, w.id_number, w.region_code, w.hired_on, p.region_code || ' ' || p.start_date as period, pos.start_date::text as position_start,
         (select q.certificate_no from worker_qualification q where q.worker_id = w.id) as cert
       from worker w join worker_period p on p.worker_id = w.id join worker_position pos on pos.worker_id = w.id
       where w.id = any($1::bigint[]) order by w.id desc`,
      [ids],
    );
    expect(stored.map((r) => r.id)).toEqual(ids);
    expect(stored.map((r) => [r.id_number, r.region_code, r.hired_on, r.period, r.position_start, r.cert])).toEqual(
      ws.map((w) => [
        w.idNumber,
        w.regionCode,
        w.startDate,
        `${w.regionCode} ${w.startDate}`,
        w.startDate,
        w.qualification?.certificateNo ?? null,
      ]),
    );
  });

  it('dry run validates and writes nothing', async () => {
    const file = await workbook(HEADER, [good(), good()]);
    const before = await count();
    const auditsBefore = (
      await t.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'worker.import'")
    )[0].n;
    const res = await upload(county, file, 'dryRun=true');
    expect(res).toEqual({ total: 2, valid: 2, errors: [], committed: false, created: 0, updated: 0, reportId: null });
    expect(await count()).toBe(before);
    expect(
      (await t.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'worker.import'"))[0].n,
    ).toBe(auditsBefore);
  });

  it('update mode updates the matched worker instead of refusing the row', async () => {
    const id = newId('1987-04-04');
    const created = await upload(county, await workbook(HEADER, [good({ 公民身份号码: id, 手机号码: '13900000001' })]));
    expect(created).toMatchObject({ committed: true, created: 1 });
    const header = [...HEADER, '所学专业', '最高学历'];
    const again = await workbook(header, [
      [...good({ 公民身份号码: id, 姓名: '玉香改', 手机号码: '13900000002', 所在社区代码: null }), '社会工作', '本科'],
    ]);
    const refused = await upload(county, again);
    expect(refused.errors).toContainEqual(
      expect.objectContaining({ row: 2, column: '公民身份号码', message: expect.stringContaining('更新已有人员') }),
    );
    expect(refused.committed).toBe(false);
    const before = await count();
    const res = await upload(county, again, 'update=true');
    expect(res).toMatchObject({ total: 1, valid: 1, committed: true, created: 0, updated: 1, errors: [] });
    expect(await count()).toBe(before);
    const w = (
      await t.db.query<{ name: string; phone: string; major: string; education: string; ethnicity: string }>(
        'select name, phone, major, education, ethnicity from worker where id_number = $1',
        [id],
      )
    )[0];
    expect(w).toEqual({
      name: '玉香改',
      phone: '13900000002',
      major: '社会工作',
      education: 'bachelor',
      ethnicity: '傣族',
    });
    const wid = (await t.db.query<{ id: number }>('select id from worker where id_number = $1', [id]))[0].id;
    const history = (await county.request({ method: 'GET', url: `/api/workers/${wid}/history` })).json().items;
    expect(history[0].action).toBe('worker.import.update');
    expect(history[0].changes).toContainEqual({ field: 'name', from: expect.any(String), to: '玉香改' });
    // A matched worker outside the caller's scope is still refused, without saying where.
    const outside = (
      await t.db.query<{ id_number: string }>(
        "select id_number from worker where region_code like '532801%' and status <> 'exited' order by id limit 1",
      )
    )[0];
    const foreign = await upload(
      county,
      await workbook(HEADER, [good({ 公民身份号码: outside.id_number })]),
      'update=true',
    );
    expect(foreign.errors).toEqual([
      expect.objectContaining({
        column: '公民身份号码',
        message: '该人员已在其他地区登记在岗，请联系其所在地区办理调动或离岗后再登记',
      }),
    ]);
  });

  it('finds the header under title rows, in any column order, with spaced and full-width header text; every date format parses', async () => {
    const header = [
      '参加工作时间',
      '  姓　名 ',
      '所在社区代码＊',
      '身份证号码',
      '职　务',
      '人员类别（必填）',
      '手机（选填）',
      '备注',
    ];
    const dates: (string | Date)[] = [
      new Date(Date.UTC(2015, 6, 1)),
      '2015-07-01',
      '2015/7/1',
      '2015.07.01',
      '2015年7月1日',
      '20150701',
    ];
    const ids = dates.map(() => newId('1989-09-09'));
    const rows: Row[] = dates.map((d, i) => [
      d,
      `岩${i}`,
      COMMUNITY,
      ids[i],
      '专职工作人员',
      '社区专职工作人员',
      '13800001234',
      '无',
    ]);
    const file = await workbook(header, rows, ['勐海镇社区工作者花名册', '填报单位：勐海镇　填报日期：2026年11月']);
    const res = await upload(street, file);
    expect(res).toMatchObject({
      total: dates.length,
      valid: dates.length,
      errors: [],
      committed: true,
      created: dates.length,
    });
    const stored = await t.db.query<{ hired_on: string; n: number }>(
      'select hired_on, count(*)::int as n from worker where id_number = any($1::varchar[]) group by hired_on',
      [ids],
    );
    expect(stored).toEqual([{ hired_on: '2015-07-01', n: dates.length }]);
    // Errors name the column as the file wrote it, on the sheet's own row numbers.
    const bad = await upload(
      street,
      await workbook(header, [[...rows[0].slice(0, 3), newId(), '队长', ...rows[0].slice(5)]], ['标题']),
    );
    expect(bad.errors).toEqual([expect.objectContaining({ row: 3, column: '职　务', field: 'position' })]);
  });

  it('uses the region parameter as the default community when the sheet has none', async () => {
    const header = HEADER.filter((h) => h !== '所在社区代码');
    const row = good();
    row.splice(HEADER.indexOf('所在社区代码'), 1);
    const file = await workbook(header, [row]);
    const missing = await upload(street, file, 'dryRun=true');
    expect(missing.errors).toEqual([
      expect.objectContaining({ field: 'regionCode', message: expect.stringContaining('指定默认社区') }),
    ]);
    const res = await upload(street, file, `region=${COMMUNITY}`);
    expect(res).toMatchObject({ committed: true, created: 1 });
    const out = await street.request({
      method: 'POST',
      url: `/api/imports/workers?region=${OTHER_STREET_COMMUNITY}`,
      ...multipart(file),
    });
    expectError(out, 403, 'OUT_OF_SCOPE');
  });

  it('exports a filtered list as .xlsx: masked without reveal, full with reveal for a role that may, always audited', async () => {
    const expected = (
      await t.db.query<{ n: number }>(
        "select count(*)::int as n from worker where region_code like '532822101%' and status <> 'exited'",
      )
    )[0].n;
    const rowsOf = async (res: { rawPayload: Buffer }) => {
      const ws = (await readXlsx(res.rawPayload)).worksheets[0];
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      const out: Record<string, unknown>[] = [];
      ws.eachRow((r, n) => {
        if (n > 1) out.push(Object.fromEntries(header.map((h, i) => [String(h), r.getCell(i + 1).value])));
      });
      return out;
    };
    const masked = await street.request({ method: 'GET', url: '/api/workers/export.xlsx' });
    expect(masked.statusCode, masked.body).toBe(200);
    expect(masked.headers['content-type']).toBe(XLSX);
    expect(String(masked.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const rows = await rowsOf(masked);
    expect(rows.length).toBe(expected);
    for (const r of rows) {
      expect(String(r.公民身份号码)).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      if (r.手机号码) expect(String(r.手机号码)).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    const full = await street.request({ method: 'GET', url: '/api/workers/export.xlsx?reveal=true&category=staff' });
    expect(full.statusCode).toBe(200);
    const fullRows = await rowsOf(full);
    expect(fullRows.length).toBeGreaterThan(0);
    for (const r of fullRows) {
      expect(String(r.公民身份号码)).toMatch(/^\d{17}[\dX]$/);
      expect(r.人员类别).toBe('社区专职工作人员');
    }
    // The city may export but not reveal; the community may not export.
    expectError(
      await city.request({ method: 'GET', url: '/api/workers/export.xlsx?reveal=true' }),
      403,
      'REVEAL_FORBIDDEN',
    );
    expect(
      (await city.request({ method: 'GET', url: '/api/workers/export.xlsx?region=532822101000' })).statusCode,
    ).toBe(200);
    expectError(await community.request({ method: 'GET', url: '/api/workers/export.xlsx' }), 403, 'FORBIDDEN');
    const audits = await t.db.query<{
      actor_name: string;
      after: { reveal: boolean; rows: number; filter: Record<string, unknown> };
    }>("select actor_name, after from audit_log where action = 'worker.export' order by id");
    expect(audits.map((a) => a.after)).toEqual([
      { filter: {}, reveal: false, rows: expected },
      { filter: { category: 'staff' }, reveal: true, rows: fullRows.length },
      expect.objectContaining({ filter: { region: '532822101000' }, reveal: false }),
    ]);
  });

  it('answers 401, 403 and 400 on each new route', async () => {
    const routes = [
      { method: 'GET' as const, url: '/api/workers/template.xlsx' },
      { method: 'GET' as const, url: '/api/workers/export.xlsx' },
      { method: 'POST' as const, url: '/api/imports/workers' },
      { method: 'GET' as const, url: `/api/imports/workers/${'a'.repeat(32)}/errors.xlsx` },
    ];
    for (const r of routes) expectError(await t.app.inject(r), 401, 'UNAUTHENTICATED');
    // 403: the community secretary may neither import nor export (every role may read the template).
    expectError(
      await community.request({
        method: 'POST',
        url: '/api/imports/workers',
        ...multipart(await workbook(HEADER, [good()])),
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await community.request({ method: 'GET', url: `/api/imports/workers/${'a'.repeat(32)}/errors.xlsx` }),
      403,
      'FORBIDDEN',
    );
    expectError(await community.request({ method: 'GET', url: '/api/workers/export.xlsx' }), 403, 'FORBIDDEN');
    // 400: no file, a multipart body without a file part, a file of the wrong type, bad parameters.
    const noFile = expectError(
      await county.request({ method: 'POST', url: '/api/imports/workers', payload: {} }),
      400,
      'FILE_REQUIRED',
    );
    expect(noFile.fields.map((f) => f.field)).toEqual(['file']);
    const boundary = 'xyz123';
    const fieldsOnly = await county.request({
      method: 'POST',
      url: '/api/imports/workers',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
    });
    expect(expectError(fieldsOnly, 400, 'FILE_REQUIRED').fields[0].field).toBe('file');
    expect(
      expectError(
        await county.request({ method: 'POST', url: '/api/imports/workers', ...multipart(Buffer.from('x'), 'a.pdf') }),
        400,
        'FILE_TYPE',
      ).fields[0].field,
    ).toBe('file');
    expect(
      expectError(
        await county.request({
          method: 'POST',
          url: '/api/imports/workers',
          ...multipart(Buffer.from('not a zip'), 'a.xlsx'),
        }),
        400,
        'FILE_UNREADABLE',
      ).fields[0].field,
    ).toBe('file');
    expectError(
      await county.request({
        method: 'POST',
        url: '/api/imports/workers?mode=some',
        ...multipart(await workbook(HEADER, [good()])),
      }),
      400,
      'VALIDATION',
    );
    expectError(await county.request({ method: 'GET', url: '/api/workers/export.xlsx?ageMin=5' }), 400, 'VALIDATION');
    expectError(
      await county.request({ method: 'GET', url: '/api/workers/export.xlsx?region=5328' }),
      400,
      'VALIDATION',
    );
    expectError(
      await county.request({ method: 'GET', url: '/api/imports/workers/not-a-report/errors.xlsx' }),
      400,
      'VALIDATION',
    );
    expectError(
      await county.request({ method: 'GET', url: `/api/imports/workers/${'b'.repeat(32)}/errors.xlsx` }),
      404,
      'REPORT_NOT_FOUND',
    );
  });
});

describe('the fast .xlsx scanner reads what exceljs reads', () => {
  it('shared, inline and rich text, entities, numbers, booleans, formulas, dates (1900 and 1904), gaps and title rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shequ-xlsx-'));
    try {
      const all = async (path: string, reader: string) => {
        process.env.SHEQU_XLSX_READER = reader;
        const out: unknown[] = [];
        for await (const r of streamRows(path)) out.push(r);
        return out;
      };
      for (const date1904 of [false, true]) {
        const wb = new ExcelJS.Workbook();
        wb.properties.date1904 = date1904;
        const ws = wb.addWorksheet('名册');
        ws.addRow(['花名册 <2026> & "说明"']);
        ws.addRow([]);
        ws.addRow(['姓名', '身份证号', '日期', '数字', '布尔', '公式', '富文本']);
        ws.addRow([
          '玉罕',
          '532822199001011234',
          new Date(Date.UTC(1985, 2, 1)),
          3.5,
          true,
          { formula: '1+1', result: 2 },
          { richText: [{ text: '岩' }, { text: '温', font: { bold: true } }] },
        ]);
        ws.addRow([
          '  空格  ',
          Number('532822199001011234'),
          '1985/3/1',
          0,
          false,
          { formula: '"a"&"b"', result: 'ab' },
          null,
        ]);
        ws.getRow(5).getCell(9).value = '远处的格';
        ws.getCell('C4').numFmt = 'yyyy"年"m"月"d"日"';
        const path = join(dir, `t${date1904}.xlsx`);
        writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
        const fast = await all(path, 'fast');
        expect(fast).toEqual(await all(path, 'exceljs'));
        const rows = fast as { number: number; cells: unknown[] }[];
        expect(rows.map((r) => r.number)).toEqual([1, 3, 4, 5]); // the blank row 2 is skipped
        expect(rows[2]).toMatchObject({
          number: 4,
          cells: ['玉罕', '532822199001011234', new Date(Date.UTC(1985, 2, 1)), 3.5, true, 2, '岩温'],
        });
        expect(rows[3].cells[8]).toBe('远处的格');
        expect(rows[3].cells[1]).toBeTypeOf('number'); // an ID number Excel stored as a number stays a number
      }
    } finally {
      delete process.env.SHEQU_XLSX_READER;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
