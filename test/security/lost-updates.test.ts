/**
 * No lost updates: concurrent writes to one worker are serialised (the row is locked in the writing
 * transaction), every audit entry's `before` is the previous entry's `after`, and a write that carries a
 * stale version (`version` in the body or `If-Match`) is refused with 409 and changes nothing.
 * On PostgreSQL the requests really run at once (a pool of connections); on PGlite (one connection)
 * they interleave at every await.
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const COMMUNITY = '532822101001'; // 沿河社区, 勐海镇, 勐海县
/** Other communities of 勐海镇 (transfer targets). */
const TARGETS = ['532822101002', '532822101003', '532822101004', '532822101005', '532822101006'];
let seq = 0;
/** A fresh valid ID number: sequences 600–999 of a few birth days, above those the demo's workers use. */
const newId = () => {
  seq++;
  return makeIdNumber('532822', `1987-11-${String(1 + Math.floor(seq / 400)).padStart(2, '0')}`, 600 + (seq % 400));
};

type Json = Record<string, unknown>;

/** A worker sheet for the update mode of the import, as a multipart request. */
async function updateSheet(idNumber: string, phone: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  ws.addRow(['姓名', '公民身份号码', '人员类别', '职务', '所在社区代码', '参加社区工作日期', '手机号码']);
  ws.addRow(['并发测试', idNumber, '社区专职工作人员', '专职工作人员', COMMUNITY, '2016-03-01', phone]);
  ws.getColumn(2).numFmt = '@';
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const boundary = `----shequ${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="w.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
interface Entry {
  id: number;
  action: string;
  before: Json | null;
  after: Json | null;
}

/** Keys of the partial entries (transfer, position, qualification) that describe the record itself. */
const PARTIAL_KEYS: Record<string, string[]> = {
  'worker.transfer': ['regionCode'],
  'worker.position': ['position', 'category'],
  'worker.qualification': ['qualification'],
};
const FULL = new Set(['worker.create', 'worker.update', 'worker.exit', 'worker.import.update']);

/**
 * Replays a worker's audit entries in id order: each entry's `before` must be the state the previous
 * entries left (whole record for full entries, the named keys for partial ones). Returns the final state.
 */
function replay(entries: Entry[]): Json {
  let state: Json | null = null;
  for (const e of entries) {
    if (FULL.has(e.action)) {
      if (e.action !== 'worker.create')
        expect({ entry: e.id, before: e.before }).toEqual({ entry: e.id, before: state });
      state = { ...(e.after as Json) };
      continue;
    }
    const keys = PARTIAL_KEYS[e.action];
    if (!keys || !state) continue;
    const s = state;
    const before = Object.fromEntries(keys.map((k) => [k, (e.before as Json)[k]]));
    expect({ entry: e.id, before }).toEqual({ entry: e.id, before: Object.fromEntries(keys.map((k) => [k, s[k]])) });
    for (const k of keys) s[k] = (e.after as Json)[k];
  }
  return state as Json;
}

describe.each(ENGINES)('lost updates (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  beforeAll(async () => {
    t = await createTestApp(engine);
    county = await t.login('demo-county');
  });
  afterAll(() => t.close());

  const createWorker = async (extra: Json = {}): Promise<number> => {
    const res = await county.request({
      method: 'POST',
      url: '/api/workers',
      payload: {
        name: '并发测试',
        idNumber: newId(),
        category: 'staff',
        position: 'staff',
        regionCode: COMMUNITY,
        startDate: '2016-03-01',
        ...extra,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().worker.id;
  };
  const entriesOf = (id: number) =>
    t.db.query<Entry>(
      `select id, action, before, after from audit_log where entity_type = 'worker' and entity_id = $1 order by id`,
      [String(id)],
    );
  const rowOf = async (id: number) =>
    (
      await t.db.query<Json>(
        'select name, id_number, phone, major, graduate_year, position, category, qualification, region_code, status, updated_at from worker where id = $1',
        [id],
      )
    )[0];
  const getWorker = async (id: number) => {
    const res = await county.request({ method: 'GET', url: `/api/workers/${id}?reveal=true` });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const patch = (id: number, payload: Json, headers: Record<string, string> = {}) =>
    county.request({ method: 'PATCH', url: `/api/workers/${id}`, payload, headers });

  it('100 concurrent PATCHes of different fields: all answer 200, none is reverted, the audit chain replays', async () => {
    const id = await createWorker();
    // Writer i sets one field (name, major, phone or graduate year) to a value no other writer uses.
    const fields = ['name', 'major', 'phone', 'graduateYear'] as const;
    const writers = Array.from({ length: 100 }, (_, i) => {
      const field = fields[i % 4];
      const k = Math.floor(i / 4);
      const value =
        field === 'name'
          ? `并发${k}号`
          : field === 'major'
            ? `专业${k}`
            : field === 'phone'
              ? `139${String(k).padStart(8, '0')}`
              : 1950 + k;
      return { field, value };
    });
    const results = await Promise.all(writers.map((w) => patch(id, { [w.field]: w.value })));
    expect(results.map((r) => r.statusCode)).toEqual(writers.map(() => 200));

    const entries = await entriesOf(id);
    const updates = entries.filter((e) => e.action === 'worker.update');
    expect(updates).toHaveLength(100);
    const final = replay(entries);
    // Each entry changes exactly its writer's field, and each writer appears exactly once.
    const seen = new Set<string>();
    for (const e of updates) {
      const b = e.before as Json;
      const a = e.after as Json;
      const changed = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
      expect({ entry: e.id, changed }).toEqual({ entry: e.id, changed: [changed[0]] });
      seen.add(`${changed[0]}=${a[changed[0]]}`);
    }
    expect(seen).toEqual(new Set(writers.map((w) => `${w.field}=${w.value}`)));
    // The record holds, for every field, the value of the last entry that set it.
    const w = (await getWorker(id)).json().worker;
    for (const f of fields) expect(w[f]).toBe(final[f]);
  });

  it('concurrent qualifications: the highest held is kept, a level is registered once', async () => {
    const ids = await Promise.all([1, 2, 3, 4].map(() => createWorker()));
    const add = (id: number, level: string) =>
      county.request({
        method: 'POST',
        url: `/api/workers/${id}/qualifications`,
        payload: { level, obtainedOn: '2024-06-01' },
      });
    const results = await Promise.all(
      ids.flatMap((id) => ['senior', 'assistant', 'intermediate', 'assistant'].map((level) => add(id, level))),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([...Array(12).fill(200), ...Array(4).fill(409)]);
    for (const r of results.filter((x) => x.statusCode === 409)) expectError(r, 409, 'DUPLICATE_QUALIFICATION');
    for (const id of ids) {
      expect((await rowOf(id)).qualification).toBe('senior');
      const rows = await t.db.query<{ level: string }>(
        'select level from worker_qualification where worker_id = $1 order by level',
        [id],
      );
      expect(rows.map((r) => r.level)).toEqual(['assistant', 'intermediate', 'senior']);
      replay(await entriesOf(id));
    }
  });

  it('concurrent transfers: one wins, the others are refused, one open period and one open position remain', async () => {
    const id = await createWorker();
    const results = await Promise.all(
      TARGETS.map((regionCode) =>
        county.request({
          method: 'POST',
          url: `/api/workers/${id}/transfer`,
          payload: { regionCode, date: '2025-01-02', reason: '工作需要' },
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 200)) expectError(r, 400, 'VALIDATION');
    const open = await t.db.query<{ region_code: string }>(
      'select region_code from worker_period where worker_id = $1 and end_date is null',
      [id],
    );
    expect(open).toHaveLength(1);
    expect((await rowOf(id)).region_code).toBe(open[0].region_code);
    const openPositions = await t.db.query('select 1 from worker_position where worker_id = $1 and end_date is null', [
      id,
    ]);
    expect(openPositions).toHaveLength(1);
    replay(await entriesOf(id));
  });

  it('concurrent position changes: one open position, the record shows it, the chain replays', async () => {
    const id = await createWorker();
    const positions = ['member', 'deputyDirector', 'director', 'staff', 'member', 'deputySecretary', 'staff', 'member'];
    const results = await Promise.all(
      positions.map((position) =>
        county.request({
          method: 'POST',
          url: `/api/workers/${id}/positions`,
          payload: { position, startDate: '2025-03-01' },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(positions.map(() => 200));
    const open = await t.db.query<{ position: string }>(
      'select position from worker_position where worker_id = $1 and end_date is null',
      [id],
    );
    expect(open).toHaveLength(1);
    expect((await rowOf(id)).position).toBe(open[0].position);
    const final = replay(await entriesOf(id));
    expect(final.position).toBe(open[0].position);
  });

  it('60 mixed concurrent writes (fields, positions, qualifications): nothing reverted, the chain replays', async () => {
    const id = await createWorker();
    const jobs: (() => Promise<{ statusCode: number; body: string }>)[] = [];
    for (let i = 0; i < 60; i++) {
      if (i % 3 === 0) jobs.push(() => patch(id, { major: `混合${i}` }));
      else if (i % 3 === 1) jobs.push(() => patch(id, { phone: `137${String(i).padStart(8, '0')}` }));
      else
        jobs.push(() =>
          county.request({
            method: 'POST',
            url: `/api/workers/${id}/positions`,
            payload: { position: i % 2 ? 'member' : 'staff', startDate: '2025-03-01' },
          }),
        );
    }
    jobs.push(() =>
      county.request({
        method: 'POST',
        url: `/api/workers/${id}/qualifications`,
        payload: { level: 'intermediate', obtainedOn: '2024-06-01' },
      }),
    );
    const results = await Promise.all(jobs.map((j) => j()));
    expect(results.map((r) => r.statusCode)).toEqual(jobs.map(() => 200));
    const final = replay(await entriesOf(id));
    const row = await rowOf(id);
    expect({ major: row.major, phone: row.phone, position: row.position, qualification: row.qualification }).toEqual({
      major: final.major,
      phone: final.phone,
      position: final.position,
      qualification: 'intermediate',
    });
  });

  it('a probation decision is taken once', async () => {
    const id = await createWorker({ startDate: '2026-05-20', status: '试用期' });
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        county.request({
          method: 'POST',
          url: `/api/workers/${id}/probation`,
          payload: { result: i % 2 ? 'fail' : 'pass', date: '2026-11-20', opinion: `考核意见${i}` },
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 200)) expectError(r, 409, 'NOT_ON_PROBATION');
    expect(await t.db.query('select 1 from probation_review where worker_id = $1', [id])).toHaveLength(1);
  });

  it('an update import and edits at once: the chain replays', async () => {
    const idNumber = newId();
    const id = await createWorker({ idNumber });
    const [imported, ...edits] = await Promise.all([
      (async () =>
        county.request({
          method: 'POST',
          url: '/api/imports/workers?update=true',
          ...(await updateSheet(idNumber, '13566667777')),
        }))(),
      ...[0, 1, 2, 3, 4, 5].map((i) => patch(id, { major: `导入时${i}` })),
    ]);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ committed: true, updated: 1 });
    expect(edits.map((r) => r.statusCode)).toEqual(edits.map(() => 200));
    const entries = await entriesOf(id);
    expect(entries.filter((e) => e.action === 'worker.import.update')).toHaveLength(1);
    const final = replay(entries);
    expect((await rowOf(id)).phone).toBe(final.phone);
  });

  it('an exit and edits at once: nothing is written to the record after it exited', async () => {
    for (let round = 0; round < 6; round++) {
      const id = await createWorker();
      const [a, b, c] = await Promise.all([
        patch(id, { major: '离岗前' }),
        county.request({
          method: 'POST',
          url: `/api/workers/${id}/exit`,
          payload: { type: 'resignation', date: '2025-06-30', reason: '个人原因' },
        }),
        patch(id, { phone: '13600000001' }),
      ]);
      expect(b.statusCode, b.body).toBe(200);
      for (const r of [a, c]) if (r.statusCode !== 200) expectError(r, 409, 'WORKER_EXITED');
      const entries = await entriesOf(id);
      const exitAt = entries.findIndex((e) => e.action === 'worker.exit');
      expect(entries.slice(exitAt + 1).filter((e) => e.action === 'worker.update')).toEqual([]);
      replay(entries);
    }
  });

  describe('optimistic concurrency (version / ETag)', () => {
    it('the read gives a version in the body and as an ETag; the list carries it too', async () => {
      const id = await createWorker();
      const res = await getWorker(id);
      const version = res.json().worker.version;
      expect(typeof version).toBe('string');
      expect(version).toMatch(/^\d+$/);
      expect(res.headers.etag).toBe(`"${version}"`);
      const list = await county.request({
        method: 'GET',
        url: `/api/workers?region=${COMMUNITY}&pageSize=100&sort=id&desc=true`,
      });
      const item = list.json().items.find((w: { id: number }) => w.id === id);
      expect(item.version).toBe(version);
    });

    it('a write with the current version succeeds and moves the version; the old one is then refused with 409', async () => {
      const id = await createWorker();
      const v1 = (await getWorker(id)).json().worker.version;
      const ok = await patch(id, { major: '社会工作', version: v1 });
      expect(ok.statusCode, ok.body).toBe(200);
      const v2 = ok.json().worker.version;
      expect(v2).not.toBe(v1);
      expect(ok.headers.etag).toBe(`"${v2}"`);

      const row = await rowOf(id);
      const entries = (await entriesOf(id)).length;
      const stale = await patch(id, { major: '覆盖', version: v1 });
      const err = expectError(stale, 409, 'STALE_VERSION');
      expect(err.message).toBe('该记录已被他人修改，请刷新后重试');
      expect(err.fields).toEqual([{ field: 'version', message: '该记录已被他人修改，请刷新后重试' }]);
      // Nothing changed: the row and the audit log are as they were.
      expect(await rowOf(id)).toEqual(row);
      expect(await entriesOf(id)).toHaveLength(entries);
    });

    it('If-Match works like the body field (strong, weak and * forms); a malformed one is a 400', async () => {
      const id = await createWorker();
      const v1 = (await getWorker(id)).json().worker.version;
      const ok = await patch(id, { major: '甲' }, { 'if-match': `"${v1}"` });
      expect(ok.statusCode, ok.body).toBe(200);
      const v2 = ok.json().worker.version;
      const row = await rowOf(id);
      expectError(await patch(id, { major: '乙' }, { 'if-match': `"${v1}"` }), 409, 'STALE_VERSION');
      expect(await rowOf(id)).toEqual(row);
      const weak = await patch(id, { major: '丙' }, { 'if-match': `W/"${v2}"` });
      expect(weak.statusCode, weak.body).toBe(200);
      const any = await patch(id, { major: '丁' }, { 'if-match': '*' });
      expect(any.statusCode, any.body).toBe(200);
      for (const bad of ['abc', '"12a"', '"1", "2"', `"${'9'.repeat(30)}"`]) {
        const res = await patch(id, { major: '戊' }, { 'if-match': bad });
        const e = expectError(res, 400, 'VALIDATION');
        expect(e.fields).toEqual([
          { field: 'If-Match', message: '请求头 If-Match 应为读取记录时得到的 ETag（如 "12345"），或 *' },
        ]);
      }
      // Header and body disagreeing is refused rather than guessed at.
      const v4 = any.json().worker.version;
      const both = await patch(id, { major: '己', version: v4 }, { 'if-match': `"${v1}"` });
      expect(expectError(both, 400, 'VALIDATION').fields.map((f) => f.field)).toEqual(['version']);
      const badBody = await patch(id, { major: '庚', version: 'abc' });
      expect(expectError(badBody, 400, 'VALIDATION').fields.map((f) => f.field)).toEqual(['version']);
      expect((await rowOf(id)).major).toBe('丁');
    });

    it('transfer, position, qualification and exit refuse a stale version and change nothing', async () => {
      const id = await createWorker();
      const v1 = (await getWorker(id)).json().worker.version;
      expect((await patch(id, { major: '先改' })).statusCode).toBe(200);
      const row = await rowOf(id);
      const entries = (await entriesOf(id)).length;
      const attempts = [
        { url: 'transfer', payload: { regionCode: TARGETS[0], date: '2025-01-02', reason: '工作需要' } },
        { url: 'positions', payload: { position: 'member', startDate: '2025-03-01' } },
        { url: 'qualifications', payload: { level: 'assistant', obtainedOn: '2024-06-01' } },
        { url: 'exit', payload: { type: 'resignation', date: '2025-06-30', reason: '个人原因' } },
      ];
      for (const a of attempts) {
        const body = await county.request({
          method: 'POST',
          url: `/api/workers/${id}/${a.url}`,
          payload: { ...a.payload, version: v1 },
        });
        expectError(body, 409, 'STALE_VERSION');
        const header = await county.request({
          method: 'POST',
          url: `/api/workers/${id}/${a.url}`,
          payload: a.payload,
          headers: { 'if-match': `"${v1}"` },
        });
        expectError(header, 409, 'STALE_VERSION');
      }
      expect(await rowOf(id)).toEqual(row);
      expect(await entriesOf(id)).toHaveLength(entries);
      expect(await t.db.query('select 1 from worker_qualification where worker_id = $1', [id])).toHaveLength(0);
      // With the current version they go through.
      const v2 = (await getWorker(id)).json().worker.version;
      const moved = await county.request({
        method: 'POST',
        url: `/api/workers/${id}/positions`,
        payload: { position: 'member', startDate: '2025-03-01', version: v2 },
      });
      expect(moved.statusCode, moved.body).toBe(200);
    });

    it('12 clients incrementing a counter with read-then-write-with-version and retry: every increment lands', async () => {
      const id = await createWorker({ major: '0' });
      let conflicts = 0;
      const client = async () => {
        for (;;) {
          const w = (await county.request({ method: 'GET', url: `/api/workers/${id}` })).json().worker;
          const res = await patch(id, { major: String(Number(w.major) + 1), version: w.version });
          if (res.statusCode === 200) return;
          expectError(res, 409, 'STALE_VERSION');
          conflicts++;
        }
      };
      await Promise.all(Array.from({ length: 12 }, client));
      expect((await rowOf(id)).major).toBe('12');
      const final = replay(await entriesOf(id));
      expect(final.major).toBe('12');
      expect(conflicts).toBeGreaterThanOrEqual(0);
    });
  });
});
