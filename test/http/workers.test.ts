/** The worker registry over HTTP on both engines: create, validation, one person one record, search, masking, history. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';

const COMMUNITY = '532822101001'; // 沿河社区, 勐海镇, 勐海县
const OTHER_COMMUNITY = '532822101002'; // 象山社区, same street
const JINGHONG_COMMUNITY = '532801001003';
let seq = 100;
/** A fresh valid ID number (female when even). */
const newId = (birth = '1990-05-17', female = true) => {
  seq += 2;
  return makeIdNumber('532822', birth, seq + (female ? 0 : 1));
};

describe.each(ENGINES)('workers (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let street: Client;
  let community: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    [county, street, community] = await Promise.all([
      t.login('demo-county'),
      t.login('demo-street'),
      t.login('demo-community'),
    ]);
  });
  afterAll(() => t.close());

  const create = (c: Client, body: Record<string, unknown>) =>
    c.request({
      method: 'POST',
      url: '/api/workers',
      payload: { category: 'staff', position: 'staff', regionCode: COMMUNITY, startDate: '2016-03-01', ...body },
    });

  it('creates a worker: derived gender and birth date, masked for roles that may not see numbers, audited', async () => {
    const idNumber = newId('1991-02-03');
    const res = await create(community, {
      name: '玉罕',
      idNumber,
      phone: '13812341234',
      education: '大学本科',
      politicalStatus: '中共党员',
      ethnicity: '傣族',
    });
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json().worker;
    expect(w).toMatchObject({
      name: '玉罕',
      gender: 'female',
      birthDate: '1991-02-03',
      idNumberMasked: true,
      phone: '138****1234',
      education: 'bachelor',
      politicalStatus: 'party',
      status: 'active',
      regionCode: COMMUNITY,
      regionName: '沿河社区居民委员会',
      streetName: '勐海镇',
    });
    expect(w.idNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    const audit = await county.request({ method: 'GET', url: '/api/audit?entityType=worker&action=worker.create' });
    expect(audit.json().items.some((e: { entityId: string }) => e.entityId === String(w.id))).toBe(true);
  });

  it('reports every bad field at once with Chinese messages, and writes nothing', async () => {
    const before = (await t.db.query<{ n: number }>('select count(*)::int as n from worker'))[0].n;
    const res = await create(street, {
      name: '',
      idNumber: '532822199001023001',
      position: 'member',
      startDate: '2030-01-01',
      phone: '123',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.fields).toEqual([
      { field: 'name', message: '请填写姓名' },
      { field: 'idNumber', message: expect.stringContaining('校验') },
      { field: 'phone', message: '手机号码格式不正确，请输入11位中国大陆手机号码' },
      { field: 'position', message: '社区专职工作人员的职务应为“专职工作人员”' },
      { field: 'startDate', message: '参加社区工作日期不能晚于今天' },
    ]);
    expect((await t.db.query<{ n: number }>('select count(*)::int as n from worker'))[0].n).toBe(before);
  });

  it('refuses unknown fields and wrong types with the field named', async () => {
    const res = await create(street, { name: '张三', idNumber: newId(), salary: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ field: 'salary', message: '不允许的字段' }]);
    const res2 = await street.request({ method: 'GET', url: '/api/workers?ageMin=abc' });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error.fields[0].field).toBe('ageMin');
  });

  it('one person, one record: a duplicate in scope is named, one outside scope is not located', async () => {
    const idNumber = newId('1988-08-08', false);
    expect((await create(street, { name: '岩温', idNumber })).statusCode).toBe(200);
    const again = await create(street, { name: '岩温', idNumber, regionCode: OTHER_COMMUNITY });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'DUPLICATE_ID_NUMBER', fields: [{ field: 'idNumber' }] });
    expect(again.json().error.message).toContain('已登记');
    // A person registered in 景洪市 (by the city) is "registered elsewhere" for 勐海镇, without where.
    const city = await t.login('demo-city');
    const elsewhere = newId('1985-01-01', false);
    expect(
      (await create(city, { name: '外县人', idNumber: elsewhere, regionCode: JINGHONG_COMMUNITY })).statusCode,
    ).toBe(403); // city has no worker.manage
    const admin = await t.login('demo-admin');
    expect(
      (await create(admin, { name: '外县人', idNumber: elsewhere, regionCode: JINGHONG_COMMUNITY })).statusCode,
    ).toBe(200);
    const conflict = await create(street, { name: '外县人', idNumber: elsewhere });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.message).toBe('该人员已在其他地区登记在岗，请联系其所在地区办理调动或离岗后再登记');
    expect(conflict.json().error.message).not.toContain('景洪');
  });

  it('searches inside the scope with filters, always masked', async () => {
    const name = `检索测试${engine}`;
    await create(street, { name, idNumber: newId('2000-01-01'), education: '硕士研究生', veteran: '是' });
    expect(
      (
        await street.request({ method: 'GET', url: `/api/workers?q=${encodeURIComponent(name)}&qualification=none` })
      ).json().total,
    ).toBe(1);
    expect(
      (
        await street.request({
          method: 'GET',
          url: `/api/workers?q=${encodeURIComponent(name)}&qualification=assistant`,
        })
      ).json().total,
    ).toBe(0);
    const res = await street.request({
      method: 'GET',
      url: `/api/workers?q=${encodeURIComponent(name)}&education=master&veteran=true&ageMin=20&ageMax=30`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ name, age: 26, education: 'master', veteran: true, idNumberMasked: true });
    // Age bounds are inclusive at both ends: 26 is outside 27–30.
    expect(
      (await street.request({ method: 'GET', url: `/api/workers?q=${encodeURIComponent(name)}&ageMin=27` })).json()
        .total,
    ).toBe(0);
    // A page past the end still carries the count (the page query then has no row to carry it).
    const past = (
      await street.request({ method: 'GET', url: `/api/workers?q=${encodeURIComponent(name)}&page=3&pageSize=20` })
    ).json();
    expect(past).toMatchObject({ total: 1, items: [] });
    // The street sees only its own subtree.
    const all = await street.request({ method: 'GET', url: '/api/workers?pageSize=200' });
    expect(all.json().items.every((w: { regionCode: string }) => w.regionCode.startsWith('532822101'))).toBe(true);
    expect((await street.request({ method: 'GET', url: `/api/workers?region=${JINGHONG_COMMUNITY}` })).statusCode).toBe(
      403,
    );
  });

  it('full numbers only for roles allowed, and each such read is audited', async () => {
    const idNumber = newId('1992-12-12');
    const id = (await create(street, { name: '查看号码', idNumber, phone: '13900001111' })).json().worker.id;
    const denied = await community.request({ method: 'GET', url: `/api/workers/${id}?reveal=true` });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('REVEAL_FORBIDDEN');
    const shown = await street.request({ method: 'GET', url: `/api/workers/${id}?reveal=true` });
    expect(shown.json().worker).toMatchObject({ idNumber, phone: '13900001111', idNumberMasked: false });
    const masked = await street.request({ method: 'GET', url: `/api/workers/${id}` });
    expect(masked.json().worker.idNumberMasked).toBe(true);
    const audit = await county.request({ method: 'GET', url: '/api/audit?action=worker.reveal' });
    expect(audit.json().items.filter((e: { entityId: string }) => e.entityId === String(id))).toHaveLength(1);
  });

  it('a worker account sees only its own record', async () => {
    const me = await t.login('demo-worker');
    const list = await me.request({ method: 'GET', url: '/api/workers' });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    const own = list.json().items[0];
    expect((await me.request({ method: 'GET', url: `/api/workers/${own.id}` })).statusCode).toBe(200);
    const other = (await street.request({ method: 'GET', url: `/api/workers?region=${COMMUNITY}&pageSize=5` }))
      .json()
      .items.find((w: { id: number }) => w.id !== own.id);
    expect((await me.request({ method: 'GET', url: `/api/workers/${other.id}` })).statusCode).toBe(404);
  });

  it('edits with the same rules and keeps a field-level history', async () => {
    const id = (await create(street, { name: '修改测试', idNumber: newId('1993-03-03') })).json().worker.id;
    const bad = await street.request({
      method: 'PATCH',
      url: `/api/workers/${id}`,
      payload: { phone: '1234', ethnicity: '火星' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['ethnicity', 'phone']);
    const ok = await street.request({
      method: 'PATCH',
      url: `/api/workers/${id}`,
      payload: { major: '社会工作', socialWorkMajor: true, ethnicity: '哈尼族' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().worker).toMatchObject({ major: '社会工作', socialWorkMajor: true, ethnicity: '哈尼族' });
    const history = (await street.request({ method: 'GET', url: `/api/workers/${id}/history` })).json().items;
    expect(history[0].action).toBe('worker.update');
    expect(history[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'major', from: null, to: '社会工作' },
        { field: 'socialWorkMajor', from: false, to: true },
      ]),
    );
  });

  it('a transfer keeps the accumulated years and shows both periods; an exit keeps the record', async () => {
    const idNumber = newId('1985-06-06');
    const id = (await create(street, { name: '调动测试', idNumber, startDate: '2014-05-01' })).json().worker.id;
    const moved = await street.request({
      method: 'POST',
      url: `/api/workers/${id}/transfer`,
      payload: { regionCode: OTHER_COMMUNITY, date: '2020-05-01', reason: '街道统筹调配' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().worker.regionCode).toBe(OTHER_COMMUNITY);
    const detail = (await street.request({ method: 'GET', url: `/api/workers/${id}` })).json();
    expect(
      detail.periods.map((p: { regionCode: string; endType: string | null }) => [p.regionCode, p.endType]),
    ).toEqual([
      [COMMUNITY, 'transfer'],
      [OTHER_COMMUNITY, null],
    ]);
    expect(detail.serviceYears.breakdown.every((b: { counted: boolean }) => b.counted)).toBe(true);
    expect(detail.serviceYears.years).toBeGreaterThanOrEqual(12);
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toContain('period.end');

    // The direct registration is the county's; a street proposes with documents (exits.test.ts).
    expect(
      (
        await street.request({
          method: 'POST',
          url: `/api/workers/${id}/exit`,
          payload: { type: 'resignation', date: '2026-01-01', reason: '个人原因' },
        })
      ).statusCode,
    ).toBe(403);
    const county = await t.login('demo-county');
    const badExit = await county.request({
      method: 'POST',
      url: `/api/workers/${id}/exit`,
      payload: { type: 'recall', date: '2026-01-01', reason: '罢免' },
    });
    expect(badExit.statusCode).toBe(400);
    expect(badExit.json().error.fields[0]).toEqual({ field: 'type', message: '罢免只适用于选举产生的“两委”成员' });
    const exit = await county.request({
      method: 'POST',
      url: `/api/workers/${id}/exit`,
      payload: { type: 'resignation', date: '2026-01-01', reason: '个人原因' },
    });
    expect(exit.json().worker).toMatchObject({
      status: 'exited',
      exitType: 'resignation',
      exitDate: '2026-01-01',
      exitReason: '个人原因',
    });
    // Still there, found when asked for exited people; editing it is refused.
    expect((await street.request({ method: 'GET', url: `/api/workers/${id}` })).statusCode).toBe(200);
    expect(
      (await street.request({ method: 'PATCH', url: `/api/workers/${id}`, payload: { major: 'x' } })).statusCode,
    ).toBe(409);
    // The same person may be registered again after the exit (one active record at a time).
    expect((await create(street, { name: '调动测试', idNumber, startDate: '2026-02-01' })).statusCode).toBe(200);
  });

  it('positions and qualifications: the highest qualification is kept, not added up', async () => {
    const id = (
      await create(street, {
        name: '证书测试',
        idNumber: newId('1990-09-09'),
        qualification: '社会工作师',
        qualificationDate: '2021-06-01',
      })
    ).json().worker.id;
    const added = await street.request({
      method: 'POST',
      url: `/api/workers/${id}/qualifications`,
      payload: { level: 'assistant', obtainedOn: '2019-06-01', certificateNo: 'Z123' },
    });
    expect(added.json().worker.qualification).toBe('intermediate');
    const dup = await street.request({
      method: 'POST',
      url: `/api/workers/${id}/qualifications`,
      payload: { level: 'assistant', obtainedOn: '2019-06-01' },
    });
    expect(dup.statusCode).toBe(409);
    const pos = await street.request({
      method: 'POST',
      url: `/api/workers/${id}/positions`,
      payload: { position: 'deputyDirector', startDate: '2024-01-01', term: '第十二届' },
    });
    expect(pos.json()).toMatchObject({
      worker: { position: 'deputyDirector', category: 'committee' },
      category: '社区"两委"专职成员',
    });
    const detail = (await street.request({ method: 'GET', url: `/api/workers/${id}` })).json();
    expect(detail.positions.map((p: { position: string; endDate: string | null }) => [p.position, p.endDate])).toEqual([
      ['staff', '2024-01-01'],
      ['deputyDirector', null],
    ]);
  });

  it('the community secretary edits records but may not transfer people', async () => {
    const id = (await create(community, { name: '社区权限', idNumber: newId('1995-01-01') })).json().worker.id;
    const res = await community.request({
      method: 'POST',
      url: `/api/workers/${id}/transfer`,
      payload: { regionCode: OTHER_COMMUNITY, date: '2026-01-01', reason: 'x' },
    });
    expect(res.statusCode).toBe(403);
  });
});
