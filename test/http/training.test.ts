/** Training over HTTP on both engines: programs, enrolment, attendance (and its sheet), compliance, faculty, mentors, all-post. */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/domain/permissions.js';
import { DEMO_COUNTY } from '../../src/seed/demo.js';
import {
  complianceReader,
  complianceReaderEvaluated,
  trainingComplianceSummary,
  trainingComplianceSummaryEvaluated,
} from '../../src/services/training.service.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';
import { TRAINING_PROGRAM } from '../helpers/route-table.js';

const JINGHONG = '532801000000';
const CITY = '532800000000';
const TOWN = '532822101000'; // 勐海镇
const TODAY = new Date('2026-11-28T04:00:00Z');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const PROGRAM_KEYS = [
  'completed',
  'createdAt',
  'createdBy',
  'description',
  'endDate',
  'enrolled',
  'hours',
  'id',
  'location',
  'mode',
  'organiserLevel',
  'regionCode',
  'regionName',
  'startDate',
  'subjects',
  'tier',
  'title',
  'type',
];
const ITEM_KEYS = [
  'arithmetic',
  'completionsInWindow',
  'daysLeft',
  'deadline',
  'hiredOn',
  'lastCompleted',
  'name',
  'position',
  'regionCode',
  'regionName',
  'required',
  'rule',
  'status',
  'statusLabel',
  'window',
  'workerId',
];

function multipart(file: Buffer, filename = 'attendance.xlsx') {
  const boundary = `----shequ${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${XLSX}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, file, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function sheet(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考勤');
  ws.addRow(['某某培训班考勤表']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(ENGINES)('training (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  /** Staff of 勐海县 hired before 2024 with no completion at all: overdue under the 3-year rule (2021–2023 missed). */
  let untrained: { id: number; name: string; id_number: string }[];
  let programId: number;
  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    county = await t.login('demo-county');
    untrained = await t.db.query(
      `select w.id, w.name, w.id_number from worker w
       where w.region_code like '532822%' and w.position = 'staff' and w.status = 'active' and w.hired_on < '2023-01-01'
         and not exists (select 1 from training_enrolment e where e.worker_id = w.id and e.status = 'completed')
       order by w.id limit 4`,
    );
    expect(untrained.length).toBe(4);
  });
  afterAll(() => t.close());
  const get = (c: Client, url: string) => c.request({ method: 'GET', url });
  const post = (c: Client, url: string, payload: unknown) =>
    c.request({ method: 'POST', url, payload: payload as object });
  const statusOf = async (id: number) => (await get(county, `/api/workers/${id}/training`)).json().compliance;

  it('programs: 401, 403 outside the subtree, 400 with the field, and the created program’s shape', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/training/programs' }), 401, 'UNAUTHENTICATED');
    expectError(await get(county, `/api/training/programs?region=${JINGHONG}`), 403, 'OUT_OF_SCOPE');
    expectError(await post(county, '/api/training/programs', TRAINING_PROGRAM(JINGHONG)), 403, 'OUT_OF_SCOPE');
    expect(
      expectError(await get(county, '/api/training/programs?from=2026-13-01'), 400, 'VALIDATION').fields[0].field,
    ).toBe('from');
    expect(
      expectError(
        await post(county, '/api/training/programs', { ...TRAINING_PROGRAM(DEMO_COUNTY), hours: 0 }),
        400,
        'VALIDATION',
      ).fields.map((f) => f.field),
    ).toEqual(['hours']);
    const backwards = await post(county, '/api/training/programs', {
      ...TRAINING_PROGRAM(DEMO_COUNTY),
      startDate: '2026-05-20',
      endDate: '2026-05-18',
    });
    expect(expectError(backwards, 400, 'VALIDATION').fields).toEqual([
      { field: 'endDate', message: '结束日期不能早于开始日期' },
    ]);
    const community = await post(county, '/api/training/programs', TRAINING_PROGRAM('532822101001'));
    expect(expectError(community, 400, 'VALIDATION').fields[0]).toEqual({
      field: 'regionCode',
      message: '举办单位应为省、市、县或街道（乡镇）',
    });
    // Community accounts read but do not run programs.
    expectError(
      await post(await t.login('demo-community'), '/api/training/programs', TRAINING_PROGRAM(DEMO_COUNTY)),
      403,
      'FORBIDDEN',
    );
    const before = (await t.db.query<{ n: number }>('select count(*)::int as n from training_program'))[0].n;

    const res = await post(county, '/api/training/programs', TRAINING_PROGRAM(DEMO_COUNTY));
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json().item;
    expect(Object.keys(p).sort()).toEqual(PROGRAM_KEYS);
    expect(p).toMatchObject({
      regionCode: DEMO_COUNTY,
      regionName: '勐海县',
      organiserLevel: 'county',
      tier: 'backbone',
      hours: 16,
      enrolled: 0,
      completed: 0,
      subjects: ['policyLaw', 'mediation'],
    });
    programId = p.id;
    expect((await t.db.query<{ n: number }>('select count(*)::int as n from training_program'))[0].n).toBe(before + 1);
    const audit = await t.db.query<{ action: string }>(
      "select action from audit_log where entity_type = 'training_program' and entity_id = $1",
      [String(programId)],
    );
    expect(audit.map((a) => a.action)).toEqual(['training.program.create']);

    // The county sees its own program and the prefecture's and province's demo programs, not 景洪市's.
    const list = (await get(county, '/api/training/programs?from=2026-01-01&to=2026-12-31')).json().items as {
      regionCode: string;
      id: number;
    }[];
    expect(list.some((x) => x.id === programId)).toBe(true);
    expect(list.some((x) => x.regionCode === CITY)).toBe(true);
    expect(list.some((x) => x.regionCode === JINGHONG)).toBe(false);
    expect(list.every((x) => x.regionCode.startsWith('5328') || x.regionCode === '530000000000')).toBe(true);
  });

  it('F-TRAIN-RULE: enrol → mark completed → the worker turns from overdue to compliant', async () => {
    const w = untrained[0];
    const before = await statusOf(w.id);
    expect(before).toMatchObject({
      status: 'overdue',
      completionsInWindow: 0,
      required: 1,
      window: { from: '2024-01-01', to: '2026-12-31' },
      lastCompleted: null,
    });
    expect(before.rule).toContain('专职工作人员');
    expect(before.arithmetic).toContain('上一周期 2021年01月01日至2023年12月31日 内完成 0 次 < 要求 1 次');

    expectError(await post(county, `/api/training/programs/${programId}/enrolments`, {}), 400, 'VALIDATION');
    const jinghongWorker = (
      await t.db.query<{ id: number }>("select id from worker where region_code like '532801%' order by id limit 1")
    )[0].id;
    const outside = await post(county, `/api/training/programs/${programId}/enrolments`, {
      workerIds: [w.id, jinghongWorker],
    });
    expect(expectError(outside, 400, 'VALIDATION').fields[0].field).toBe('workerIds');
    const enrol = await post(county, `/api/training/programs/${programId}/enrolments`, {
      workerIds: [w.id, untrained[1].id],
    });
    expect(enrol.json()).toEqual({ enrolled: 2, skipped: 0, matched: 2 });
    expect(
      (await post(county, `/api/training/programs/${programId}/enrolments`, { workerIds: [w.id] })).json(),
    ).toEqual({ enrolled: 0, skipped: 1, matched: 1 });

    // Bad attendance changes nothing: a date before the program, a worker not enrolled.
    const bad = await post(county, `/api/training/programs/${programId}/attendance`, {
      items: [
        { workerId: w.id, status: 'completed', completedOn: '2026-05-01' },
        { workerId: untrained[2].id, status: 'completed' },
      ],
    });
    expect(expectError(bad, 400, 'VALIDATION').fields.map((f) => f.field)).toEqual([
      'items.0.completedOn',
      'items.1.workerId',
    ]);
    expect((await statusOf(w.id)).status).toBe('overdue');

    const ok = await post(county, `/api/training/programs/${programId}/attendance`, {
      items: [{ workerId: w.id, status: 'completed', attendedHours: 16, certificateNo: 'MH-2026-001' }],
    });
    expect(ok.json()).toEqual({ updated: 1 });
    const after = await statusOf(w.id);
    expect(after).toMatchObject({
      status: 'compliant',
      completionsInWindow: 1,
      lastCompleted: { date: '2026-05-20', title: '社区工作者在职培训班' },
    });
    expect(after.arithmetic).toBe(
      '本周期 2024年01月01日至2026年12月31日 内完成 1 次 ≥ 要求 1 次 → 已达标；最近一次完成：2026年05月20日（社区工作者在职培训班）',
    );

    const detail = (await get(county, `/api/training/programs/${programId}`)).json();
    expect(detail.item).toMatchObject({ enrolled: 2, completed: 1 });
    expect(detail.enrolments.find((e: { workerId: number }) => e.workerId === w.id)).toMatchObject({
      status: 'completed',
      completedOn: '2026-05-20',
      attendedHours: 16,
      certificateNo: 'MH-2026-001',
    });
  });

  it('enrols everyone matching a filter, skipping those already enrolled', async () => {
    const res = await post(county, `/api/training/programs/${programId}/enrolments`, {
      filter: { region: '532822101001', positions: ['staff'] },
    });
    const expected = (
      await t.db.query<{ n: number }>(
        "select count(*)::int as n from worker where region_code = '532822101001' and position = 'staff' and status in ('active', 'probation')",
      )
    )[0].n;
    expect(res.json().matched).toBe(expected);
    expect(res.json().enrolled + res.json().skipped).toBe(expected);
    expectError(
      await post(county, `/api/training/programs/${programId}/enrolments`, { filter: { region: JINGHONG } }),
      403,
      'OUT_OF_SCOPE',
    );
  });

  it('attendance sheet: every bad row with row, column and message; dry run; all or nothing', async () => {
    const [, w1, w2, w3] = untrained;
    await post(county, `/api/training/programs/${programId}/enrolments`, { workerIds: [w2.id] });
    const header = ['身份证号码', '姓名', '状态', '出勤学时', '结业日期', '证书编号'];
    const bad = await sheet([
      header,
      [w1.id_number, w1.name, '已结业', 16, '2026-05-20', 'C1'],
      [w3.id_number, w3.name, '已结业', 16, '2026-05-20', null], // not enrolled
      [w2.id_number, '别人', '毕业', 99, '2026年13月1日', null],
    ]);
    const res = await county.request({
      method: 'POST',
      url: `/api/training/programs/${programId}/attendance/import`,
      ...multipart(bad),
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ total: 3, valid: 1, committed: false, updated: 0 });
    expect(r.errors).toEqual([
      {
        row: 4,
        column: '身份证号码',
        field: 'idNumber',
        message: '该身份证号码的人员未报名本培训班，或不在您的管辖范围内',
      },
      { row: 5, column: '姓名', field: 'name', message: `姓名与登记的“${w2.name}”不一致` },
      { row: 5, column: '状态', field: 'status', message: '状态应为 已结业、未结业 或 已报名' },
      { row: 5, column: '出勤学时', field: 'attendedHours', message: '出勤学时应为 0 至 16 之间的数字' },
    ]);
    expect((await statusOf(w1.id)).status).toBe('overdue');

    const good = await sheet([
      header,
      [w1.id_number, w1.name, '已结业', 16, '2026-05-20', 'C1'],
      [w2.id_number, w2.name, '未结业', 4, null, null],
    ]);
    const dry = (
      await county.request({
        method: 'POST',
        url: `/api/training/programs/${programId}/attendance/import?dryRun=true`,
        ...multipart(good),
      })
    ).json();
    expect(dry).toEqual({ total: 2, valid: 2, errors: [], committed: false, updated: 0 });
    expect((await statusOf(w1.id)).status).toBe('overdue');
    const done = (
      await county.request({
        method: 'POST',
        url: `/api/training/programs/${programId}/attendance/import`,
        ...multipart(good),
      })
    ).json();
    expect(done).toEqual({ total: 2, valid: 2, errors: [], committed: true, updated: 2 });
    expect((await statusOf(w1.id)).status).toBe('compliant');
    expect((await statusOf(w2.id)).status).toBe('overdue');

    expectError(
      await county.request({ method: 'POST', url: `/api/training/programs/${programId}/attendance/import` }),
      400,
      'FILE_REQUIRED',
    );
    expectError(
      await county.request({
        method: 'POST',
        url: `/api/training/programs/${programId}/attendance/import`,
        ...multipart(good, 'a.pdf'),
      }),
      400,
      'FILE_TYPE',
    );
    const noHeader = await county.request({
      method: 'POST',
      url: `/api/training/programs/${programId}/attendance/import`,
      ...multipart(await sheet([['甲', '乙']])),
    });
    expectError(noHeader, 400, 'HEADER_NOT_FOUND');
    const template = await get(county, `/api/training/programs/${programId}/attendance.xlsx`);
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toBe(XLSX);
  });

  it('compliance list of 勐海县: counts add up, every row explained, filter, children, export, the statistics seam', async () => {
    expectError(
      await t.app.inject({ method: 'GET', url: `/api/training/compliance?region=${DEMO_COUNTY}` }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await get(county, `/api/training/compliance?region=${JINGHONG}`), 403, 'OUT_OF_SCOPE');
    expect(
      expectError(await get(county, `/api/training/compliance?region=${DEMO_COUNTY}&status=late`), 400, 'VALIDATION')
        .fields[0].field,
    ).toBe('status');
    expect(
      expectError(
        await get(county, `/api/training/compliance?region=${DEMO_COUNTY}&date=2026-02-30`),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('date');

    const res = await get(county, `/api/training/compliance?region=${DEMO_COUNTY}&pageSize=50`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(Object.keys(c).sort()).toEqual(['children', 'date', 'items', 'policy', 'region', 'summary', 'total']);
    expect(c.date).toBe('2026-11-28');
    expect(c.policy).toMatchObject({ window: 'calendar', windowStartYear: 2024, dueSoonDays: 90 });
    expect(c.policy.source).toContain('全国默认值');
    const s = c.summary;
    expect(s.compliant + s.dueSoon + s.pending + s.overdue + s.notApplicable).toBe(s.total);
    const serving = (
      await t.db.query<{ n: number }>(
        "select count(*)::int as n from worker where region_code like '532822%' and status in ('active', 'probation')",
      )
    )[0].n;
    expect(s.total).toBe(serving);
    expect(s.overdue).toBeGreaterThan(0);
    expect(s.compliant).toBeGreaterThan(0);
    expect(c.total).toBe(serving);
    for (const k of ['compliant', 'dueSoon', 'overdue', 'total'] as const)
      expect(c.children.reduce((a: number, x: Record<string, number>) => a + x[k], 0)).toBe(s[k]);
    for (const i of c.items) expect(Object.keys(i).sort()).toEqual(ITEM_KEYS);
    // Overdue first.
    expect(c.items[0].status).toBe('overdue');
    expect(c.items[0].arithmetic).toContain('逾期');

    const overdue = (
      await get(county, `/api/training/compliance?region=${DEMO_COUNTY}&status=overdue&pageSize=200`)
    ).json();
    expect(overdue.total).toBe(s.overdue);
    expect(overdue.items.every((i: { status: string }) => i.status === 'overdue')).toBe(true);
    expect(overdue.items.some((i: { workerId: number }) => i.workerId === untrained[0].id)).toBe(false);

    expect(await trainingComplianceSummary(t.db, DEMO_COUNTY, '2026-11-28')).toEqual(s);
    // The seam counts in SQL; the rule evaluated worker by worker gives the same counts, on any date and region.
    for (const [code, date] of [
      [DEMO_COUNTY, '2024-06-30'],
      [DEMO_COUNTY, '2025-01-01'],
      [DEMO_COUNTY, '2026-10-03'],
      [CITY, '2026-11-28'],
      [TOWN, '2027-01-01'],
      ['530000000000', '2026-12-31'],
    ]) {
      const evaluated = await trainingComplianceSummaryEvaluated(t.db, code, date);
      expect(await trainingComplianceSummary(t.db, code, date), `${code} ${date}`).toEqual(evaluated);
      expect(evaluated.total).toBeGreaterThan(0);
    }
    // On the first day of 2027 the 2024–2026 window is closed: the due-soon of today are overdue then.
    const next = await trainingComplianceSummary(t.db, DEMO_COUNTY, '2027-01-01');
    expect(next.overdue).toBeGreaterThanOrEqual(s.overdue);

    const x = await get(county, `/api/training/compliance.xlsx?region=${DEMO_COUNTY}&status=overdue`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(3).getCell(5).value).toBe('状态');
    expect(ws.rowCount).toBe(3 + s.overdue);
    expect(ws.getRow(4).getCell(5).value).toBe('逾期');
    expectError(await get(county, `/api/training/compliance.xlsx?region=${JINGHONG}`), 403, 'OUT_OF_SCOPE');
  });

  it('the SQL-paged list (calendar windows) equals the list with every worker evaluated in JS: counts, children, order, page and every explanation', async () => {
    const actor = systemActor('test');
    const ctx = { now: () => TODAY };
    const cases = [
      { region: DEMO_COUNTY },
      { region: DEMO_COUNTY, pageSize: 200 },
      { region: DEMO_COUNTY, page: 3, pageSize: 25 },
      { region: DEMO_COUNTY, date: '2027-01-01', status: 'overdue', pageSize: 100 },
      { region: DEMO_COUNTY, date: '2026-10-03', status: 'dueSoon', pageSize: 100 },
      { region: DEMO_COUNTY, date: '2024-06-30', status: 'pending', page: 2, pageSize: 30 },
      { region: DEMO_COUNTY, status: 'compliant', pageSize: 100 },
      { region: CITY, pageSize: 100 },
      { region: CITY, date: '2026-12-31', status: 'notApplicable' },
      { region: TOWN, date: '2025-01-01', pageSize: 500 },
      { region: '530000000000', page: 2, pageSize: 50 },
      { region: DEMO_COUNTY, page: 10_000 },
    ] as const;
    let compared = 0;
    for (const q of cases) {
      const sql = await complianceReader(t.db, actor, q, ctx);
      const js = await complianceReaderEvaluated(t.db, actor, q, ctx);
      expect(sql, JSON.stringify(q)).toEqual(js);
      compared += sql.items.length;
    }
    expect(compared).toBeGreaterThan(500);
    // The page is ordered overdue → due soon → pending → compliant → not applicable, then by deadline.
    const all = await complianceReader(t.db, actor, { region: DEMO_COUNTY, pageSize: 5000 }, ctx);
    expect(all.items.length).toBe(all.total);
    const rank = { overdue: 0, dueSoon: 1, pending: 2, compliant: 3, notApplicable: 4 };
    for (let i = 1; i < all.items.length; i++)
      expect(rank[all.items[i - 1].status]).toBeLessThanOrEqual(rank[all.items[i].status]);
  });

  it('a worker’s own training: the worker account sees itself only', async () => {
    const me = await t.login('demo-worker');
    const own = (
      await t.db.query<{ id: number }>(
        "select id from worker where user_id = (select id from app_user where username = 'demo-worker')",
      )
    )[0].id;
    const res = await get(me, `/api/workers/${own}/training`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.compliance.status).toBe('compliant');
    expect(body.compliance.source).toContain('全国默认值');
    expect(body.enrolments.length).toBeGreaterThan(0);
    expectError(await get(me, `/api/workers/${untrained[0].id}/training`), 404, 'NOT_FOUND');
    expectError(await get(county, '/api/workers/0/training'), 400, 'VALIDATION');
  });

  it('F-FACULTY trainers and resources at city level and above', async () => {
    const city = await t.login('demo-city');
    expectError(
      await post(county, '/api/training/trainers', {
        regionCode: DEMO_COUNTY,
        name: '县老师',
        subjects: ['mediation'],
      }),
      403,
      'FORBIDDEN',
    );
    const atCounty = await post(city, '/api/training/trainers', {
      regionCode: DEMO_COUNTY,
      name: '县老师',
      subjects: ['mediation'],
    });
    expect(expectError(atCounty, 400, 'VALIDATION').fields[0]).toEqual({
      field: 'regionCode',
      message: '师资库和资源库设在市级及以上',
    });
    expect(
      expectError(
        await post(city, '/api/training/trainers', { regionCode: CITY, name: '老师', subjects: ['cooking'] }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('subjects.0');
    const made = await post(city, '/api/training/trainers', {
      regionCode: CITY,
      name: '岩温',
      title: '讲师',
      subjects: ['massWork'],
    });
    expect(made.json().item).toMatchObject({ regionCode: CITY, name: '岩温', subjects: ['massWork'] });
    // The county reads the prefecture's pool.
    expect(
      (await get(county, '/api/training/trainers')).json().items.some((x: { name: string }) => x.name === '岩温'),
    ).toBe(true);

    expect(
      expectError(
        await post(city, '/api/training/resources', { regionCode: CITY, kind: 'link', title: '链接', subjects: [] }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('url');
    const caseRes = await post(city, '/api/training/resources', {
      regionCode: CITY,
      kind: 'case',
      title: '“院坝会”工作法',
      summary: '每周一次院坝会',
      subjects: ['massWork', 'caseTeaching'],
    });
    expect(caseRes.json().item).toMatchObject({ kind: 'case', title: '“院坝会”工作法' });
    const cases = (await get(county, '/api/training/resources?kind=case')).json().items;
    expect(cases.every((x: { kind: string }) => x.kind === 'case')).toBe(true);
    expect(cases.some((x: { title: string }) => x.title === '“院坝会”工作法')).toBe(true);
    expect(
      expectError(await get(county, '/api/training/resources?kind=video'), 400, 'VALIDATION').fields[0].field,
    ).toBe('kind');
  });

  it('F-MENTOR pairs and F-ALLPOST certificates', async () => {
    const [a, b] = untrained;
    expect(
      expectError(
        await post(county, '/api/training/mentors', { mentorId: a.id, menteeId: a.id, startDate: '2026-01-01' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('menteeId');
    expect(
      expectError(
        await post(county, '/api/training/mentors', {
          mentorId: a.id,
          menteeId: b.id,
          startDate: '2026-01-01',
          endDate: '2025-01-01',
        }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('endDate');
    const m = await post(county, '/api/training/mentors', {
      mentorId: a.id,
      menteeId: b.id,
      startDate: '2026-01-01',
      note: '帮带',
    });
    expect(m.statusCode, m.body).toBe(200);
    const list = (await get(county, `/api/training/mentors?region=${DEMO_COUNTY}`)).json().items;
    expect(list.find((x: { id: number }) => x.id === m.json().item.id)).toMatchObject({
      mentorName: a.name,
      menteeName: b.name,
    });
    expectError(await get(county, `/api/training/mentors?region=${JINGHONG}`), 403, 'OUT_OF_SCOPE');

    expect(
      expectError(
        await post(county, '/api/training/all-post', { workerId: a.id, certifiedOn: '2026-02-30' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('certifiedOn');
    const c = await post(county, '/api/training/all-post', {
      workerId: a.id,
      certifiedOn: '2026-06-01',
      certificateNo: 'QGT-1',
    });
    expect(c.json().item).toMatchObject({
      workerId: a.id,
      workerName: a.name,
      certifiedOn: '2026-06-01',
      certificateNo: 'QGT-1',
    });
    expectError(
      await post(county, '/api/training/all-post', { workerId: a.id, certifiedOn: '2026-06-01' }),
      409,
      'DUPLICATE',
    );
    const certs = (await get(county, `/api/training/all-post?region=${TOWN.slice(0, 6)}000000`)).json().items;
    expect(certs.some((x: { workerId: number }) => x.workerId === a.id)).toBe(true);
  });
});
