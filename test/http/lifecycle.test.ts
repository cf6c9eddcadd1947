/** Issue 6 over HTTP on both engines: probation due list and decision, retirement dates and lists, secretary incentive eligibility. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const TODAY = new Date('2026-11-28T04:00:00Z');
const COUNTY = '532822000000';
const COMMUNITY = '532822101001'; // 沿河社区
const JINGHONG = '532801000000';
let seq = 600;
const newId = (birth: string, male = false) => {
  seq += 2;
  return makeIdNumber('532822', birth, seq + (male ? 1 : 0));
};

describe.each(ENGINES)('lifecycle (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let street: Client;
  let community: Client;
  let outsideId: number;
  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    [county, street, community] = await Promise.all([
      t.login('demo-county'),
      t.login('demo-street'),
      t.login('demo-community'),
    ]);
    outsideId = (
      await t.db.query<{ id: number }>(`select id from worker where region_code like '532801%' order by id limit 1`)
    )[0].id;
  });
  afterAll(() => t.close());
  const get = (c: Client, url: string) => c.request({ method: 'GET', url });
  const create = async (body: Record<string, unknown>) => {
    const res = await county.request({
      method: 'POST',
      url: '/api/workers',
      payload: { category: 'staff', position: 'staff', regionCode: COMMUNITY, ...body },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().worker.id as number;
  };
  const decide = (c: Client, id: number, body: Record<string, unknown>) =>
    c.request({ method: 'POST', url: `/api/workers/${id}/probation`, payload: body });

  it('401 without a session, 403 outside the subtree (404 for a record), 400 naming the field', async () => {
    for (const url of [
      '/api/lifecycle/probation',
      '/api/lifecycle/retirements',
      '/api/lifecycle/retired',
      '/api/lifecycle/incentive',
      `/api/workers/${outsideId}/retirement`,
    ])
      expectError(await t.app.inject({ method: 'GET', url }), 401, 'UNAUTHENTICATED');
    expectError(
      await t.app.inject({ method: 'POST', url: `/api/workers/${outsideId}/probation`, payload: {} }),
      401,
      'UNAUTHENTICATED',
    );
    for (const path of ['probation', 'retirements', 'retired', 'incentive'])
      expectError(await get(county, `/api/lifecycle/${path}?region=${JINGHONG}`), 403, 'OUT_OF_SCOPE');
    expectError(await get(county, `/api/workers/${outsideId}/retirement`), 404, 'NOT_FOUND');
    expectError(
      await decide(county, outsideId, { result: 'pass', date: '2026-11-01', opinion: '合格' }),
      404,
      'NOT_FOUND',
    );
    // The community reads the lists but does not decide probation.
    expectError(
      await decide(community, outsideId, { result: 'pass', date: '2026-11-01', opinion: '合格' }),
      403,
      'FORBIDDEN',
    );
    const id = await create({
      name: '试用甲',
      idNumber: newId('1998-03-03'),
      startDate: '2026-06-01',
      status: '试用期',
    });
    expect(
      expectError(await decide(county, id, { result: 'maybe', date: '2026-11-01', opinion: '合格' }), 400, 'VALIDATION')
        .fields[0].field,
    ).toBe('result');
    expect(
      expectError(await decide(county, id, { result: 'pass', date: '2026-12-01', opinion: '合格' }), 400, 'VALIDATION')
        .fields[0].field,
    ).toBe('date');
    expect(
      expectError(await decide(county, id, { result: 'pass', date: '2026-05-01', opinion: '合格' }), 400, 'VALIDATION')
        .fields[0].field,
    ).toBe('date');
    expect(
      expectError(await decide(county, id, { result: 'pass', date: '2026-11-01', opinion: '   ' }), 400, 'VALIDATION')
        .fields[0].field,
    ).toBe('opinion');
    expect(
      expectError(await get(county, '/api/lifecycle/retired?from=2026-13-01'), 400, 'VALIDATION').fields[0].field,
    ).toBe('from');
    expect(
      expectError(await get(county, '/api/lifecycle/retired?from=2026-02-01&to=2026-01-01'), 400, 'VALIDATION')
        .fields[0].field,
    ).toBe('from');
    expect(
      expectError(await get(county, '/api/lifecycle/incentive?year=2027'), 400, 'VALIDATION').fields[0].field,
    ).toBe('year');
    expect(
      expectError(await get(county, '/api/lifecycle/retirements?months=-1'), 400, 'VALIDATION').fields[0].field,
    ).toBe('months');
    // Nothing was written by the refusals.
    expect((await t.db.query('select 1 from probation_review where worker_id = $1', [id])).length).toBe(0);
  });

  it('F-PROBATION the due list gives each worker’s last day from the policy (6 months), days left and state', async () => {
    const soon = await create({
      name: '试用将满',
      idNumber: newId('1997-01-10'),
      startDate: '2026-06-15',
      status: '试用期',
    });
    const over = await create({
      name: '试用已满',
      idNumber: newId('1996-01-10'),
      startDate: '2026-05-01',
      status: '试用期',
    });
    const res = await get(street, '/api/lifecycle/probation');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['counts', 'date', 'items', 'regionCode', 'regionName']);
    expect(body).toMatchObject({ regionCode: '532822101000', regionName: '勐海镇', date: '2026-11-28' });
    const s = body.items.find((i: { workerId: number }) => i.workerId === soon);
    expect(s).toMatchObject({
      name: '试用将满',
      startDate: '2026-06-15',
      dueOn: '2026-12-14',
      daysLeft: 16,
      state: 'dueSoon',
      stateName: '即将期满',
      regionName: '沿河社区居民委员会',
    });
    expect(s.arithmetic).toBe('2026年06月15日 + 6 个月 − 1 天 = 2026年12月14日；距今 16 天');
    expect(body.items.find((i: { workerId: number }) => i.workerId === over)).toMatchObject({
      dueOn: '2026-10-31',
      daysLeft: -28,
      state: 'overdue',
    });
    expect(body.counts.total).toBe(body.items.length);
    expect(body.counts.overdue).toBe(body.items.filter((i: { state: string }) => i.state === 'overdue').length);
    // sorted by last day
    const dues = body.items.map((i: { dueOn: string }) => i.dueOn);
    expect(dues).toEqual([...dues].sort());
  });

  it('F-PROBATION pass makes the worker regular; a second decision is refused; fail ends the employment by 解聘', async () => {
    const a = await create({
      name: '转正者',
      idNumber: newId('1995-04-04'),
      startDate: '2026-05-20',
      status: '试用期',
    });
    const res = await decide(street, a, { result: 'pass', date: '2026-11-20', opinion: '考核合格，同意转正' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().worker).toMatchObject({ id: a, status: 'active', exitType: null });
    expect(res.json().decision).toEqual({
      result: 'pass',
      date: '2026-11-20',
      dueOn: '2026-11-19',
      opinion: '考核合格，同意转正',
      decidedBy: expect.any(String),
      early: false,
    });
    expectError(
      await decide(street, a, { result: 'pass', date: '2026-11-21', opinion: '再次' }),
      409,
      'NOT_ON_PROBATION',
    );
    const list = (await get(street, '/api/lifecycle/probation')).json();
    expect(list.items.some((i: { workerId: number }) => i.workerId === a)).toBe(false);
    const audit = (await get(county, '/api/audit?entityType=worker&action=worker.probation')).json();
    expect(audit.items.some((e: { entityId: string }) => e.entityId === String(a))).toBe(true);

    const b = await create({
      name: '未转正者',
      idNumber: newId('1995-05-05'),
      startDate: '2026-06-01',
      status: '试用期',
    });
    const f = await decide(county, b, { result: 'fail', date: '2026-11-25', opinion: '群众满意度低' });
    expect(f.statusCode, f.body).toBe(200);
    expect(f.json().worker).toMatchObject({
      status: 'exited',
      exitType: 'dismissal',
      exitDate: '2026-11-25',
      exitReason: '试用期考核不合格：群众满意度低',
    });
    expect(f.json().decision.early).toBe(true);
    const periods = await t.db.query<{ end_type: string; end_date: string }>(
      'select end_type, end_date from worker_period where worker_id = $1',
      [b],
    );
    expect(periods).toEqual([{ end_type: 'dismissal', end_date: '2026-11-25' }]);
  });

  it('F-EXIT a worker’s retirement date follows the policy’s gradual reform, with the arithmetic', async () => {
    const man = await create({ name: '老张', idNumber: newId('1965-05-01', true), startDate: '2010-01-01' });
    const res = await get(community, `/api/workers/${man}/retirement`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      workerId: man,
      birthDate: '1965-05-01',
      gender: 'male',
      date: '2025-07-01',
      ageYears: 60,
      ageMonths: 2,
      delayMonths: 2,
    });
    expect(res.json().arithmetic).toContain('1965年05月01日 + 60 周岁 2 个月 = 2025年07月01日');
    expect(res.json().rule).toContain('全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定');
    const woman = await create({ name: '李姐', idNumber: newId('1971-09-10'), startDate: '2010-01-01' });
    expect((await get(county, `/api/workers/${woman}/retirement`)).json()).toMatchObject({
      date: '2027-03-10',
      ageYears: 55,
      ageMonths: 6,
      delayMonths: 6,
    });
  });

  it('F-EXIT due-to-retire list: past the date and still serving, and within the window; the retired list after a retirement exit', async () => {
    const man = await create({ name: '到龄男', idNumber: newId('1965-06-15', true), startDate: '2012-01-01' });
    const woman = await create({ name: '将到龄女', idNumber: newId('1971-10-20'), startDate: '2012-01-01' });
    const young = await create({ name: '年轻人', idNumber: newId('1990-10-20'), startDate: '2012-01-01' });
    const res = await get(county, `/api/lifecycle/retirements?region=${COUNTY}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ regionCode: COUNTY, date: '2026-11-28', until: '2027-05-28', months: 6 });
    const m = body.items.find((i: { workerId: number }) => i.workerId === man);
    expect(m).toMatchObject({ retirementDate: '2025-08-15', overdue: true, age: 61 });
    expect(body.items.find((i: { workerId: number }) => i.workerId === woman)).toMatchObject({
      retirementDate: '2027-04-20',
      overdue: false,
    });
    expect(body.items.some((i: { workerId: number }) => i.workerId === young)).toBe(false);
    for (const i of body.items) expect(i.retirementDate <= '2027-05-28').toBe(true);
    // A shorter window leaves the woman out.
    const short = (await get(county, '/api/lifecycle/retirements?months=1')).json();
    expect(short.items.some((i: { workerId: number }) => i.workerId === woman)).toBe(false);

    const exit = await county.request({
      method: 'POST',
      url: `/api/workers/${man}/exit`,
      payload: { type: 'retirement', date: '2025-08-15', reason: '达到法定退休年龄' },
    });
    expect(exit.statusCode, exit.body).toBe(200);
    const retired = (await get(street, '/api/lifecycle/retired')).json();
    expect(retired.items.find((i: { workerId: number }) => i.workerId === man)).toMatchObject({
      name: '到龄男',
      exitDate: '2025-08-15',
      ageAtExit: 60,
      reason: '达到法定退休年龄',
    });
    expect(
      (await get(street, '/api/lifecycle/retired?from=2026-01-01'))
        .json()
        .items.some((i: { workerId: number }) => i.workerId === man),
    ).toBe(false);
    expect(
      (await get(county, '/api/lifecycle/retirements'))
        .json()
        .items.some((i: { workerId: number }) => i.workerId === man),
    ).toBe(false);
  });

  it('F-INCENTIVE secretaries with each condition and its evidence; eligible only when every condition is met, the assessment one from the approved results', async () => {
    const ten = await create({
      name: '十年书记',
      idNumber: newId('1980-01-01'),
      category: 'committee',
      position: 'secretaryDirector',
      startDate: '2016-11-28',
      term: '第十届',
    });
    const short = await create({
      name: '差一天书记',
      idNumber: newId('1981-01-01'),
      category: 'committee',
      position: 'secretaryDirector',
      startDate: '2016-11-29',
      term: '第十届',
    });
    expect(
      (
        await county.request({
          method: 'POST',
          url: `/api/workers/${ten}/care`,
          payload: { kind: 'honour', title: '优秀党务工作者', doneOn: '2025-07-01' },
        })
      ).statusCode,
    ).toBe(200);
    const res = await get(county, '/api/lifecycle/incentive');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ regionCode: COUNTY, year: 2026, date: '2026-11-28' });
    expect(body.rule).toContain('连续从事社区工作满 10 年');
    expect(body.counts.secretaries).toBe(body.items.length);
    expect(
      body.items.every((i: { positionName: string }) => ['一肩挑', '社区党组织书记'].includes(i.positionName)),
    ).toBe(true);
    const a = body.items.find((i: { workerId: number }) => i.workerId === ten);
    const cond = (x: { conditions: { code: string; met: boolean; evidence: string }[] }, code: string) =>
      x.conditions.find((c) => c.code === code)!;
    expect(a.conditions.map((c: { code: string }) => c.code)).toEqual([
      'position',
      'continuousYears',
      'fullTerm',
      'assessment',
    ]);
    expect(cond(a, 'continuousYears')).toMatchObject({ met: true });
    expect(cond(a, 'continuousYears').evidence).toContain('10 ≥ 10');
    expect(cond(a, 'fullTerm')).toMatchObject({ met: true });
    expect(cond(a, 'assessment')).toMatchObject({ met: false, evidence: '2023—2025 年度无已审定的考核结果' });
    expect(a.eligible).toBe(false);
    expect(a.honours).toEqual(['2025年07月01日 获优秀党务工作者']);
    const b = body.items.find((i: { workerId: number }) => i.workerId === short);
    expect(cond(b, 'continuousYears')).toMatchObject({ met: false });
    expect(cond(b, 'continuousYears').evidence).toContain('9 < 10');
    // The demo's approved 2025 assessment (勐海县) makes some long-serving secretaries eligible: exactly those meeting every condition.
    type Item = { eligible: boolean; conditions: { code: string; met: boolean; evidence: string }[] };
    const all = body.items as Item[];
    expect(body.counts.eligible).toBe(all.filter((i) => i.conditions.every((c) => c.met)).length);
    expect(all.every((i) => i.eligible === i.conditions.every((c) => c.met))).toBe(true);
    const eligible = all.filter((i) => i.eligible);
    expect(eligible.length).toBeGreaterThan(0);
    for (const e of eligible) expect(cond(e, 'assessment').evidence).toContain('优秀');
    // A past year is judged on its 31 December.
    expect((await get(county, '/api/lifecycle/incentive?year=2025')).json()).toMatchObject({
      year: 2025,
      date: '2025-12-31',
    });
  });
});
