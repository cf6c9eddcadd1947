import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const COUNTY = '532822000000'; // 勐海县
const COMMUNITY = '532822101001'; // 沿河社区
const JINGHONG = '532801000000';
const NOW = new Date('2026-11-28T04:00:00Z'); // inside the 2026 rating window (1 Nov – 31 Dec)

type Entry = { workerId: number; rated: boolean; regionCode: string; result: string | null; name: string };
const competent = (workerId: number) => ({
  workerId,
  politicalQuality: 85,
  workPerformance: 80,
  residentSatisfaction: 85,
});

describe.each(ENGINES)('annual assessment and residents’ voice (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let street: Client;
  let community: Client;
  let plan25: number;
  let plan26: number;
  let demoWorker: number;

  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => NOW });
    [county, street, community] = [
      await t.login('demo-county'),
      await t.login('demo-street'),
      await t.login('demo-community'),
    ];
    const plans = await t.db.query<{ id: number; year: number }>(
      `select id, year from assessment_plan where region_code = $1`,
      [COUNTY],
    );
    plan25 = plans.find((p) => p.year === 2025)!.id;
    plan26 = plans.find((p) => p.year === 2026)!.id;
    demoWorker = (
      await t.db.query<{ id: number }>(
        `select w.id from worker w join app_user u on u.id = w.user_id where u.username = 'demo-worker'`,
      )
    )[0].id;
  });
  afterAll(() => t.close());

  const entriesOf = async (c: Client, id: number, region?: string): Promise<Entry[]> => {
    const res = await c.request({
      method: 'GET',
      url: `/api/assessment-plans/${id}${region ? `?region=${region}` : ''}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().entries;
  };
  const save = (c: Client, id: number, items: unknown[]) =>
    c.request({ method: 'PUT', url: `/api/assessment-plans/${id}/scores`, payload: { items } });

  it('every route answers 401 without a session (the public ones excepted)', async () => {
    const routes: InjectOptions[] = [
      { method: 'GET', url: '/api/assessment-plans' },
      { method: 'POST', url: '/api/assessment-plans', payload: { regionCode: COUNTY, year: 2027 } },
      { method: 'GET', url: `/api/assessment-plans/${plan26}` },
      { method: 'PUT', url: `/api/assessment-plans/${plan26}/scores`, payload: { items: [competent(demoWorker)] } },
      { method: 'POST', url: `/api/assessment-plans/${plan26}/approve` },
      {
        method: 'POST',
        url: `/api/assessment-plans/${plan25}/fault-tolerance`,
        payload: { workerId: demoWorker, reason: 'x' },
      },
      { method: 'POST', url: '/api/assessment-consequences/1/decision', payload: { decision: 'confirm' } },
      {
        method: 'POST',
        url: `/api/assessment-plans/${plan26}/consequences/decision`,
        payload: { kind: 'renewal', decision: 'confirm' },
      },
      { method: 'PUT', url: `/api/workers/${demoWorker}/public-profile`, payload: { duties: 'x', commitments: 'y' } },
      { method: 'GET', url: `/api/regions/${COMMUNITY}/rating-settings` },
      { method: 'PUT', url: `/api/regions/${COMMUNITY}/rating-settings`, payload: { verificationRequired: true } },
    ];
    for (const r of routes) expectError(await t.app.inject(r), 401, 'UNAUTHENTICATED');
  });

  it('lists the county’s plans to the county and to a street inside it; a plan shows rules, quotas and the scoring sheet', async () => {
    for (const c of [county, street]) {
      const res = await c.request({ method: 'GET', url: '/api/assessment-plans' });
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as {
        year: number;
        status: string;
        regionCode: string;
        entries: number;
        scored: number;
      }[];
      expect(items.map((i) => [i.year, i.status, i.regionCode])).toEqual([
        [2026, 'open', COUNTY],
        [2025, 'approved', COUNTY],
      ]);
    }
    const res = await county.request({ method: 'GET', url: `/api/assessment-plans/${plan25}` });
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual([
      'abilities',
      'consequences',
      'entries',
      'faultTolerances',
      'plan',
      'quotaRule',
      'quotas',
      'rules',
      'summary',
    ]);
    expect(body.rules).toMatchObject({
      excellentTarget: 0.15,
      excellentCap: 0.2,
      quotaUnit: 'street',
      satisfactionFloor: 0.6,
      minMonthsWorked: 6,
    });
    expect(body.summary.unscored).toBe(0);
    expect(body.summary.byResult.fail).toBe(1);
    for (const q of body.quotas) {
      expect(q.excellent).toBeLessThanOrEqual(q.cap);
      expect(q.cap).toBe(Math.floor(q.rated * 0.2));
    }
    expect(body.abilities).toEqual({ score: false, approve: false, decide: true });
    // The street sees only its own street's rows.
    const streetEntries = await entriesOf(street, plan25);
    expect(streetEntries.length).toBeGreaterThan(0);
    expect(streetEntries.every((e) => e.regionCode.startsWith('532822101'))).toBe(true);
    expect(streetEntries.length).toBeLessThan(body.entries.length);
    // Not rated: with the reason.
    const unrated = body.entries.filter((e: Entry) => !e.rated);
    expect(unrated.length).toBeGreaterThan(0);
    for (const e of unrated) expect(e.eligibility).toMatch(/不定等次/);
  });

  it('403 outside the caller’s region, 404 for another county’s plan, 400 with the field for bad input', async () => {
    expectError(
      await county.request({
        method: 'POST',
        url: '/api/assessment-plans',
        payload: { regionCode: JINGHONG, year: 2027 },
      }),
      403,
      'OUT_OF_SCOPE',
    );
    expectError(
      await county.request({ method: 'GET', url: `/api/assessment-plans/${plan26}?region=${JINGHONG}` }),
      403,
      'OUT_OF_SCOPE',
    );
    // A street cannot issue or approve; a community cannot decide.
    expectError(
      await street.request({
        method: 'POST',
        url: '/api/assessment-plans',
        payload: { regionCode: COUNTY, year: 2027 },
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await street.request({ method: 'POST', url: `/api/assessment-plans/${plan26}/approve` }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await community.request({
        method: 'POST',
        url: `/api/assessment-plans/${plan25}/fault-tolerance`,
        payload: { workerId: demoWorker, reason: 'x' },
      }),
      403,
      'FORBIDDEN',
    );
    // A community scoring a worker of another community: not found, naming the row.
    const other = (await entriesOf(county, plan26)).find((e) => e.rated && !e.regionCode.startsWith(COMMUNITY))!;
    const err = expectError(await save(community, plan26, [competent(other.workerId)]), 404, 'NOT_FOUND');
    expect(err.fields).toEqual([{ field: 'items.0.workerId', message: '不在本考核方案或不在您的管辖范围内' }]);

    let e = expectError(
      await save(county, plan26, [{ ...competent(demoWorker), politicalQuality: 101 }]),
      400,
      'VALIDATION',
    );
    expect(e.fields.map((f) => f.field)).toEqual(['items.0.politicalQuality']);
    e = expectError(await save(county, plan26, [{ ...competent(demoWorker), result: 'great' }]), 400, 'VALIDATION');
    expect(e.fields.map((f) => f.field)).toEqual(['items.0.result']);
    e = expectError(await save(county, plan26, [competent(demoWorker), competent(demoWorker)]), 400, 'VALIDATION');
    expect(e.fields).toEqual([{ field: 'items.1.workerId', message: '与第 1 行重复' }]);
    // A result above the band of the total.
    e = expectError(await save(county, plan26, [{ ...competent(demoWorker), result: 'excellent' }]), 400, 'VALIDATION');
    expect(e.fields).toEqual([{ field: 'items.0.result', message: '总分 83 未达到“优秀”的最低总分 90' }]);
    e = expectError(
      await county.request({
        method: 'POST',
        url: '/api/assessment-plans',
        payload: { regionCode: '532822101000', year: 2027 },
      }),
      400,
      'VALIDATION',
    );
    expect(e.fields[0].field).toBe('regionCode');
    expectError(
      await county.request({
        method: 'POST',
        url: '/api/assessment-plans',
        payload: { regionCode: COUNTY, year: 2026 },
      }),
      409,
      'PLAN_EXISTS',
    );
    // Nothing was saved by the refused requests.
    expect((await entriesOf(county, plan26)).find((x) => x.workerId === demoWorker)!.result).toBeNull();
  });

  describe('the public community page', () => {
    const page = (cookie?: string) =>
      t.app.inject({ method: 'GET', url: `/api/public/communities/${COMMUNITY}`, headers: cookie ? { cookie } : {} });
    const rate = (payload: unknown, cookie?: string, remoteAddress = '10.77.0.1') =>
      t.app.inject({
        method: 'POST',
        url: `/api/public/communities/${COMMUNITY}/ratings`,
        payload: payload as object,
        headers: cookie ? { cookie } : {},
        remoteAddress,
      });
    const deviceOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0];

    it('answers without sign-in: workers with duties and commitments, the window and the counts; sets a device cookie', async () => {
      const res = await page();
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual([
        'alreadyRated',
        'community',
        'minRatings',
        'ratings',
        'scores',
        'verificationRequired',
        'window',
        'workers',
      ]);
      expect(body.community).toEqual({
        code: COMMUNITY,
        name: '沿河社区居民委员会',
        street: '勐海镇',
        county: '勐海县',
      });
      expect(body.window).toEqual({ year: 2026, from: '2026-11-01', to: '2026-12-31' });
      // Issue 12: the code on the notice board is required in a window by default.
      expect(body.verificationRequired).toBe(true);
      expect(body.alreadyRated).toBe(false);
      expect(body.ratings.count).toBe(14);
      expect(body.ratings.text).toMatch(/共 14 票/);
      expect(body.workers.length).toBeGreaterThan(0);
      for (const w of body.workers) {
        expect(Object.keys(w).sort()).toEqual(['commitments', 'duties', 'id', 'name', 'position', 'ratings']);
        expect(w.duties.length).toBeGreaterThan(0);
      }
      // No personal numbers anywhere.
      expect(res.body).not.toMatch(/\d{17}[\dX]/);
      expect(deviceOf(res)).toMatch(/^shequ_device=[0-9a-f-]{36}$/);
      expectError(await t.app.inject({ method: 'GET', url: '/api/public/communities/53282210100' }), 400, 'VALIDATION');
      expectError(await t.app.inject({ method: 'GET', url: '/api/public/communities/532822101000' }), 404, 'NOT_FOUND');
    });

    it('takes one ballot per device per window, refuses a second and bad payloads', async () => {
      // The code the office prints on the notice board (made when staff first open the page in a window).
      const settings = await community.request({ method: 'GET', url: `/api/regions/${COMMUNITY}/rating-settings` });
      const code = settings.json().verificationCode as string;
      expect(code).toMatch(/^\d{6}$/);
      const device = deviceOf(await page());
      const worker = (await page()).json().workers[0];
      const e1 = expectError(await rate({ community: 'great', code }, device), 400, 'VALIDATION');
      expect(e1.fields[0].field).toBe('community');
      expectError(await rate({ community: 'satisfied', code, extra: 1 }, device), 400, 'VALIDATION');
      const e2 = expectError(
        await rate({ community: 'satisfied', code, workers: [{ workerId: 999999999, score: 'basic' }] }, device),
        400,
        'VALIDATION',
      );
      expect(e2.fields).toEqual([{ field: 'workers.0.workerId', message: '不是本社区的工作人员' }]);
      expect(expectError(await rate({ community: 'satisfied', code }), 400, 'DEVICE_REQUIRED').fields[0].field).toBe(
        'device',
      );
      const ok = await rate(
        { community: 'satisfied', code, workers: [{ workerId: worker.id, score: 'unsatisfied' }] },
        device,
      );
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toEqual({ ok: true, ratings: 2 });
      expectError(await rate({ community: 'basic', code }, device), 409, 'ALREADY_RATED');
      // The page says so when the device opens it again.
      expect((await page(device)).json().alreadyRated).toBe(true);
      const after = (await page()).json();
      expect(after.ratings.count).toBe(15);
      expect(after.workers.find((w: { id: number }) => w.id === worker.id).ratings.count).toBe(
        worker.ratings.count + 1,
      );
      // The ballot is audited without the device.
      const [a] = await t.db.query<{ action: string; after: unknown }>(
        `select action, after from audit_log where entity_type = 'resident_ballot' order by id desc limit 1`,
      );
      expect(a.action).toBe('voice.rating');
      expect(JSON.stringify(a.after)).not.toContain(device.split('=')[1]);
    });

    it('the verification step: the office sets the code; only the county switches it off, with a reason; a per-address limit', async () => {
      const res = await community.request({
        method: 'PUT',
        url: `/api/regions/${COMMUNITY}/rating-settings`,
        payload: { verificationRequired: true, verificationCode: '246810' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        verificationRequired: true,
        verificationCode: '246810',
        publicPath: `/p/${COMMUNITY}`,
        saved: true,
      });
      expect((await page()).json().verificationRequired).toBe(true);
      const device = deviceOf(await page());
      expect(
        expectError(await rate({ community: 'satisfied' }, device), 400, 'VERIFICATION_FAILED').fields[0].field,
      ).toBe('code');
      expectError(await rate({ community: 'satisfied', code: '111111' }, device), 400, 'VERIFICATION_FAILED');
      expect((await rate({ community: 'satisfied', code: '246810' }, device)).statusCode).toBe(200);
      const off = { method: 'PUT' as const, url: `/api/regions/${COMMUNITY}/rating-settings` };
      expectError(
        await community.request({ ...off, payload: { verificationRequired: false, reason: '老人不会输入' } }),
        403,
        'VERIFICATION_OFF_COUNTY_ONLY',
      );
      expect(
        expectError(await county.request({ ...off, payload: { verificationRequired: false } }), 400, 'VALIDATION')
          .fields,
      ).toEqual([{ field: 'reason', message: '关闭验证码须说明理由（记入审计日志）' }]);
      const switched = await county.request({
        ...off,
        payload: { verificationRequired: false, reason: '社区公示栏维修，验证码无法张贴' },
      });
      expect(switched.statusCode, switched.body).toBe(200);
      expect(switched.json()).toMatchObject({
        verificationRequired: false,
        verificationCode: '246810', // kept for the next window
        saved: true,
        offReason: '社区公示栏维修，验证码无法张贴',
      });
      expect(switched.json().warning).toMatch(/^本测评期已关闭验证码/);
      // 20 ballots per address per 10 minutes, then 429.
      const address = '10.77.9.9';
      for (let i = 0; i < 20; i++) await rate({ community: 'satisfied' }, deviceOf(await page()), address);
      expectError(await rate({ community: 'satisfied' }, deviceOf(await page()), address), 429, 'RATE_LIMITED');
    });

    it('duties and commitments are kept by the community; settings in scope only', async () => {
      const res = await community.request({
        method: 'PUT',
        url: `/api/workers/${demoWorker}/public-profile`,
        payload: { duties: '负责便民服务站', commitments: '当日事当日毕' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ workerId: demoWorker, duties: '负责便民服务站', commitments: '当日事当日毕' });
      expect((await page()).json().workers.find((w: { id: number }) => w.id === demoWorker)).toMatchObject({
        duties: '负责便民服务站',
        commitments: '当日事当日毕',
      });
      expect(
        expectError(
          await community.request({
            method: 'PUT',
            url: `/api/workers/${demoWorker}/public-profile`,
            payload: { duties: 'x'.repeat(501), commitments: '' },
          }),
          400,
          'VALIDATION',
        ).fields[0].field,
      ).toBe('duties');
      expectError(
        await community.request({ method: 'GET', url: '/api/regions/532801001003/rating-settings' }),
        403,
        'OUT_OF_SCOPE',
      );
      expect(
        expectError(
          await county.request({ method: 'GET', url: `/api/regions/${COUNTY}/rating-settings` }),
          400,
          'VALIDATION',
        ).fields[0].field,
      ).toBe('code');
      const s = (await street.request({ method: 'GET', url: `/api/regions/${COMMUNITY}/rating-settings` })).json();
      expect(s.ratings.count).toBeGreaterThanOrEqual(15);
    });
  });

  it('the satisfaction rule: below 60 % → 不合格 whatever the total; the row keeps its arithmetic', async () => {
    const res = await save(street, plan26, [
      { workerId: demoWorker, politicalQuality: 99, workPerformance: 99, residentSatisfaction: 59.99 },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results).toEqual([{ workerId: demoWorker, total: 87.3, result: 'fail', resultLabel: '不合格' }]);
    const row = (await county.request({ method: 'GET', url: `/api/assessment-plans/${plan26}` }))
      .json()
      .entries.find((e: { workerId: number }) => e.workerId === demoWorker);
    expect(row.steps.map((s: { text: string }) => s.text)).toEqual([
      '总分 = 政治素质 99 × 0.3 + 工作实绩 99 × 0.4 + 居民满意度 59.99 × 0.3 = 87.3',
      '总分 87.3：≥ 70，合格',
      '居民满意度 59.99% 低于 60%，定为“不合格”',
    ]);
    expect(row.eligibility).toMatch(/参加定等/);
  });

  it('residents’ ratings feed the satisfaction dimension when the sheet leaves it empty, from the minimum number of votes', async () => {
    type Row = Entry & {
      residents: { count: number; rate: number | null; usable: boolean };
      scores: { residentSatisfaction: number } | null;
      steps: { text: string }[];
    };
    const rows = (
      await county.request({ method: 'GET', url: `/api/assessment-plans/${plan26}?region=${COMMUNITY}` })
    ).json().entries as Row[];
    const enough = rows.find((r) => r.rated && r.residents.usable && r.workerId !== demoWorker)!;
    const few = rows.find((r) => r.rated && r.residents.count > 0 && !r.residents.usable && r.workerId !== demoWorker)!;
    expect(enough.residents.count).toBeGreaterThanOrEqual(10);
    const e = expectError(
      await save(community, plan26, [{ workerId: few.workerId, politicalQuality: 80, workPerformance: 80 }]),
      400,
      'VALIDATION',
    );
    expect(e.fields).toEqual([
      {
        field: 'items.0.residentSatisfaction',
        message: `居民测评仅 ${few.residents.count} 票，不足 10 票，请录入满意度（如民主测评结果）`,
      },
    ]);
    const ok = await save(community, plan26, [
      { workerId: enough.workerId, politicalQuality: 80, workPerformance: 80 },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (
      (await county.request({ method: 'GET', url: `/api/assessment-plans/${plan26}?region=${COMMUNITY}` })).json()
        .entries as Row[]
    ).find((r) => r.workerId === enough.workerId)!;
    expect(after.scores!.residentSatisfaction).toBe(enough.residents.rate);
    expect(after.steps[0].text).toMatch(new RegExp(`^居民满意度取本测评期居民测评：.*共 ${enough.residents.count} 票`));
  });

  it('approval is refused while anyone rated is unscored, then while a street is over the 20 % cap', async () => {
    expectError(
      await county.request({ method: 'POST', url: `/api/assessment-plans/${plan26}/approve` }),
      409,
      'UNSCORED',
    );
    const rated = (await entriesOf(county, plan26)).filter((e) => e.rated);
    expect(
      (
        await save(
          county,
          plan26,
          rated.map((e) => competent(e.workerId)),
        )
      ).statusCode,
    ).toBe(200);
    // A whole street 优秀: the save warns (over_cap), approval refuses naming the unit.
    const mine = rated.filter((e) => e.regionCode.startsWith('532822101'));
    const res = await save(
      street,
      plan26,
      mine.map((e) => ({
        workerId: e.workerId,
        politicalQuality: 95,
        workPerformance: 95,
        residentSatisfaction: 95,
        result: 'excellent',
      })),
    );
    expect(res.statusCode, res.body).toBe(200);
    const q = res.json().quotas.find((x: { unitCode: string }) => x.unitCode === '532822101000');
    expect(q).toMatchObject({
      rated: mine.length,
      excellent: mine.length,
      cap: Math.floor(mine.length * 0.2),
      status: 'over_cap',
    });
    const err = expectError(
      await county.request({ method: 'POST', url: `/api/assessment-plans/${plan26}/approve` }),
      409,
      'QUOTA_EXCEEDED',
    );
    expect(err.fields).toEqual([
      { field: 'quota.532822101000', message: expect.stringContaining(`现评优秀 ${mine.length} 人，超过上限`) },
    ]);
    // Back within the cap: only the demo worker 优秀.
    expect(
      (
        await save(
          street,
          plan26,
          mine.map((e) => competent(e.workerId)),
        )
      ).statusCode,
    ).toBe(200);
    const ok = await save(street, plan26, [
      { workerId: demoWorker, politicalQuality: 95, workPerformance: 95, residentSatisfaction: 95 },
    ]);
    expect(ok.json().quotas.find((x: { unitCode: string }) => x.unitCode === '532822101000').status).toBe('ok');
  });

  it('approve → consequences proposed → early step confirmed → the grade engine gives the early step from 2027', async () => {
    const gradeOn = async (date: string) =>
      (await county.request({ method: 'GET', url: `/api/workers/${demoWorker}/grade?date=${date}` })).json();
    const before = await gradeOn('2027-01-01');
    const res = await county.request({ method: 'POST', url: `/api/assessment-plans/${plan26}/approve` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().plan.status).toBe('approved');
    expect(res.json().byResult.excellent).toBe(1);
    const detail = (await county.request({ method: 'GET', url: `/api/assessment-plans/${plan26}` })).json();
    const mine = detail.consequences.filter((c: { workerId: number }) => c.workerId === demoWorker);
    expect(mine.map((c: { kind: string; status: string }) => [c.kind, c.status])).toEqual([
      ['early_step', 'proposed'],
      ['renewal', 'proposed'],
      ['reward', 'proposed'],
    ]);
    expect(mine[0].reason).toBe('2025–2026 年连续 2 年优秀，满 2 年提前晋升一级（由岗位等级计算执行，最多 2 次）');
    // Proposed only: the engine does not give it yet, and says why.
    const pending = await gradeOn('2027-01-01');
    const pendingStep = pending.steps.find((s: { rule: string }) => s.rule === 'earlySteps');
    expect(pendingStep.effect).toBe(0);
    expect(pendingStep.text).toContain('2026 年的提前晋升未经确认，不计');
    expect(pending.grade).toBe(before.grade);

    const dec = await county.request({
      method: 'POST',
      url: `/api/assessment-consequences/${mine[0].id}/decision`,
      payload: { decision: 'confirm', note: '经县委社会工作部会议研究' },
    });
    expect(dec.statusCode, dec.body).toBe(200);
    expect(dec.json().item).toMatchObject({
      status: 'confirmed',
      decidedBy: 'demo-county',
      note: '经县委社会工作部会议研究',
    });
    const after = await gradeOn('2027-01-01');
    const step = after.steps.find((s: { rule: string }) => s.rule === 'earlySteps');
    expect(step.effect).toBe(1);
    expect(step.text).toContain('2025–2026 年连续优秀 2 年（1 次）');
    expect(after.grade).toBe(Math.min(before.grade + 1, after.maxGrade));
    // Not before the result is known (from 1 January of the next year).
    expect((await gradeOn('2026-12-31')).steps.find((s: { rule: string }) => s.rule === 'earlySteps').effect).toBe(0);
    // Decided once only; audited.
    expectError(
      await county.request({
        method: 'POST',
        url: `/api/assessment-consequences/${mine[0].id}/decision`,
        payload: { decision: 'reject' },
      }),
      409,
      'CONSEQUENCE_DECIDED',
    );
    const audit = await t.db.query<{ action: string }>(
      `select action from audit_log where entity_type in ('assessment_plan', 'assessment_consequence') order by id desc limit 2`,
    );
    expect(audit.map((a) => a.action)).toEqual(['assessment.consequence.confirm', 'assessment.plan.approve']);
  });

  it('confirms every proposed consequence of a kind at once, inside the caller’s area only', async () => {
    const url = `/api/assessment-plans/${plan26}/consequences/decision`;
    expect(
      expectError(
        await county.request({ method: 'POST', url, payload: { kind: 'promotion', decision: 'confirm' } }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('kind');
    expectError(
      await street.request({ method: 'POST', url, payload: { kind: 'renewal', decision: 'confirm' } }),
      403,
      'FORBIDDEN',
    );
    const proposed = async () =>
      (
        (await county.request({ method: 'GET', url: `/api/assessment-plans/${plan26}` })).json().consequences as {
          kind: string;
          status: string;
        }[]
      ).filter((c) => c.kind === 'renewal' && c.status === 'proposed').length;
    const before = await proposed();
    expect(before).toBeGreaterThan(100);
    const res = await county.request({
      method: 'POST',
      url,
      payload: { kind: 'renewal', decision: 'confirm', note: '批量确认续聘' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'renewal', status: 'confirmed', decided: before });
    expect(await proposed()).toBe(0);
    expect(
      (await county.request({ method: 'POST', url, payload: { kind: 'renewal', decision: 'confirm' } })).json().decided,
    ).toBe(0);
    expectError(
      await county.request({
        method: 'POST',
        url: `/api/assessment-plans/${plan25}/consequences/decision`.replace(String(plan25), '999999'),
        payload: { kind: 'renewal', decision: 'confirm' },
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('locked results refuse changes (409) and change nothing', async () => {
    for (const id of [plan25, plan26]) {
      expectError(await save(county, id, [competent(demoWorker)]), 409, 'PLAN_LOCKED');
      expectError(
        await county.request({ method: 'POST', url: `/api/assessment-plans/${id}/approve` }),
        409,
        'PLAN_LOCKED',
      );
    }
    const row = (await entriesOf(county, plan26)).find((e) => e.workerId === demoWorker)!;
    expect(row.result).toBe('excellent');
  });

  it('容错纠错: only for 基本合格/不合格, once, with the reason; negative consequences waived', async () => {
    const detail = (await county.request({ method: 'GET', url: `/api/assessment-plans/${plan25}` })).json();
    const failed = detail.entries.find((e: Entry) => e.result === 'fail');
    const basic = detail.entries.find((e: Entry) => e.result === 'basic');
    expect(detail.faultTolerances.map((f: { workerId: number }) => f.workerId)).toEqual([failed.workerId]);
    expect(
      detail.consequences
        .filter((c: { workerId: number }) => c.workerId === failed.workerId)
        .map((c: { status: string }) => c.status),
    ).toEqual(['waived', 'waived', 'waived', 'waived']);
    expectError(
      await county.request({
        method: 'POST',
        url: `/api/assessment-plans/${plan25}/fault-tolerance`,
        payload: { workerId: failed.workerId, reason: '再次' },
      }),
      409,
      'FAULT_TOLERANCE_EXISTS',
    );
    const e = expectError(
      await county.request({
        method: 'POST',
        url: `/api/assessment-plans/${plan25}/fault-tolerance`,
        payload: { workerId: demoWorker, reason: '优秀' },
      }),
      400,
      'VALIDATION',
    );
    expect(e.fields).toEqual([{ field: 'workerId', message: '只有“基本合格”或“不合格”的结果可作容错纠错认定' }]);
    expect(
      expectError(
        await county.request({
          method: 'POST',
          url: `/api/assessment-plans/${plan25}/fault-tolerance`,
          payload: { workerId: basic.workerId, reason: '' },
        }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('reason');
    const ok = await county.request({
      method: 'POST',
      url: `/api/assessment-plans/${plan25}/fault-tolerance`,
      payload: { workerId: basic.workerId, reason: '承担疫情防控专班任务' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      workerId: basic.workerId,
      year: 2025,
      reason: '承担疫情防控专班任务',
      waived: [],
    });
    // The grade engine sees it: the tolerated 不合格 year counts.
    const g = (
      await county.request({ method: 'GET', url: `/api/workers/${failed.workerId}/grade?date=2026-06-01` })
    ).json();
    expect(g.steps[1].input.toleratedYears).toEqual([2025]);
    expect(g.steps[1].input.failedYears).toEqual([]);
  });

  it('a worker’s assessment history: each year’s result, scores, steps, consequences and 容错纠错, as the plans hold them', async () => {
    // The worker with the tolerated 不合格 of 2025 (see above) and the demo worker.
    const failed = (
      await t.db.query<{ worker_id: number }>(
        'select worker_id from assessment_fault_tolerance where plan_id = $1 order by id limit 1',
        [plan25],
      )
    )[0].worker_id;
    const read = (c: Client, id: number) => c.request({ method: 'GET', url: `/api/workers/${id}/assessments` });
    const res = await read(county, failed);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['items', 'workerId']);
    const years = await t.db.query<{
      year: number;
      status: string;
      result: string | null;
      label: string | null;
      consequences: number;
    }>(
      `select p.year, p.status, e.result, p.rules -> 'labels' ->> e.result as label,
         (select count(*)::int from assessment_consequence c where c.plan_id = p.id and c.worker_id = e.worker_id) as consequences
       from assessment_entry e join assessment_plan p on p.id = e.plan_id where e.worker_id = $1 order by p.year desc`,
      [failed],
    );
    expect(years.length).toBeGreaterThan(0);
    expect(
      body.items.map((i: { year: number; approved: boolean; result: string | null; resultLabel: string | null }) => [
        i.year,
        i.approved,
        i.result,
        i.resultLabel,
      ]),
    ).toEqual(years.map((y) => [y.year, y.status === 'approved', y.result, y.label]));
    expect(body.items.map((i: { consequences: unknown[] }) => i.consequences.length)).toEqual(
      years.map((y) => y.consequences),
    );
    const y25 = body.items.find((i: { year: number }) => i.year === 2025);
    expect(Object.keys(y25).sort()).toEqual(
      [
        'approved',
        'approvedAt',
        'consequences',
        'faultTolerance',
        'planId',
        'planTitle',
        'rated',
        'resultLabel',
        'result',
        'scores',
        'steps',
        'total',
        'unratedReason',
        'year',
      ].sort(),
    );
    expect(y25).toMatchObject({ result: 'fail', approved: true, faultTolerance: { reason: expect.any(String) } });
    expect(y25.steps.length).toBeGreaterThan(0);
    expect(new Set(y25.consequences.map((c: { status: string }) => c.status))).toEqual(new Set(['waived']));
    // The worker reads their own approved years only; nobody else's.
    const me = await t.login('demo-worker');
    const mine = await read(me, demoWorker);
    expect(mine.statusCode, mine.body).toBe(200);
    const approvedOnly = await t.db.query<{ year: number }>(
      `select p.year from assessment_entry e join assessment_plan p on p.id = e.plan_id where e.worker_id = $1 and p.status = 'approved' order by p.year desc`,
      [demoWorker],
    );
    expect(mine.json().items.map((i: { year: number }) => i.year)).toEqual(approvedOnly.map((y) => y.year));
    expectError(await read(me, failed), 404, 'NOT_FOUND');
    // 401 without a session, 404 outside the caller’s subtree, 400 for a bad id.
    expectError(
      await t.app.inject({ method: 'GET', url: `/api/workers/${failed}/assessments` }),
      401,
      'UNAUTHENTICATED',
    );
    const outside = (
      await t.db.query<{ id: number }>(`select id from worker where region_code like '532801%' order by id limit 1`)
    )[0].id;
    expectError(await read(county, outside), 404, 'NOT_FOUND');
    expect(
      expectError(await county.request({ method: 'GET', url: '/api/workers/abc/assessments' }), 400, 'VALIDATION')
        .fields[0].field,
    ).toBe('id');
  });
});
