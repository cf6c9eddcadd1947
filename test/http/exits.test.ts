/**
 * F-EXIT exit requests and the terms (届) register over HTTP on both engines: propose with documents,
 * upload and download a file (scope-checked, audited), approve (the worker exits, the headcount drops)
 * or return with the reason; the terms register and its evidence in the secretary incentive.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const TODAY = new Date('2026-11-28T04:00:00Z');
const COMMUNITY = '532822101001'; // 沿河社区
const OTHER_COMMUNITY = '532822101002';
const STREET = '532822101000';
const JINGHONG = '532801000000';
let seq = 700;
const newId = (birth: string) => {
  seq += 2;
  return makeIdNumber('532822', birth, seq);
};
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2048), Buffer.from('\n%%EOF\n')]);

function multipart(file: Buffer, filename: string, type = 'application/pdf') {
  const boundary = `----shequ${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, file, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const RESIGN = (extra: Record<string, unknown> = {}) => ({
  type: 'resignation',
  date: '2026-11-20',
  reason: '个人原因辞职',
  documents: [{ kind: 'resignationLetter', title: '辞职申请书', date: '2026-11-10' }],
  ...extra,
});

const REQUEST_KEYS = [
  'abilities',
  'date',
  'decidedBy',
  'decidedOn',
  'decisionNote',
  'documentCount',
  'documents',
  'earlyRetirementReason',
  'id',
  'name',
  'position',
  'positionName',
  'proposedBy',
  'proposedOn',
  'reason',
  'regionCode',
  'regionName',
  'requiredDocuments',
  'state',
  'stateName',
  'statutoryRetirementDate',
  'streetName',
  'type',
  'typeName',
  'workerId',
  'workerStatus',
];

describe.each(ENGINES)('exits and terms (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let street: Client;
  let community: Client;
  let org: Client;
  let admin: Client;
  let outsideWorker: number;
  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    [county, street, community, org, admin] = await Promise.all([
      t.login('demo-county'),
      t.login('demo-street'),
      t.login('demo-community'),
      t.login('demo-county-org'),
      t.login('demo-admin'),
    ]);
    outsideWorker = (
      await t.db.query<{ id: number }>(
        `select id from worker where region_code like '532801%' and status <> 'exited' order by id limit 1`,
      )
    )[0].id;
  });
  afterAll(() => t.close());
  const get = (c: Client, url: string) => c.request({ method: 'GET', url });
  const post = (c: Client, url: string, payload: Record<string, unknown>) =>
    c.request({ method: 'POST', url, payload });
  const create = async (body: Record<string, unknown> = {}) => {
    const res = await post(county, '/api/workers', {
      name: '离岗测试',
      idNumber: newId('1990-05-05'),
      category: 'staff',
      position: 'staff',
      regionCode: COMMUNITY,
      startDate: '2018-03-01',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().worker.id as number;
  };
  const headcount = async (code: string) => {
    const s = (await get(county, `/api/stats?region=${code}`)).json();
    const stats = s.sections
      .find((x: { id: string }) => x.id === 'headcount')
      .items.find((i: { key: string }) => i.key === 'total').value as number;
    const staffing = (await get(county, `/api/regions/${code}/staffing`)).json().headcount as number;
    return { stats, staffing };
  };

  it('401 without a session, 403 for the wrong role or outside the subtree, 404 for an outside record', async () => {
    const w = await create();
    expectError(await t.app.inject({ method: 'GET', url: '/api/exit-requests' }), 401, 'UNAUTHENTICATED');
    expectError(
      await t.app.inject({ method: 'POST', url: `/api/workers/${w}/exit-requests`, payload: RESIGN() }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await t.app.inject({ method: 'GET', url: '/api/terms' }), 401, 'UNAUTHENTICATED');
    expectError(await get(street, `/api/exit-requests?region=${JINGHONG}`), 403, 'OUT_OF_SCOPE');
    expectError(await get(street, `/api/terms?region=${JINGHONG}`), 403, 'OUT_OF_SCOPE');
    expectError(await post(street, `/api/workers/${outsideWorker}/exit-requests`, RESIGN()), 404, 'NOT_FOUND');
    // the organization department does not propose exits; only the county approves; only the county may approve at once
    expectError(await post(org, `/api/workers/${w}/exit-requests`, RESIGN()), 403, 'FORBIDDEN');
    expectError(await post(street, '/api/exit-requests/1/approve', {}), 403, 'FORBIDDEN');
    expectError(await post(community, '/api/exit-requests/1/return', { reason: 'x' }), 403, 'FORBIDDEN');
    expectError(await post(street, `/api/workers/${w}/exit-requests`, RESIGN({ approve: true })), 403, 'FORBIDDEN');
    // the direct exit is the approving county's only
    expectError(
      await post(street, `/api/workers/${w}/exit`, { type: 'resignation', date: '2026-11-20', reason: '辞职' }),
      403,
      'FORBIDDEN',
    );
    // terms: the community does not keep the register; a region outside is refused
    expectError(
      await post(community, '/api/terms', { regionCode: COMMUNITY, termNumber: 11, electedOn: '2021-03-15' }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await post(street, '/api/terms', { regionCode: '532801001003', termNumber: 11, electedOn: '2021-03-15' }),
      403,
      'OUT_OF_SCOPE',
    );

    // a real request and term of 景洪市 (made by the administrator) are invisible to the county
    const jh = await post(admin, `/api/workers/${outsideWorker}/exit-requests`, RESIGN());
    expect(jh.statusCode, jh.body).toBe(200);
    const jhId = jh.json().id;
    const jhDoc = jh.json().documents[0].id;
    expectError(await get(county, `/api/exit-requests/${jhId}`), 404, 'NOT_FOUND');
    expectError(await post(county, `/api/exit-requests/${jhId}/approve`, {}), 404, 'NOT_FOUND');
    expectError(await post(county, `/api/exit-requests/${jhId}/return`, { reason: '外县' }), 404, 'NOT_FOUND');
    expectError(
      await county.request({
        method: 'POST',
        url: `/api/exit-requests/${jhId}/documents/${jhDoc}/file`,
        ...multipart(PDF, 'a.pdf'),
      }),
      404,
      'NOT_FOUND',
    );
    expect(
      (
        await admin.request({
          method: 'POST',
          url: `/api/exit-requests/${jhId}/documents/${jhDoc}/file`,
          ...multipart(PDF, 'a.pdf'),
        })
      ).statusCode,
    ).toBe(200);
    expectError(await get(county, `/api/exit-requests/${jhId}/documents/${jhDoc}/file`), 404, 'NOT_FOUND');
    expect((await get(county, '/api/exit-requests')).json().items.some((i: { id: number }) => i.id === jhId)).toBe(
      false,
    );
    const jhTerm = await post(admin, '/api/terms', {
      regionCode: '532801001003',
      termNumber: 11,
      electedOn: '2021-03-15',
    });
    expect(jhTerm.statusCode, jhTerm.body).toBe(200);
    expectError(
      await post(county, `/api/terms/${jhTerm.json().id}/close`, { closedOn: '2026-01-01', reason: 'election' }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await post(county, `/api/terms/${jhTerm.json().id}/members`, { workerId: outsideWorker, position: 'member' }),
      404,
      'NOT_FOUND',
    );
    await post(admin, `/api/exit-requests/${jhId}/return`, { reason: '测试' });
  });

  it('400 naming the field, in Chinese, and nothing written', async () => {
    const w = await create();
    const member = await create({ category: 'committee', position: 'member' });
    const before = (await t.db.query<{ n: number }>('select count(*)::int as n from exit_request'))[0].n;
    const field = async (payload: Record<string, unknown>, id = w) =>
      expectError(await post(street, `/api/workers/${id}/exit-requests`, payload), 400, 'VALIDATION').fields;
    expect(await field(RESIGN({ documents: [] }))).toEqual([{ field: 'documents', message: '辞职须附辞职申请书' }]);
    expect(await field(RESIGN({ documents: [{ kind: 'other', title: '情况说明', date: '2026-11-10' }] }))).toEqual([
      { field: 'documents', message: '辞职须附辞职申请书' },
    ]);
    expect(
      (await field(RESIGN({ documents: [{ kind: 'letter', title: ' ', date: '2026-13-01' }] }))).map((f) => f.field),
    ).toEqual(['documents[0].kind', 'documents[0].title', 'documents[0].date']);
    expect((await field(RESIGN({ date: '2026-12-01' })))[0]).toEqual({
      field: 'date',
      message: '离岗日期不能晚于今天',
    });
    expect((await field(RESIGN({ reason: '  ' })))[0].field).toBe('reason');
    expect(
      (
        await field({
          type: 'recall',
          date: '2026-11-20',
          reason: '罢免',
          documents: [
            { kind: 'recallResolution', title: '居民会议罢免决议', number: '沿居〔2026〕3号', date: '2026-11-18' },
          ],
        })
      )[0],
    ).toEqual({
      field: 'type',
      message: '罢免只适用于选举产生的“两委”成员',
    });
    // retirement before the statutory date without the reason for early retirement
    const ret = (await get(street, `/api/workers/${w}/retirement`)).json();
    const early = await field({
      type: 'retirement',
      date: '2026-11-20',
      reason: '退休',
      documents: [{ kind: 'retirementApproval', title: '退休审批表', date: '2026-11-01' }],
    });
    expect(early).toEqual([
      {
        field: 'earlyRetirementReason',
        message: `退休日期 2026年11月20日 早于法定退休日期 ${ret.date.slice(0, 4)}年${ret.date.slice(5, 7)}月${ret.date.slice(8, 10)}日，提前退休须填写提前退休原因`,
      },
    ]);
    expect((await t.db.query<{ n: number }>('select count(*)::int as n from exit_request'))[0].n).toBe(before);
    // a recall of an elected member with the meeting's resolution is accepted
    const recall = await post(street, `/api/workers/${member}/exit-requests`, {
      type: 'recall',
      date: '2026-11-20',
      reason: '严重失职，经居民会议表决罢免',
      documents: [
        { kind: 'recallResolution', title: '居民会议罢免决议', number: '沿居〔2026〕3号', date: '2026-11-18' },
      ],
    });
    expect(recall.statusCode, recall.body).toBe(200);
    expect(recall.json()).toMatchObject({
      type: 'recall',
      typeName: '罢免',
      requiredDocuments: ['居民会议/居民代表会议罢免决议'],
      documents: [{ kind: 'recallResolution', number: '沿居〔2026〕3号', file: null }],
    });
  });

  it('a street proposes a resignation with a file, the county approves: the worker exits, the headcount drops, every step audited', async () => {
    const w = await create({ name: '辞职人员' });
    const hc0 = await headcount(COMMUNITY);
    const hcStreet0 = await headcount(STREET);
    const res = await post(
      street,
      `/api/workers/${w}/exit-requests`,
      RESIGN({
        documents: [
          { kind: 'resignationLetter', title: '辞职申请书', number: null, date: '2026-11-10' },
          { kind: 'other', title: '工作交接清单', date: '2026-11-15' },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(Object.keys(r).sort()).toEqual(REQUEST_KEYS);
    expect(r).toMatchObject({
      workerId: w,
      state: 'pending',
      stateName: '待审批',
      type: 'resignation',
      date: '2026-11-20',
      proposedOn: '2026-11-28',
      decidedOn: null,
      documentCount: 2,
      regionName: '沿河社区居民委员会',
      abilities: { decide: false },
    });
    expect(r.documents.map((d: { kindName: string }) => d.kindName)).toEqual(['辞职申请书', '其他']);
    // one open request per worker
    expectError(await post(community, `/api/workers/${w}/exit-requests`, RESIGN()), 409, 'EXIT_REQUEST_OPEN');
    const one = await get(community, `/api/exit-requests/${r.id}`);
    expect(Object.keys(one.json()).sort()).toEqual(REQUEST_KEYS);
    expect(one.json().documents.map((d: { title: string }) => d.title)).toEqual(['辞职申请书', '工作交接清单']);
    expect(Object.keys(one.json().documents[0]).sort()).toEqual([
      'date',
      'file',
      'id',
      'kind',
      'kindName',
      'number',
      'title',
    ]);

    // the file: type and content checked; then stored with its hash, downloaded as it was, each read audited
    const doc = r.documents[0].id;
    const upload = (c: Client, file: Buffer, name: string) =>
      c.request({ method: 'POST', url: `/api/exit-requests/${r.id}/documents/${doc}/file`, ...multipart(file, name) });
    expect(expectError(await upload(street, PDF, 'a.exe'), 400, 'FILE_TYPE').fields).toEqual([
      { field: 'file', message: '只接受 pdf、jpg、png、docx、xlsx 文件' },
    ]);
    expect(expectError(await upload(street, Buffer.from('not a pdf'), 'a.pdf'), 400, 'FILE_TYPE').fields[0].field).toBe(
      'file',
    );
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x25);
    expect(expectError(await upload(street, big, 'big.pdf'), 400, 'FILE_TOO_LARGE').fields[0].field).toBe('file');
    expectError(
      await street.request({ method: 'POST', url: `/api/exit-requests/${r.id}/documents/${doc}/file`, payload: {} }),
      400,
      'FILE_REQUIRED',
    );
    expectError(
      await upload(street, PDF, 'a.pdf').then(() =>
        street.request({
          method: 'POST',
          url: `/api/exit-requests/${r.id}/documents/99999/file`,
          ...multipart(PDF, 'a.pdf'),
        }),
      ),
      404,
      'NOT_FOUND',
    );
    const up = await upload(street, PDF, '辞职申请书.pdf');
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().file).toMatchObject({
      name: '辞职申请书.pdf',
      mime: 'application/pdf',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    const dl = await get(community, `/api/exit-requests/${r.id}/documents/${doc}/file`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(String(dl.headers['content-disposition'])).toContain(encodeURIComponent('辞职申请书.pdf'));
    expect(Buffer.compare(dl.rawPayload, PDF)).toBe(0);
    expectError(
      await get(community, `/api/exit-requests/${r.id}/documents/${r.documents[1].id}/file`),
      404,
      'NOT_FOUND',
    );

    // the list: pending first, counts, filter by state and worker
    const list = (await get(county, '/api/exit-requests')).json();
    expect(Object.keys(list).sort()).toEqual(['counts', 'items', 'regionCode', 'regionName']);
    expect(list.items[0].state).toBe('pending');
    expect(list.counts.pending).toBeGreaterThanOrEqual(1);
    expect(list.items.find((i: { id: number }) => i.id === r.id).abilities).toEqual({ decide: true });
    expect(
      (await get(county, '/api/exit-requests?state=approved'))
        .json()
        .items.every((i: { state: string }) => i.state === 'approved'),
    ).toBe(true);
    const mine = (await get(street, `/api/exit-requests?workerId=${w}`)).json();
    expect(mine.items.map((i: { id: number }) => i.id)).toEqual([r.id]);
    expect(mine.items[0].documents[0].file.name).toBe('辞职申请书.pdf');
    expect(expectError(await get(street, '/api/exit-requests?state=open'), 400, 'VALIDATION').fields[0].field).toBe(
      'state',
    );

    // approval: the worker exits on the request's date; the roll-up, the staffing figure and the list follow
    const ok = await post(county, `/api/exit-requests/${r.id}/approve`, { note: '同意' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      state: 'approved',
      stateName: '已批准',
      decidedOn: '2026-11-28',
      decidedBy: expect.any(String),
      decisionNote: '同意',
      workerStatus: 'exited',
    });
    const worker = (await get(county, `/api/workers/${w}`)).json();
    expect(worker.worker).toMatchObject({
      status: 'exited',
      exitType: 'resignation',
      exitDate: '2026-11-20',
      exitReason: '个人原因辞职',
    });
    const hc1 = await headcount(COMMUNITY);
    expect(hc1.stats).toBe(hc0.stats - 1);
    expect(hc1.staffing).toBe(hc0.staffing - 1);
    expect((await headcount(STREET)).stats).toBe(hcStreet0.stats - 1);
    expectError(await post(county, `/api/exit-requests/${r.id}/approve`, {}), 409, 'EXIT_REQUEST_DECIDED');
    expectError(
      await post(county, `/api/exit-requests/${r.id}/return`, { reason: '再退回' }),
      409,
      'EXIT_REQUEST_DECIDED',
    );
    expectError(await upload(street, PDF, 'again.pdf'), 409, 'EXIT_REQUEST_DECIDED');
    expectError(await post(street, `/api/workers/${w}/exit-requests`, RESIGN()), 409, 'WORKER_EXITED');

    const audit = async (action: string) =>
      (await get(county, `/api/audit?action=${action}&region=${COMMUNITY}`))
        .json()
        .items.filter((a: { entityId: string }) => a.entityId !== undefined);
    expect((await audit('exit.request.create')).length).toBeGreaterThanOrEqual(1);
    expect((await audit('exit.request.approve')).length).toBeGreaterThanOrEqual(1);
    expect((await audit('exit.document.upload')).length).toBeGreaterThanOrEqual(1);
    expect((await audit('exit.document.download')).length).toBeGreaterThanOrEqual(1);
    expect(
      (await t.db.query(`select 1 from audit_log where action = 'worker.exit' and entity_id = $1`, [String(w)])).length,
    ).toBe(1);
  });

  it('returned with the reason; a new proposal is then possible; a county retirement approved at once appears in the retired list', async () => {
    const w = await create({ name: '解聘人员' });
    const r = (
      await post(street, `/api/workers/${w}/exit-requests`, {
        type: 'dismissal',
        date: '2026-11-25',
        reason: '年度考核不称职',
        documents: [{ kind: 'dismissalNotice', title: '解聘通知书', date: '2026-11-25' }],
      })
    ).json();
    expect(
      expectError(await post(county, `/api/exit-requests/${r.id}/return`, { reason: ' ' }), 400, 'VALIDATION')
        .fields[0],
    ).toEqual({ field: 'reason', message: '请填写退回原因' });
    const back = await post(county, `/api/exit-requests/${r.id}/return`, { reason: '缺少考核结果文件' });
    expect(back.json()).toMatchObject({
      state: 'returned',
      stateName: '已退回',
      decisionNote: '缺少考核结果文件',
      workerStatus: 'active',
    });
    expect((await get(county, `/api/workers/${w}`)).json().worker.status).toBe('active');
    expect(
      (
        await post(street, `/api/workers/${w}/exit-requests`, {
          type: 'dismissal',
          date: '2026-11-25',
          reason: '年度考核不称职',
          documents: [{ kind: 'dismissalNotice', title: '解聘通知书', date: '2026-11-25' }],
        })
      ).statusCode,
    ).toBe(200);

    // early retirement with a reason, proposed and approved at once by the county (recorded as both)
    const old = await create({ name: '退休人员', idNumber: newId('1975-03-10') });
    const ret = await post(county, `/api/workers/${old}/exit-requests`, {
      type: 'retirement',
      date: '2026-11-27',
      reason: '申请提前退休',
      earlyRetirementReason: '因病完全丧失劳动能力（劳动能力鉴定结论）',
      documents: [
        { kind: 'retirementApproval', title: '退休审批表', number: '勐人社〔2026〕88号', date: '2026-11-26' },
      ],
      approve: true,
    });
    expect(ret.statusCode, ret.body).toBe(200);
    const body = ret.json();
    expect(body).toMatchObject({
      state: 'approved',
      earlyRetirementReason: '因病完全丧失劳动能力（劳动能力鉴定结论）',
      workerStatus: 'exited',
    });
    expect(body.proposedBy).toBe(body.decidedBy);
    expect(body.statutoryRetirementDate > '2026-11-27').toBe(true);
    const retired = (await get(county, `/api/lifecycle/retired?region=${COMMUNITY}`)).json();
    expect(retired.items.find((i: { workerId: number }) => i.workerId === old)).toMatchObject({
      exitDate: '2026-11-27',
      reason: '申请提前退休',
    });
  });

  it('terms (届): register, members, close by election; the completed term is evidence in the secretary incentive', async () => {
    const secretary = (
      await t.db.query<{ id: number }>(
        `select id from worker where region_code = $1 and position in ('secretary', 'secretaryDirector') and status <> 'exited' order by id limit 1`,
        [COMMUNITY],
      )
    )[0].id;
    const elsewhere = (
      await t.db.query<{ id: number }>(
        `select id from worker where region_code = $1 and status <> 'exited' order by id limit 1`,
        [OTHER_COMMUNITY],
      )
    )[0].id;
    expect(
      expectError(
        await post(street, '/api/terms', { regionCode: STREET, termNumber: 10, electedOn: '2016-03-15' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('regionCode');
    expect(
      expectError(
        await post(street, '/api/terms', { regionCode: COMMUNITY, termNumber: 0, electedOn: '2016-03-15' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('termNumber');
    expect(
      expectError(
        await post(street, '/api/terms', { regionCode: COMMUNITY, termNumber: 10, electedOn: '2027-03-15' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('electedOn');
    const t10 = await post(street, '/api/terms', { regionCode: COMMUNITY, termNumber: 10, electedOn: '2016-03-15' });
    expect(t10.statusCode, t10.body).toBe(200);
    expect(Object.keys(t10.json()).sort()).toEqual([
      'closeNote',
      'closeReason',
      'closeReasonName',
      'closedOn',
      'completed',
      'createdBy',
      'electedOn',
      'endsOn',
      'id',
      'members',
      'regionCode',
      'regionName',
      'termName',
      'termNumber',
    ]);
    expect(t10.json()).toMatchObject({
      termName: '第十届',
      endsOn: '2021-03-15',
      closedOn: null,
      completed: false,
      members: [],
    });
    const id10 = t10.json().id;
    expectError(
      await post(street, '/api/terms', { regionCode: COMMUNITY, termNumber: 10, electedOn: '2016-03-15' }),
      409,
      'TERM_EXISTS',
    );
    expectError(
      await post(street, '/api/terms', { regionCode: COMMUNITY, termNumber: 11, electedOn: '2021-03-15' }),
      409,
      'TERM_OPEN',
    );

    const added = await post(street, `/api/terms/${id10}/members`, { workerId: secretary, position: 'secretary' });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().members).toMatchObject([
      { workerId: secretary, position: 'secretary', positionName: '社区党组织书记' },
    ]);
    expectError(
      await post(street, `/api/terms/${id10}/members`, { workerId: secretary, position: 'member' }),
      409,
      'TERM_MEMBER_EXISTS',
    );
    expect(
      expectError(
        await post(street, `/api/terms/${id10}/members`, { workerId: elsewhere, position: 'member' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('workerId');
    const wrong = await post(org, `/api/terms/${id10}/members`, {
      workerId: await create({ category: 'committee', position: 'member' }),
      position: 'member',
    });
    expect(wrong.statusCode, wrong.body).toBe(200);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/terms/${id10}/members/${wrong.json().members[1].id}`,
      headers: { cookie: org.cookie, 'x-csrf-token': org.csrf },
    });
    expect(removed.json().members.length).toBe(1);

    expect(
      expectError(
        await post(street, `/api/terms/${id10}/close`, { closedOn: '2021-03-01', reason: 'early' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('note');
    expect(
      expectError(
        await post(street, `/api/terms/${id10}/close`, { closedOn: '2015-01-01', reason: 'election' }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('closedOn');
    const closed = await post(street, `/api/terms/${id10}/close`, { closedOn: '2021-03-14', reason: 'election' });
    expect(closed.json()).toMatchObject({
      closedOn: '2021-03-14',
      closeReason: 'election',
      closeReasonName: '换届届满',
      completed: true,
    });
    expectError(
      await post(street, `/api/terms/${id10}/close`, { closedOn: '2021-03-14', reason: 'election' }),
      409,
      'TERM_CLOSED',
    );
    expect(
      (await post(street, '/api/terms', { regionCode: COMMUNITY, termNumber: 11, electedOn: '2021-03-15' })).json(),
    ).toMatchObject({ termName: '第十一届', endsOn: '2026-03-15' });

    const list = (await get(community, '/api/terms')).json();
    expect(list.items.map((i: { termNumber: number }) => i.termNumber)).toEqual([11, 10]);
    expect(
      (await get(community, `/api/terms?workerId=${secretary}`))
        .json()
        .items.map((i: { termNumber: number }) => i.termNumber),
    ).toEqual([10]);
    const incentive = (await get(county, `/api/lifecycle/incentive?region=${COMMUNITY}`)).json();
    const item = incentive.items.find((i: { workerId: number }) => i.workerId === secretary);
    expect(item.conditions.find((c: { code: string }) => c.code === 'fullTerm').evidence).toContain(
      '届次登记：沿河社区居民委员会第十届（2016年03月15日—2021年03月14日，换届届满，任书记）',
    );
    const audit = (await get(county, `/api/audit?action=term.member.remove&region=${COMMUNITY}`)).json();
    expect(audit.items.length).toBe(1);
  });
});
