/** F-RECRUIT / F-VET over HTTP on both engines: plan → applicants (entry and .xlsx) → scores, vetting, ranking → offer → hire on probation. */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { createTestApp, type Client, type TestApp } from '../helpers/app.js';
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
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${XLSX}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
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
    const res = await admin.request({ method: 'POST', url: '/api/recruitment/plans', payload: { ...PLAN, regionCode: JINGHONG, residenceRegion: null, posts: [{ regionCode: '532801001003', posts: 1 }] } });
    expect(res.statusCode, res.body).toBe(200);
    outsidePlan = res.json().plan.id;
  });
  afterAll(() => t.close());
  const createPlan = async (over: Record<string, unknown> = {}) => {
    const res = await county.request({ method: 'POST', url: '/api/recruitment/plans', payload: { ...PLAN, ...over } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const add = (planId: number, body: Record<string, unknown>) => county.request({ method: 'POST', url: `/api/recruitment/plans/${planId}/applicants`, payload: body });
  const patch = (id: number, body: Record<string, unknown>) => county.request({ method: 'PATCH', url: `/api/recruitment/applicants/${id}`, payload: body });

  it('401 without a session, 403/404 outside the scope, 403 for a role that only reads, 400 naming the field', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/recruitment/plans' }), 401, 'UNAUTHENTICATED');
    expectError(await t.app.inject({ method: 'POST', url: '/api/recruitment/plans', payload: PLAN }), 401, 'UNAUTHENTICATED');
    expectError(await county.request({ method: 'POST', url: '/api/recruitment/plans', payload: { ...PLAN, regionCode: JINGHONG } }), 403, 'OUT_OF_SCOPE');
    expectError(await county.request({ method: 'GET', url: `/api/recruitment/plans?region=${JINGHONG}` }), 403, 'OUT_OF_SCOPE');
    expectError(await county.request({ method: 'GET', url: `/api/recruitment/plans/${outsidePlan}` }), 404, 'NOT_FOUND');
    expectError(await add(outsidePlan, { name: '甲', idNumber: newId('1995-01-01') }), 404, 'NOT_FOUND');
    expectError(await county.request({ method: 'POST', url: `/api/recruitment/plans/${outsidePlan}/applicants/import`, ...multipart(await workbook([['姓名', '公民身份号码'], ['甲', newId('1995-01-01')]])) }), 404, 'NOT_FOUND');
    // the street reads nothing of recruitment; the city reads but does not manage
    expectError(await street.request({ method: 'GET', url: '/api/recruitment/plans' }), 403, 'FORBIDDEN');
    expectError(await city.request({ method: 'POST', url: '/api/recruitment/plans', payload: PLAN }), 403, 'FORBIDDEN');
    expect(expectError(await county.request({ method: 'POST', url: '/api/recruitment/plans', payload: { ...PLAN, regionCode: '532822101000' } }), 400, 'VALIDATION').fields[0].field).toBe('regionCode');
    expect(expectError(await county.request({ method: 'POST', url: '/api/recruitment/plans', payload: { ...PLAN, posts: [{ regionCode: '532801001003', posts: 1 }] } }), 400, 'VALIDATION').fields[0].field).toBe('posts.0.regionCode');
    expect(expectError(await county.request({ method: 'POST', url: '/api/recruitment/plans', payload: { ...PLAN, bonus: { graduate: 2.005 } } }), 400, 'VALIDATION').fields[0].field).toBe('bonus.graduate');
    expect(expectError(await county.request({ method: 'POST', url: '/api/recruitment/plans', payload: { ...PLAN, writtenPercent: 101 } }), 400, 'VALIDATION').fields[0].field).toBe('writtenPercent');
    const { plan } = await createPlan();
    const bad = expectError(await add(plan.id, { name: '乙', idNumber: '532822199501010000', post: '不存在社区', writtenScore: 101 }), 400, 'VALIDATION');
    expect(bad.fields.map((f) => f.field).sort()).toEqual(['idNumber', 'post', 'writtenScore']);
    expect(expectError(await patch(999999, { vetting: 'failed' }), 400, 'VALIDATION').fields[0].field).toBe('vettingNote');
  });

  it('an .xlsx with bad rows reports every one and writes nothing; the corrected file imports all', async () => {
    const { plan } = await createPlan({ title: '导入测试' });
    const header = ['姓名', '公民身份号码', '手机号码', '学历', '居住地区划代码', '是否高校毕业生', '毕业年份', '报考社区', '笔试成绩', '面试成绩'];
    const good1 = ['岩温', newId('1996-02-02', true), '13800001111', '大学本科', COMMUNITY, '是', 2018, '沿河社区居民委员会', 80, 90];
    const good2 = ['玉香', newId('1997-03-03'), '13800002222', '大学专科', OTHER, '否', '', OTHER, 85.5, 88];
    const badId = ['错号', '532822199602020000', '', '大学本科', COMMUNITY, '否', '', COMMUNITY, 70, 70];
    const badPost = ['错岗', newId('1998-01-01'), '', '大学本科', COMMUNITY, '否', '', '曼弄社区', 70, 70];
    const dup = ['重复', good1[1], '', '大学本科', COMMUNITY, '否', '', COMMUNITY, 70, 70];
    const res = await county.request({ method: 'POST', url: `/api/recruitment/plans/${plan.id}/applicants/import`, ...multipart(await workbook([header, good1, badId, good2, badPost, dup], ['2026年报名汇总表'])) });
    const err = expectError(res, 400, 'IMPORT_ROWS_INVALID');
    expect(err.fields.map((f) => f.field)).toEqual(['row4.idNumber', 'row6.post', 'row7.idNumber']);
    expect(err.fields[0].message).toMatch(/^第 4 行 \[公民身份号码 B 列\] /);
    expect(err.fields[2].message).toBe('第 7 行 [公民身份号码 B 列] 与第 3 行的身份证号码重复');
    expect((await county.request({ method: 'GET', url: `/api/recruitment/plans/${plan.id}` })).json().posts.flatMap((p: { applicants: unknown[] }) => p.applicants)).toEqual([]);
    const ok = await county.request({ method: 'POST', url: `/api/recruitment/plans/${plan.id}/applicants/import`, ...multipart(await workbook([header, good1, good2])) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().created).toBe(2);
    const view = (await county.request({ method: 'GET', url: `/api/recruitment/plans/${plan.id}` })).json();
    const a = view.posts[0].applicants[0];
    expect(a).toMatchObject({ name: '岩温', groups: ['graduate'], nearHome: true, writtenScore: 80, interviewScore: 90, total: 88, rank: 1, eligible: true, vetting: 'pending' });
    expect(a.arithmetic).toBe('笔试 80.00 × 40% + 面试 90.00 × 60% = 86.00 + 高校毕业生加分 2.00 = 88.00');
    expect(a.idNumber).toMatch(/\*{8}/);
    // importing the same people again is refused row by row
    expectError(await county.request({ method: 'POST', url: `/api/recruitment/plans/${plan.id}/applicants/import`, ...multipart(await workbook([header, good1])) }), 400, 'IMPORT_ROWS_INVALID');
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
      const res = await add(plan.id, { name, idNumber: newId(birth), education: '大学本科', homeRegionCode: COMMUNITY, post: COMMUNITY, politicalStatus: '中共党员', ...over });
      expect(res.statusCode, res.body).toBe(200);
      ids[name] = res.json().id;
    }
    let view = (await county.request({ method: 'GET', url: `/api/recruitment/plans/${plan.id}` })).json();
    const list = () => view.posts.find((p: { regionCode: string }) => p.regionCode === COMMUNITY).applicants;
    // 李二 38 + 48 + 3 = 89; 张一 and 赵四 86 each, tied; 王三 too old
    expect(list().map((a: { name: string; rank: number | null; tied: boolean; total: number }) => [a.name, a.rank, a.tied, a.total])).toEqual([
      ['李二', 1, false, 89],
      ['张一', 2, true, 86],
      ['赵四', 2, true, 86],
      ['王三', null, false, 99],
    ]);
    const old = list()[3];
    expect(old.checks.find((c: { met: boolean }) => !c.met)).toEqual({ rule: '年龄不超过 35 周岁（按 2026年12月01日 计算）', met: false, evidence: '出生于 1980年01月01日，届时 46 周岁' });
    // no offer before vetting; none outside the post's number
    expectError(await county.request({ method: 'POST', url: `/api/recruitment/applicants/${ids.李二}/offer` }), 409, 'VETTING_REQUIRED');
    view = (await patch(ids.李二, { vetting: 'passed', vettingNote: '经审查，政治合格' })).json();
    expect(list()[0]).toMatchObject({ vetting: 'passed', vettingNote: '经审查，政治合格' });
    await patch(ids.张一, { vetting: 'passed' });
    expectError(await county.request({ method: 'POST', url: `/api/recruitment/applicants/${ids.张一}/offer` }), 409, 'NOT_WITHIN_POSTS');
    const offer = await county.request({ method: 'POST', url: `/api/recruitment/applicants/${ids.李二}/offer` });
    expect(offer.statusCode, offer.body).toBe(200);
    expect(offer.json()).toEqual({ id: ids.李二, status: 'offered', offeredOn: '2026-11-28', rank: 1, total: 89 });
    expectError(await county.request({ method: 'POST', url: `/api/recruitment/applicants/${ids.张一}/hire`, payload: { startDate: '2026-12-01' } }), 409, 'NOT_OFFERED');
    expect(expectError(await county.request({ method: 'POST', url: `/api/recruitment/applicants/${ids.李二}/hire`, payload: { startDate: '2026-12-01' } }), 400, 'VALIDATION').fields[0].field).toBe('startDate');

    const before = (await county.request({ method: 'GET', url: `/api/regions/${COMMUNITY}/staffing` })).json().headcount;
    const hire = await county.request({ method: 'POST', url: `/api/recruitment/applicants/${ids.李二}/hire`, payload: { startDate: '2026-11-28' } });
    expect(hire.statusCode, hire.body).toBe(200);
    const w = hire.json().worker;
    expect(w).toMatchObject({ name: '李二', status: 'probation', category: 'staff', position: 'staff', regionCode: COMMUNITY, startDate: '2026-11-28', veteran: true, education: 'bachelor', politicalStatus: 'party', homeRegionCode: COMMUNITY });
    const period = await t.db.query<{ origin: string }>('select origin from worker_period where worker_id = $1', [w.id]);
    expect(period).toEqual([{ origin: 'recruited' }]);
    expect((await county.request({ method: 'GET', url: `/api/regions/${COMMUNITY}/staffing` })).json().headcount).toBe(before + 1);
    expect((await county.request({ method: 'GET', url: `/api/recruitment/plans/${plan.id}` })).json().posts[0].applicants[0]).toMatchObject({ status: 'hired', workerId: w.id });
    expectError(await county.request({ method: 'POST', url: `/api/recruitment/applicants/${ids.李二}/hire`, payload: { startDate: '2026-11-28' } }), 409, 'NOT_OFFERED');
    const plans = (await county.request({ method: 'GET', url: '/api/recruitment/plans' })).json();
    expect(plans.items.find((p: { id: number }) => p.id === plan.id)).toMatchObject({ posts: 3, applicants: 4, hired: 1, regionName: '勐海县' });
  });
});
