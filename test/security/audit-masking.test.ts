/**
 * No personal numbers in the audit viewer or a worker's change history for a role that may not see
 * them (demo-city, demo-community): every entity type whose entries carry ID or mobile numbers is written
 * through the API, then every page of the log and every history is searched for a full 18-digit ID number
 * or an 11-digit mobile number. A role that may see them (the county, the administrator) gets them whole,
 * and that read is itself audited.
 */
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
const JINGHONG_COMMUNITY = '532801001003';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A full ID number or a full mainland mobile number anywhere in a response body. */
const FULL_ID = /(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/;
const FULL_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

let seq = 0;
const newId = () => {
  seq++;
  return makeIdNumber('532822', `1986-03-${String(1 + Math.floor(seq / 400)).padStart(2, '0')}`, 600 + (seq % 400));
};

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  for (const r of rows) ws.addRow(r);
  ws.getColumn(2).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function multipart(file: Buffer, filename: string) {
  const boundary = `----shequ${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${XLSX}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(ENGINES)('audit masking (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let city: Client;
  let admin: Client;
  let community: Client;
  let street: Client;
  let workerId: number;
  /** Every full number written below, to look for literally as well. */
  const secrets: string[] = [];

  const ok = async (res: { statusCode: number; body: string }) => {
    expect(res.statusCode, res.body).toBe(200);
    return JSON.parse(res.body);
  };
  /** Every page of the viewer for this client, as one JSON text. */
  const allAudit = async (c: Client, query = '') => {
    const texts: string[] = [];
    for (let page = 1; ; page++) {
      const body = await ok(await c.request({ method: 'GET', url: `/api/audit?pageSize=200&page=${page}${query}` }));
      texts.push(JSON.stringify(body));
      if (page * 200 >= body.total) return { text: texts.join('\n'), total: body.total as number };
    }
  };
  const reveals = (action: string) =>
    t.db.query<{ actor_id: string; after: { entryIds: number[] } }>(
      'select actor_id, after from audit_log where action = $1 order by id',
      [action],
    );

  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    [county, city, admin, community, street] = await Promise.all([
      t.login('demo-county'),
      t.login('demo-city'),
      t.login('demo-admin'),
      t.login('demo-community'),
      t.login('demo-street'),
    ]);
    // worker.create with a phone
    const idNumber = newId();
    const created = await ok(
      await county.request({
        method: 'POST',
        url: '/api/workers',
        payload: {
          name: '脱敏测试',
          idNumber,
          phone: '13812345678',
          category: 'staff',
          position: 'staff',
          regionCode: COMMUNITY,
          startDate: '2016-03-01',
        },
      }),
    );
    workerId = created.worker.id;
    // worker.update of both numbers, and a phone typed into a free-text reason
    const newIdNumber = newId();
    await ok(
      await county.request({
        method: 'PATCH',
        url: `/api/workers/${workerId}`,
        payload: { phone: '13987654321', idNumber: newIdNumber },
      }),
    );
    // worker.import.update: the update mode of the spreadsheet import
    const sheet = await workbook([
      ['姓名', '公民身份号码', '人员类别', '职务', '所在社区代码', '参加社区工作日期', '手机号码'],
      ['脱敏测试', newIdNumber, '社区专职工作人员', '专职工作人员', COMMUNITY, '2016-03-01', '13655556666'],
    ]);
    const imported = await ok(
      await county.request({ method: 'POST', url: '/api/imports/workers?update=true', ...multipart(sheet, 'w.xlsx') }),
    );
    expect(imported).toMatchObject({ committed: true, updated: 1 });
    // worker.exit with the whole record before and after, and a phone typed into its free-text reason
    await ok(
      await county.request({
        method: 'POST',
        url: `/api/workers/${workerId}/exit`,
        payload: { type: 'resignation', date: '2026-06-30', reason: '个人原因，联系电话13711112222' },
      }),
    );
    // cadre.create
    const cadreId = newId();
    await ok(
      await county.request({
        method: 'POST',
        url: '/api/cadres',
        payload: {
          regionCode: COMMUNITY,
          name: '下派干部',
          idNumber: cadreId,
          homeUnit: '县委组织部',
          kind: 'attachment',
          startDate: '2026-01-01',
        },
      }),
    );
    // recruitment.applicant.create
    const plan = await ok(
      await county.request({
        method: 'POST',
        url: '/api/recruitment/plans',
        payload: {
          regionCode: COUNTY,
          title: '2026年脱敏测试招聘',
          referenceDate: '2026-12-01',
          maxAge: 35,
          minEducation: 'associate',
          residenceRegion: COUNTY,
          writtenPercent: 40,
          bonus: { graduate: 2, veteran: 3, socialWork: 2, gridWorker: 5 },
          posts: [{ regionCode: COMMUNITY, posts: 1 }],
        },
      }),
    );
    const applicantId = makeIdNumber('532822', '1998-02-02', 611);
    await ok(
      await county.request({
        method: 'POST',
        url: `/api/recruitment/plans/${plan.plan.id}/applicants`,
        payload: { name: '报名者', idNumber: applicantId, phone: '13544443333', education: 'bachelor' },
      }),
    );
    secrets.push(
      idNumber,
      newIdNumber,
      cadreId,
      applicantId,
      '13812345678',
      '13987654321',
      '13711112222',
      '13655556666',
      '13544443333',
    );
    // The entries really hold them (what the viewer must mask).
    const stored = JSON.stringify(await t.db.query('select before, after from audit_log'));
    for (const s of secrets) expect(stored).toContain(s);
  });
  afterAll(() => t.close());

  it('demo-city (no worker.reveal): no full ID or mobile number on any page of the viewer, nothing audited', async () => {
    const { text, total } = await allAudit(city);
    expect(total).toBeGreaterThan(10);
    expect(text).not.toMatch(FULL_ID);
    expect(text).not.toMatch(FULL_PHONE);
    for (const s of secrets) expect(text).not.toContain(s);
    // The masked forms are there: the entries are shown, only the numbers are hidden.
    expect(text).toContain('138****5678');
    expect(text).toContain(`${secrets[0].slice(0, 6)}********${secrets[0].slice(-4)}`);
    expect(text).toContain('联系电话137****2222');
    for (const action of ['worker.create', 'worker.update', 'worker.import.update', 'worker.exit', 'cadre.create'])
      expect(text).toContain(`"action":"${action}"`);
    expect(text).toContain('"action":"recruitment.applicant.create"');
    expect(await reveals('audit.reveal')).toEqual([]);
  });

  it('demo-city and demo-community: the worker history is masked too', async () => {
    for (const c of [city, community]) {
      const body = await ok(await c.request({ method: 'GET', url: `/api/workers/${workerId}/history` }));
      const text = JSON.stringify(body);
      expect(body.items.map((i: { action: string }) => i.action).sort()).toEqual([
        'worker.create',
        'worker.exit',
        'worker.import.update',
        'worker.update',
      ]);
      expect(text).not.toMatch(FULL_ID);
      expect(text).not.toMatch(FULL_PHONE);
      for (const s of secrets) expect(text).not.toContain(s);
      const update = body.items.find((i: { action: string }) => i.action === 'worker.update');
      expect(update.changes).toEqual(
        expect.arrayContaining([{ field: 'phone', from: '138****5678', to: '139****4321' }]),
      );
    }
    expect(await reveals('worker.history.reveal')).toEqual([]);
  });

  it('the county (worker.reveal) sees the numbers whole, and each such page read is audited with the entries it showed', async () => {
    const res = await ok(await county.request({ method: 'GET', url: '/api/audit?pageSize=200&entityType=worker' }));
    const text = JSON.stringify(res);
    expect(text).toContain('13812345678');
    expect(text).toContain(secrets[0]);
    const entries = await reveals('audit.reveal');
    expect(entries.map((e) => e.actor_id)).toEqual([String(county.user.id)]);
    const shown = res.items
      .filter((i: { before: unknown; after: unknown }) => FULL_ID.test(JSON.stringify([i.before, i.after])))
      .map((i: { id: number }) => i.id);
    expect(shown.length).toBeGreaterThan(0);
    expect(entries[0].after.entryIds).toEqual(expect.arrayContaining(shown));
    // A page without personal numbers is not a reveal.
    await ok(await county.request({ method: 'GET', url: '/api/audit?action=auth.login' }));
    expect(await reveals('audit.reveal')).toHaveLength(1);
  });

  it('the administrator and the county read the history whole; the read is audited outside the history itself', async () => {
    for (const c of [admin, county]) {
      const body = await ok(await c.request({ method: 'GET', url: `/api/workers/${workerId}/history` }));
      const text = JSON.stringify(body);
      expect(text).toContain('13812345678');
      expect(text).toContain('13711112222');
      expect(body.items.some((i: { action: string }) => i.action === 'worker.history.reveal')).toBe(false);
    }
    const logged = await t.db.query<{ entity_type: string; entity_id: string; region_code: string }>(
      `select entity_type, entity_id, region_code from audit_log where action = 'worker.history.reveal' order by id`,
    );
    expect(logged).toEqual([
      { entity_type: 'worker_history', entity_id: String(workerId), region_code: COMMUNITY },
      { entity_type: 'worker_history', entity_id: String(workerId), region_code: COMMUNITY },
    ]);
  });

  it('the reveal entries are themselves free of personal numbers (demo-city reads them masked-free)', async () => {
    const { text } = await allAudit(city, '&action=audit.reveal');
    expect(text).not.toMatch(FULL_ID);
    expect(text).not.toMatch(FULL_PHONE);
  });

  describe('routes', () => {
    it('401 without a session', async () => {
      expectError(await t.app.inject({ method: 'GET', url: '/api/audit' }), 401, 'UNAUTHENTICATED');
      expectError(
        await t.app.inject({ method: 'GET', url: `/api/workers/${workerId}/history` }),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('403 outside the scope or without the permission; 404 for a worker outside the scope', async () => {
      expectError(
        await county.request({ method: 'GET', url: `/api/audit?region=${JINGHONG_COMMUNITY}` }),
        403,
        'OUT_OF_SCOPE',
      );
      expectError(await street.request({ method: 'GET', url: '/api/audit' }), 403, 'FORBIDDEN');
      const outside = (
        await t.db.query<{ id: number }>(`select id from worker where region_code like '532801%' order by id limit 1`)
      )[0].id;
      expectError(await county.request({ method: 'GET', url: `/api/workers/${outside}/history` }), 404, 'NOT_FOUND');
    });

    it('400 naming the field', async () => {
      const e = expectError(await city.request({ method: 'GET', url: '/api/audit?pageSize=0' }), 400, 'VALIDATION');
      expect(e.fields).toEqual([{ field: 'pageSize', message: '不能小于 1' }]);
      const h = expectError(await city.request({ method: 'GET', url: '/api/workers/abc/history' }), 400, 'VALIDATION');
      expect(h.fields.map((f) => f.field)).toEqual(['id']);
    });

    it('response shapes', async () => {
      const audit = await ok(await city.request({ method: 'GET', url: '/api/audit?pageSize=5' }));
      expect(Object.keys(audit).sort()).toEqual(['items', 'total']);
      expect(Object.keys(audit.items[0]).sort()).toEqual([
        'action',
        'actorName',
        'actorType',
        'after',
        'at',
        'before',
        'entityId',
        'entityType',
        'id',
        'regionCode',
      ]);
      const history = await ok(await city.request({ method: 'GET', url: `/api/workers/${workerId}/history` }));
      expect(Object.keys(history)).toEqual(['items']);
      expect(Object.keys(history.items[0]).sort()).toEqual(['action', 'actorName', 'at', 'changes', 'id']);
      for (const c of history.items.flatMap((i: { changes: unknown[] }) => i.changes))
        expect(Object.keys(c as object).sort()).toEqual(['field', 'from', 'to']);
    });
  });
});
