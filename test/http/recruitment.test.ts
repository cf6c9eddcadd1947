/** F-RECRUIT / F-VET over HTTP on both engines: plan → applicants (entry and .xlsx) → scores, vetting, ranking → offer → hire on probation. */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const TODAY = new Date('2026-11-28T04:00:00Z');
const COUNTY = '532822000000';
const COMMUNITY = '532822101001'; // 沿河社区居民委员会
const OTHER = '532822101002';
const JINGHONG = '532801000000';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let seq = 700;
const newId = (birth: string, male = false) => {
  seq += 2;
  return makeIdNumber('532822', birth, seq + (male ? 1 : 0));
};

async function workbook(rows: unknown[][], titleRows: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报名');
  for (const t of titleRows) ws.addRow([t]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function multipart(file: Buffer, filename = 'applicants.xlsx') {
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

const PLAN = {
  regionCode: COUNTY,
  title: '2026年勐海县公开招聘社区专职工作人员',
  referenceDate: '2026-12-01',
  maxAge: 35,
  minEducation: 'associate',
  residenceRegion: COUNTY,
  writtenPercent: 40,
  bonus: { graduate: 2, veteran: 3, socialWork: 2, gridWorker: 5 },
  posts: [
    { regionCode: COMMUNITY, posts: 1 },
    { regionCode: OTHER, posts: 2 },
  ],
};

describe.each(ENGINES)('recruitment (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let street: Client;
  let city: Client;
  let outsidePlan: number;
  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    [county, street, city] = await Promise.all([t.login('demo-county'), t.login('demo-street'), t.login('demo-city')]);
    const admin = await t.login('demo-admin');
    const res = await admin.request({
      method: 'POST',
      url: '/api/recruitment/plans',
      payload: {
        ...PLAN,
        regionCode: JINGHONG,
        residenceRegion: null,
        posts: [{ regionCode: '532801001003', posts: 1 }],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    outsidePlan = res.json().plan.id;
  });
  afterAll(() => t.close());
  const createPlan = async (over: Record<string, unknown> = {}) => {
    const res = await county.request({ method: 'POST', url: '/api/recruitment/plans', payload: { ...PLAN, ...over } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const add = (planId: number, body: Record<string, unknown>) =>
    county.request({ method: 'POST', url: `/api/recruitment/plans/${planId}/applicants`, payload: body });
  const patch = (id: number, body: Record<string, unknown>) =>
    county.request({ method: 'PATCH', url: `/api/recruitment/applicants/${id}`, payload: body });

  it('401 without a session, 403/404 outside the scope, 403 for a role that only reads, 400 naming the field', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/recruitment/plans' }), 401, 'UNAUTHENTICATED');
    expectError(
      await t.app.inject({ method: 'POST', url: '/api/recruitment/plans', payload: PLAN }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await county.request({
        method: 'POST',
        url: '/api/recruitment/plans',
        payload: { ...PLAN, regionCode: JINGHONG },
      }),
      403,
      'OUT_OF_SCOPE',
    );
    expectError(
      await county.request({ method: 'GET', url: `/api/recruitment/plans?region=${JINGHONG}` }),
      403,
      'OUT_OF_SCOPE',
    );
    expectError(
      await county.request({ method: 'GET', url: `/api/recruitment/plans/${outsidePlan}` }),
      404,
      'NOT_FOUND',
    );
    expectError(await add(outsidePlan, { name: '甲', idNumber: newId('1995-01-01') }), 404, 'NOT_FOUND');
    expectError(
      await county.request({
        method: 'POST',
        url: `/api/recruitment/plans/${outsidePlan}/applicants/import`,
        ...multipart(
          await workbook([
            ['姓名', '公民身份号码'],
            ['甲', newId('1995-01-01')],
          ]),
        ),
      }),
      404,
      'NOT_FOUND',
    );
    // the street reads nothing of recruitment; the city reads but does not manage
    expectError(await street.request({ method: 'GET', url: '/api/recruitment/plans' }), 403, 'FORBIDDEN');
    expectError(await city.request({ method: 'POST', url: '/api/recruitment/plans', payload: PLAN }), 403, 'FORBIDDEN');
    expect(
      expectError(
        await county.request({
          method: 'POST',
          url: '/api/recruitment/plans',
          payload: { ...PLAN, regionCode: '532822101000' },
        }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('regionCode');
    expect(
      expectError(
        await county.request({
          method: 'POST',
          url: '/api/recruitment/plans',
          payload: { ...PLAN, posts: [{ regionCode: '532801001003', posts: 1 }] },
        }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('posts.0.regionCode');
    expect(
      expectError(
        await county.request({
          method: 'POST',
          url: '/api/recruitment/plans',
          payload: { ...PLAN, bonus: { graduate: 2.005 } },
        }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('bonus.graduate');
    expect(
      expectError(
        await county.request({
          method: 'POST',
          url: '/api/recruitment/plans',
          payload: { ...PLAN, writtenPercent: 101 },
        }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('writtenPercent');
    const { plan } = await createPlan();
    const bad = expectError(
      await add(plan.id, { name: '乙', idNumber: '532822199501010000', post: '不存在社区', writtenScore: 101 }),
      400,
      'VALIDATION',
    );
    expect(bad.fields.map((f) => f.field).sort()).toEqual(['idNumber', 'post', 'writtenScore']);
    expect(expectError(await patch(999999, { vetting: 'failed' }), 400, 'VALIDATION').fields[0].field).toBe(
      'vettingNote',
    );
  });

  it('an .xlsx with bad rows reports every one and writes nothing; the corrected file imports all', async () => {
    const { plan } = await createPlan({ title: '导入测试' });
    const header = [
      '姓名',
      '公民身份号码',
      '手机号码',
      '学历',
      '居住地区划代码',
      '是否高校毕业生',
      '毕业年份',
      '报考社区',
      '笔试成绩',
      '面试成绩',
    ];
    const good1 = [
      '岩温',
      newId('1996-02-02', true),
      '13800001111',
      '大学本科',
      COMMUNITY,
      '是',
      2018,
      '沿河社区居民委员会',
      80,
      90,
    ];
    const good2 = ['玉香', newId('1997-03-03'), '13800002222', '大学专科', OTHER, '否', '', OTHER, 85.5, 88];
    const badId = ['错号', '532822199602020000', '', '大学本科', COMMUNITY, '否', '', COMMUNITY, 70, 70];
    const badPost = ['错岗', newId('1998-01-01'), '', '大学本科', COMMUNITY, '否', '', '曼弄社区', 70, 70];
    const dup = ['重复', good1[1], '', '大学本科', COMMUNITY, '否', '', COMMUNITY, 70, 70];
    const res = await county.request({
      method: 'POST',
      url: `/api/recruitment/plans/${plan.id}/applicants/import`,
      ...multipart(await workbook([header, good1, badId, good2, badPost, dup], ['2026年报名汇总表'])),
    });
    expect(res.statusCode).toBe(400);
    const err: { code: string; reportId: string; fields: { field: string; message: string }[] } = res.json().error;
    expect(err.code).toBe('IMPORT_ROWS_INVALID');
    expect(err.reportId).toMatch(/^[0-9a-f]{32}$/);
    expect(err.fields.map((f) => f.field)).toEqual(['row4.idNumber', 'row6.post', 'row7.idNumber']);
    expect(err.fields[0].message).toMatch(/^第 4 行 \[公民身份号码 B 列\] /);
    expect(err.fields[2].message).toBe('第 7 行 [公民身份号码 B 列] 与第 3 行的身份证号码重复');
    expect(
      (await county.request({ method: 'GET', url: `/api/recruitment/plans/${plan.id}` }))
        .json()
        .posts.flatMap((p: { applicants: unknown[] }) => p.applicants),
    ).toEqual([]);
    const ok = await county.request({
      method: 'POST',
      url: `/api/recruitment/plans/${plan.id}/applicants/import`,
      ...multipart(await workbook([header, good1, good2])),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().created).toBe(2);
    const view = (await county.request({ method: 'GET', url: `/api/recruitment/plans/${plan.id}` })).json();
    const a = view.posts[0].applicants[0];
    expect(a).toMatchObject({
      name: '岩温',
      groups: ['graduate'],
      nearHome: true,
      writtenScore: 80,
      interviewScore: 90,
      total: 88,
      rank: 1,
      eligible: true,
      vetting: 'pending',
    });
    expect(a.arithmetic).toBe('笔试 80.00 × 40% + 面试 90.00 × 60% = 86.00 + 高校毕业生加分 2.00 = 88.00');
    expect(a.idNumber).toMatch(/\*{8}/);
    // importing the same people again is refused row by row
    const again = await county.request({
      method: 'POST',
      url: `/api/recruitment/plans/${plan.id}/applicants/import`,
      ...multipart(await workbook([header, good1])),
    });
    expect([again.statusCode, again.json().error.code]).toEqual([400, 'IMPORT_ROWS_INVALID']);
  });

  it('eligibility with reasons, ranking with tie-break, vetting, offer within the posts, hire as a probation worker', async () => {
    const { plan } = await createPlan({ title: '全流程' });
    const ids: Record<string, number> = {};
    for (const [name, birth, over] of [
      ['张一', '1995-05-05', { writtenScore: 80, interviewScore: 90 }],
      ['李二', '1996-06-06', { writtenScore: 95, interviewScore: 80, veteran: '是' }],
      ['王三', '1980-01-01', { writtenScore: 99, interviewScore: 99 }],
      ['赵四', '1997-07-07', { writtenScore: 80, interviewScore: 90 }],
    ] as const) {
      const res = await add(plan.id, {
        name,
        idNumber: newId(birth),
        education: '大学本科',
        homeRegionCode: COMMUNITY,
        post: COMMUNITY,
        politicalStatus: '中共党员',
        ...over,
      });
      expect(res.statusCode, res.body).toBe(200);
      ids[name] = res.json().id;
    }
    let view = (await county.request({ method: 'GET', url: `/api/recruitment/plans/${plan.id}` })).json();
    const list = () => view.posts.find((p: { regionCode: string }) => p.regionCode === COMMUNITY).applicants;
    // 李二 38 + 48 + 3 = 89; 张一 and 赵四 86 each, tied; 王三 too old
    expect(
      list().map((a: { name: string; rank: number | null; tied: boolean; total: number }) => [
        a.name,
        a.rank,
        a.tied,
        a.total,
      ]),
    ).toEqual([
      ['李二', 1, false, 89],
      ['张一', 2, true, 86],
      ['赵四', 2, true, 86],
      ['王三', null, false, 99],
    ]);
    const old = list()[3];
    expect(old.checks.find((c: { met: boolean }) => !c.met)).toEqual({
      rule: '年龄不超过 35 周岁（按 2026年12月01日 计算）',
      met: false,
      pending: false,
      evidence: '出生于 1980年01月01日，届时 46 周岁',
    });
    // no offer before vetting; none outside the post's number
    expectError(
      await county.request({ method: 'POST', url: `/api/recruitment/applicants/${ids.李二}/offer` }),
      409,
      'VETTING_REQUIRED',
    );
    view = (await patch(ids.李二, { vetting: 'passed', vettingNote: '经审查，政治合格' })).json();
    expect(list()[0]).toMatchObject({ vetting: 'passed', vettingNote: '经审查，政治合格' });
    await patch(ids.张一, { vetting: 'passed' });
    expectError(
      await county.request({ method: 'POST', url: `/api/recruitment/applicants/${ids.张一}/offer` }),
      409,
      'NOT_WITHIN_POSTS',
    );
    const offer = await county.request({ method: 'POST', url: `/api/recruitment/applicants/${ids.李二}/offer` });
    expect(offer.statusCode, offer.body).toBe(200);
    expect(offer.json()).toEqual({ id: ids.李二, status: 'offered', offeredOn: '2026-11-28', rank: 1, total: 89 });
    expectError(
      await county.request({
        method: 'POST',
        url: `/api/recruitment/applicants/${ids.张一}/hire`,
        payload: { startDate: '2026-12-01' },
      }),
      409,
      'NOT_OFFERED',
    );
    expect(
      expectError(
        await county.request({
          method: 'POST',
          url: `/api/recruitment/applicants/${ids.李二}/hire`,
          payload: { startDate: '2026-12-01' },
        }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('startDate');

    const before = (await county.request({ method: 'GET', url: `/api/regions/${COMMUNITY}/staffing` })).json()
      .headcount;
    const hire = await county.request({
      method: 'POST',
      url: `/api/recruitment/applicants/${ids.李二}/hire`,
      payload: { startDate: '2026-11-28' },
    });
    expect(hire.statusCode, hire.body).toBe(200);
    const w = hire.json().worker;
    expect(w).toMatchObject({
      name: '李二',
      status: 'probation',
      category: 'staff',
      position: 'staff',
      regionCode: COMMUNITY,
      startDate: '2026-11-28',
      veteran: true,
      education: 'bachelor',
      politicalStatus: 'party',
      homeRegionCode: COMMUNITY,
    });
    const period = await t.db.query<{ origin: string }>('select origin from worker_period where worker_id = $1', [
      w.id,
    ]);
    expect(period).toEqual([{ origin: 'recruited' }]);
    expect((await county.request({ method: 'GET', url: `/api/regions/${COMMUNITY}/staffing` })).json().headcount).toBe(
      before + 1,
    );
    expect(
      (await county.request({ method: 'GET', url: `/api/recruitment/plans/${plan.id}` })).json().posts[0].applicants[0],
    ).toMatchObject({ status: 'hired', workerId: w.id });
    expectError(
      await county.request({
        method: 'POST',
        url: `/api/recruitment/applicants/${ids.李二}/hire`,
        payload: { startDate: '2026-11-28' },
      }),
      409,
      'NOT_OFFERED',
    );
    const plans = (await county.request({ method: 'GET', url: '/api/recruitment/plans' })).json();
    expect(plans.items.find((p: { id: number }) => p.id === plan.id)).toMatchObject({
      posts: 3,
      applicants: 4,
      hired: 1,
      regionName: '勐海县',
    });
  });

  const audits = (action: string, entityId: number | string) =>
    t.db.query<{ actor_name: string; before: unknown; after: Record<string, unknown> }>(
      'select actor_name, before, after from audit_log where action = $1 and entity_id = $2 order by id',
      [action, String(entityId)],
    );
  const view = async (planId: number) =>
    (await county.request({ method: 'GET', url: `/api/recruitment/plans/${planId}` })).json();
  const person = (v: { posts: { applicants: { id: number }[] }[] }, id: number) =>
    v.posts.flatMap((p) => p.applicants).find((a) => a.id === id) as Record<string, unknown>;

  it("the plan template: .xlsx with the plan's communities in a dropdown and an instructions sheet; 401, 404 outside, 403 read-only", async () => {
    const { plan } = await createPlan({ title: '模板测试' });
    expectError(
      await t.app.inject({ method: 'GET', url: `/api/recruitment/plans/${plan.id}/template.xlsx` }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await county.request({ method: 'GET', url: `/api/recruitment/plans/${outsidePlan}/template.xlsx` }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await city.request({ method: 'GET', url: `/api/recruitment/plans/${plan.id}/template.xlsx` }),
      403,
      'FORBIDDEN',
    );
    const res = await county.request({ method: 'GET', url: `/api/recruitment/plans/${plan.id}/template.xlsx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('模板测试-报名人员导入模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报名人员', '说明', '代码表']);
    const ws = wb.getWorksheet('报名人员')!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['姓名*', '公民身份号码*', '手机号码']);
    expect(header).toContain('报考社区*');
    const postCol = header.indexOf('报考社区*') + 1;
    const lists = wb.getWorksheet('代码表')!;
    const listCols = (lists.getRow(1).values as unknown[]).slice(1);
    const k = listCols.indexOf('报考社区') + 1;
    expect([lists.getCell(2, k).value, lists.getCell(3, k).value]).toEqual(['沿河社区居民委员会', expect.any(String)]);
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations
      .model;
    const letter = ws.getColumn(postCol).letter;
    expect(Object.entries(dv).find(([range]) => range.startsWith(`${letter}3`))?.[1].formulae[0]).toContain('代码表');
    // the template imports as it is, with its title row, once filled in
    const filled = new ExcelJS.Workbook();
    await filled.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = filled.getWorksheet('报名人员')!;
    const row = sheet.getRow(3);
    const cols = Object.fromEntries(header.map((h, i) => [String(h).replace('*', ''), i + 1]));
    row.getCell(cols.姓名).value = '模板甲';
    row.getCell(cols.公民身份号码).value = newId('1995-09-09');
    row.getCell(cols.学历).value = '大学本科';
    row.getCell(cols.居住地区划代码).value = COMMUNITY;
    row.getCell(cols.报考社区).value = '沿河社区居民委员会';
    row.getCell(cols.是否本地户籍).value = '是';
    row.getCell(cols.社会工作者职业水平).value = '社会工作师';
    row.commit();
    const ok = await county.request({
      method: 'POST',
      url: `/api/recruitment/plans/${plan.id}/applicants/import`,
      ...multipart(Buffer.from(await filled.xlsx.writeBuffer())),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(person(await view(plan.id), ok.json().ids[0])).toMatchObject({
      name: '模板甲',
      localHukou: true,
      qualification: 'intermediate',
    });
  });

  it('a failed import gives the uploaded sheet back with every error marked, to its uploader only', async () => {
    const { plan } = await createPlan({ title: '错误报告' });
    const header = ['姓名', '公民身份号码', '学历', '报考社区', '是否本地户籍', '本地居住年限'];
    const res = await county.request({
      method: 'POST',
      url: `/api/recruitment/plans/${plan.id}/applicants/import`,
      ...multipart(
        await workbook(
          [
            header,
            ['好人', newId('1996-01-01'), '大学本科', COMMUNITY, '是', 3],
            ['坏号', '532822199602020000', '大学本科', COMMUNITY, '也许', 'abc'],
          ],
          ['报名汇总'],
        ),
      ),
    });
    const err = res.json().error;
    expect(err.fields.map((f: { field: string }) => f.field)).toEqual([
      'row4.idNumber',
      'row4.localHukou',
      'row4.residenceYears',
    ]);
    const url = `/api/recruitment/imports/${err.reportId}/errors.xlsx`;
    expectError(await t.app.inject({ method: 'GET', url }), 401, 'UNAUTHENTICATED');
    const other = await t.login('demo-admin');
    expectError(await other.request({ method: 'GET', url }), 404, 'REPORT_NOT_FOUND');
    expectError(
      await county.request({
        method: 'GET',
        url: '/api/recruitment/imports/0123456789abcdef0123456789abcdef/errors.xlsx',
      }),
      404,
      'REPORT_NOT_FOUND',
    );
    const dl = await county.request({ method: 'GET', url });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(dl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell(1, 1).value).toBe('报名汇总');
    expect(ws.getCell(2, 7).value).toBe('错误说明');
    expect(ws.getCell(3, 7).value).toBeNull();
    expect(String(ws.getCell(4, 7).value)).toContain('第 4 行 [公民身份号码 B 列]');
    expect(String(ws.getCell(4, 7).value)).toContain('是否本地户籍应填 是 或 否');
    expect((ws.getCell(4, 2).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFC7CE');
    expect(
      String(
        (ws.getCell(4, 6).note as { texts?: { text: string }[] } | string | undefined) &&
          JSON.stringify(ws.getCell(4, 6).note),
      ),
    ).toContain('本地居住年限应为 0–100 的整数');
    expect(ws.getCell(3, 1).value).toBe('好人');
  });

  it('further conditions: on the plan, checked per applicant with reasons; pending ones rank but hold the offer; 400 by field; audited', async () => {
    expect(
      expectError(
        await county.request({
          method: 'POST',
          url: '/api/recruitment/plans',
          payload: { ...PLAN, conditions: { localYears: 0 } },
        }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('conditions.localYears');
    expect(
      expectError(
        await county.request({
          method: 'POST',
          url: '/api/recruitment/plans',
          payload: { ...PLAN, conditions: { custom: ['  '] } },
        }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('conditions.custom.0');
    const { plan } = await createPlan({
      title: '条件测试',
      posts: [{ regionCode: COMMUNITY, posts: 1 }],
      conditions: {
        partyMember: true,
        localYears: 3,
        noCriminalRecord: true,
        healthy: true,
        socialWorkQualification: 'assistant',
        custom: ['能熟练使用傣语'],
      },
    });
    expect(plan.conditions).toEqual({
      partyMember: true,
      localYears: 3,
      noCriminalRecord: true,
      healthy: true,
      socialWorkQualification: 'assistant',
      custom: ['能熟练使用傣语'],
    });
    expect((await audits('recruitment.plan.create', plan.id))[0].after.conditions).toMatchObject({
      localYears: 3,
      custom: ['能熟练使用傣语'],
    });
    const base = {
      education: '大学本科',
      homeRegionCode: COMMUNITY,
      post: COMMUNITY,
      writtenScore: 80,
      interviewScore: 90,
    };
    const good = (
      await add(plan.id, {
        ...base,
        name: '合格',
        idNumber: newId('1995-02-02'),
        politicalStatus: '中共党员',
        localHukou: '否',
        residenceYears: 3,
        noRecordDeclared: '是',
        qualification: '助理社会工作师',
      })
    ).json().id;
    const masses = (
      await add(plan.id, {
        ...base,
        name: '群众',
        idNumber: newId('1995-03-03'),
        politicalStatus: '群众',
        localHukou: '是',
        noRecordDeclared: '是',
        qualification: '社会工作师',
      })
    ).json().id;
    expect(
      expectError(
        await add(plan.id, {
          ...base,
          name: '错',
          idNumber: newId('1995-04-04'),
          residenceYears: -1,
          qualification: '高级',
        }),
        400,
        'VALIDATION',
      )
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['qualification', 'residenceYears']);
    let v = await view(plan.id);
    const g = person(v, good) as {
      checks: { rule: string; met: boolean; pending: boolean; evidence: string }[];
      rank: number;
      eligible: boolean;
      conditionsComplete: boolean;
    };
    expect(g.checks.slice(3)).toEqual([
      { rule: '中共党员（含预备党员）', met: true, pending: false, evidence: '政治面貌为中共党员' },
      { rule: '勐海县户籍，或在勐海县居住满 3 年', met: true, pending: false, evidence: '非本地户籍，居住 3 年' },
      { rule: '无违法犯罪记录', met: true, pending: false, evidence: '已签署无违法犯罪记录承诺' },
      { rule: '身体健康（体检合格）', met: false, pending: true, evidence: '尚未体检' },
      {
        rule: '取得助理社会工作师及以上社会工作者职业资格',
        met: true,
        pending: false,
        evidence: '职业水平为助理社会工作师',
      },
      { rule: '能熟练使用傣语', met: false, pending: true, evidence: '待县级审核' },
    ]);
    expect([g.rank, g.eligible, g.conditionsComplete]).toEqual([1, true, false]);
    expect(person(v, masses)).toMatchObject({ rank: null, eligible: false, note: '资格审查未通过' });
    await patch(good, { vetting: 'passed' });
    expect(
      expectError(
        await county.request({ method: 'POST', url: `/api/recruitment/applicants/${good}/offer` }),
        409,
        'CONDITIONS_PENDING',
      ).message,
    ).toContain('身体健康（体检合格）；能熟练使用傣语');
    expect(
      expectError(await patch(good, { customChecks: [{ index: 0, met: false }] }), 400, 'VALIDATION').fields[0].field,
    ).toBe('customChecks.0.note');
    expect(
      expectError(await patch(good, { customChecks: [{ index: 3, met: true }] }), 400, 'VALIDATION').fields[0].field,
    ).toBe('customChecks.0.index');
    expect(expectError(await patch(good, { health: 'ok' }), 400, 'VALIDATION').fields[0].field).toBe('health');
    v = (
      await patch(good, { health: 'passed', customChecks: [{ index: 0, met: true, note: '面试中傣语交流流利' }] })
    ).json();
    expect(person(v, good)).toMatchObject({
      conditionsComplete: true,
      health: 'passed',
      customChecks: [{ index: 0, met: true, note: '面试中傣语交流流利' }],
    });
    const [entry] = (await audits('recruitment.applicant.update', good)).slice(-1);
    expect(entry.after).toMatchObject({
      health: 'passed',
      customChecks: { 0: { met: true, note: '面试中傣语交流流利' } },
    });
    expect(entry.before).toMatchObject({ health: 'pending', customChecks: {} });
    expect(
      (await county.request({ method: 'POST', url: `/api/recruitment/applicants/${good}/offer` })).statusCode,
    ).toBe(200);
  });

  it("a tie across the last place: offers wait for the county's decision, which is audited and shown in the ranking", async () => {
    const { plan } = await createPlan({ title: '并列测试', posts: [{ regionCode: COMMUNITY, posts: 1 }] });
    const ids: number[] = [];
    for (const [name, birth] of [
      ['并列甲', '1995-01-11'],
      ['并列乙', '1995-01-12'],
    ])
      ids.push(
        (
          await add(plan.id, {
            name,
            idNumber: newId(birth),
            education: '大学本科',
            homeRegionCode: COMMUNITY,
            post: COMMUNITY,
            writtenScore: 80,
            interviewScore: 90,
          })
        ).json().id,
      );
    for (const id of ids) await patch(id, { vetting: 'passed' });
    let v = await view(plan.id);
    expect(ids.map((id) => person(v, id)).map((a) => [a.rank, a.tied, a.tieUndecided, a.withinPosts])).toEqual([
      [1, true, true, false],
      [1, true, true, false],
    ]);
    expect(
      expectError(
        await county.request({ method: 'POST', url: `/api/recruitment/applicants/${ids[0]}/offer` }),
        409,
        'TIE_UNDECIDED',
      ).message,
    ).toContain('第 1 名并列');
    const ties = (body: Record<string, unknown>, c = county, planId = plan.id) =>
      c.request({ method: 'POST', url: `/api/recruitment/plans/${planId}/ties`, payload: body });
    expectError(
      await t.app.inject({
        method: 'POST',
        url: `/api/recruitment/plans/${plan.id}/ties`,
        payload: { winners: [ids[1]], reason: '加试' },
      }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await ties({ winners: [ids[1]], reason: '加试' }, city), 403, 'FORBIDDEN');
    expectError(await ties({ winners: [ids[1]], reason: '加试' }, county, outsidePlan), 404, 'NOT_FOUND');
    expect(expectError(await ties({ winners: [ids[1]], reason: ' ' }), 400, 'VALIDATION').fields[0].field).toBe(
      'reason',
    );
    expect(expectError(await ties({ winners: ids, reason: '加试' }), 400, 'VALIDATION').fields[0]).toEqual({
      field: 'winners',
      message: '并列组（2 人）尚余 1 个岗位，应选择 1 人',
    });
    expect(expectError(await ties({ winners: [999999], reason: '加试' }), 400, 'VALIDATION').fields[0].field).toBe(
      'winners',
    );
    const res = await ties({ winners: [ids[1]], reason: '加试成绩 91 分高于 85 分' });
    expect(res.statusCode, res.body).toBe(200);
    v = res.json();
    expect(
      v.posts[0].applicants.map(
        (a: {
          id: number;
          rank: number;
          tied: boolean;
          withinPosts: boolean;
          tieDecision: { won: boolean; reason: string };
        }) => [a.id, a.rank, a.tied, a.withinPosts, a.tieDecision.won, a.tieDecision.reason],
      ),
    ).toEqual([
      [ids[1], 1, false, true, true, '加试成绩 91 分高于 85 分'],
      [ids[0], 2, false, false, false, '加试成绩 91 分高于 85 分'],
    ]);
    const [d] = await t.db.query<{ id: number }>('select id from recruitment_tie_decision where plan_id = $1', [
      plan.id,
    ]);
    expect((await audits('recruitment.tie.decide', d.id))[0].after).toMatchObject({
      rank: 1,
      applicantIds: ids,
      winnerIds: [ids[1]],
      reason: '加试成绩 91 分高于 85 分',
    });
    expectError(await ties({ winners: [ids[0]], reason: '再议' }), 409, 'TIE_DECIDED');
    expectError(
      await county.request({ method: 'POST', url: `/api/recruitment/applicants/${ids[0]}/offer` }),
      409,
      'NOT_WITHIN_POSTS',
    );
    expect(
      (await county.request({ method: 'POST', url: `/api/recruitment/applicants/${ids[1]}/offer` })).json(),
    ).toMatchObject({ status: 'offered', rank: 1 });
  });

  it('closing a plan: hired and unfilled posts shown, audited; afterwards no applicants, scores, decisions or offers (409 PLAN_CLOSED), an offer made may still be hired', async () => {
    const { plan } = await createPlan({ title: '结束测试' });
    const mk = async (name: string, birth: string, post: string) =>
      (
        await add(plan.id, {
          name,
          idNumber: newId(birth),
          education: '大学本科',
          homeRegionCode: COMMUNITY,
          post,
          writtenScore: 80,
          interviewScore: 90,
        })
      ).json().id as number;
    const a = await mk('结束甲', '1995-06-01', COMMUNITY);
    const b = await mk('结束乙', '1995-06-02', OTHER);
    const c = await mk('结束丙', '1995-06-03', OTHER);
    for (const id of [a, b]) await patch(id, { vetting: 'passed' });
    await county.request({ method: 'POST', url: `/api/recruitment/applicants/${a}/offer` });
    await county.request({ method: 'POST', url: `/api/recruitment/applicants/${b}/offer` });
    expect(
      (
        await county.request({
          method: 'POST',
          url: `/api/recruitment/applicants/${a}/hire`,
          payload: { startDate: '2026-11-28' },
        })
      ).statusCode,
    ).toBe(200);
    const close = (c2 = county, id = plan.id, body: Record<string, unknown> = { note: '沿河社区岗位已聘满' }) =>
      c2.request({ method: 'POST', url: `/api/recruitment/plans/${id}/close`, payload: body });
    expectError(
      await t.app.inject({ method: 'POST', url: `/api/recruitment/plans/${plan.id}/close`, payload: {} }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await close(city), 403, 'FORBIDDEN');
    expectError(await close(county, outsidePlan), 404, 'NOT_FOUND');
    expect(
      expectError(await close(county, plan.id, { note: 'x'.repeat(501) }), 400, 'VALIDATION').fields[0].field,
    ).toBe('note');
    const res = await close();
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v.plan).toMatchObject({ status: 'closed', closedOn: '2026-11-28', closeNote: '沿河社区岗位已聘满' });
    expect(
      v.posts.map((p: { regionCode: string; posts: number; hired: number; offered: number; unfilled: number }) => [
        p.regionCode,
        p.posts,
        p.hired,
        p.offered,
        p.unfilled,
      ]),
    ).toEqual([
      [COMMUNITY, 1, 1, 0, 0],
      [OTHER, 2, 0, 1, 1],
    ]);
    expect((await audits('recruitment.plan.close', plan.id))[0]).toMatchObject({
      before: { status: 'open' },
      after: {
        status: 'closed',
        closedOn: '2026-11-28',
        posts: [
          { hired: 1, unfilled: 0 },
          { offered: 1, unfilled: 1 },
        ],
      },
    });
    const list = (await county.request({ method: 'GET', url: '/api/recruitment/plans' }))
      .json()
      .items.find((p: { id: number }) => p.id === plan.id);
    expect(list).toMatchObject({ status: 'closed', posts: 3, hired: 1, unfilled: 2 });
    expectError(await close(), 409, 'PLAN_CLOSED');
    expectError(
      await add(plan.id, { name: '迟到', idNumber: newId('1995-07-07'), post: COMMUNITY }),
      409,
      'PLAN_CLOSED',
    );
    expectError(
      await county.request({
        method: 'POST',
        url: `/api/recruitment/plans/${plan.id}/applicants/import`,
        ...multipart(
          await workbook([
            ['姓名', '公民身份号码'],
            ['迟到', newId('1995-07-08')],
          ]),
        ),
      }),
      409,
      'PLAN_CLOSED',
    );
    expectError(await patch(c, { writtenScore: 99 }), 409, 'PLAN_CLOSED');
    expectError(
      await county.request({ method: 'POST', url: `/api/recruitment/applicants/${c}/offer` }),
      409,
      'PLAN_CLOSED',
    );
    expectError(
      await county.request({
        method: 'POST',
        url: `/api/recruitment/plans/${plan.id}/ties`,
        payload: { winners: [c], reason: '加试' },
      }),
      409,
      'PLAN_CLOSED',
    );
    const hire = await county.request({
      method: 'POST',
      url: `/api/recruitment/applicants/${b}/hire`,
      payload: { startDate: '2026-11-28' },
    });
    expect(hire.statusCode, hire.body).toBe(200);
    expect((await view(plan.id)).posts[1]).toMatchObject({ hired: 1, offered: 0, unfilled: 1 });
  });
});
