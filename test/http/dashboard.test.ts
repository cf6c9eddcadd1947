/**
 * 工作台 (GET /api/dashboard) on both engines: each role's page, every figure checked against its
 * own list page or a plain count of the same rows, scope (403 outside the subtree, a worker only
 * themself), 400 with the field named, and the response shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COUNTY } from '../../src/seed/demo.js';
import { trainingComplianceSummaryEvaluated } from '../../src/services/training.service.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const JINGHONG = '532801000000';
const CITY = '532800000000';
const STREET = '532822101000'; // 勐海镇
const COMMUNITY = '532822101001'; // 沿河社区
const TODAY = new Date('2026-11-28T04:00:00Z');

interface Staffing {
  code: string;
  name: string;
  level: string;
  quota: number;
  headcount: number;
  gap: number;
  status: string;
}
interface Tile {
  key: string;
  label: string;
  value: number | null;
  unit: string;
  rule: string;
  link: string;
  tone: string;
}
interface Dashboard {
  kind: string;
  role: string;
  region: { code: string; name: string; level: string } | null;
  staffing: (Staffing & { year: number; rule: string; link: string }) | null;
  children: Staffing[];
  mostShort: Staffing[];
  tiles: Tile[];
  worker: null | {
    workerId: number;
    name: string;
    grade: { grade: number } | null;
    pay: { monthlyFen: number } | null;
    training: { status: string; rule: string } | null;
    contract: { state: string } | null;
    probation: unknown;
    retirement: { date: string } | null;
  };
  recent: { action: string }[];
}

describe.each(ENGINES)('dashboard (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    county = await t.login('demo-county');
  });
  afterAll(() => t.close());

  const get = async (c: Client, query = ''): Promise<Dashboard> => {
    const res = await c.request({ method: 'GET', url: `/api/dashboard${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const json = async (c: Client, url: string) => {
    const res = await c.request({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const tile = (d: Dashboard, key: string) => {
    const x = d.tiles.find((i) => i.key === key);
    expect(x, `tile ${key}`).toBeTruthy();
    return x!;
  };
  const serving = async (prefix: string) =>
    (
      await t.db.query<{ n: number }>(
        `select count(*)::int as n from worker where region_code like $1 || '%' and status <> 'exited'`,
        [prefix],
      )
    )[0].n;

  it('401 without a session, 403 outside the subtree or for a worker asking about a region, 400 with the field named', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/dashboard' }), 401, 'UNAUTHENTICATED');
    expectError(await county.request({ method: 'GET', url: `/api/dashboard?region=${JINGHONG}` }), 403, 'OUT_OF_SCOPE');
    const street = await t.login('demo-street');
    expectError(
      await street.request({ method: 'GET', url: `/api/dashboard?region=${DEMO_COUNTY}` }),
      403,
      'OUT_OF_SCOPE',
    );
    const worker = await t.login('demo-worker');
    expectError(await worker.request({ method: 'GET', url: `/api/dashboard?region=${STREET}` }), 403, 'FORBIDDEN');
    const bad = await county.request({ method: 'GET', url: '/api/dashboard?region=12345' });
    expect(expectError(bad, 400, 'VALIDATION').fields.map((f) => f.field)).toEqual(['region']);
    const extra = await county.request({ method: 'GET', url: '/api/dashboard?year=2026' });
    expectError(extra, 400, 'VALIDATION');
  });

  it('county: 勐海县 short by its quota minus a plain count of its serving workers, the communities most short, each due list equal to its page', async () => {
    const d = await get(county);
    expect(d.kind).toBe('office');
    expect(d.region).toEqual({ code: DEMO_COUNTY, name: '勐海县', level: 'county' });
    const s = d.staffing!;
    expect(s.headcount).toBe(await serving('532822'));
    expect(s.gap).toBe(s.quota - s.headcount);
    expect(s.gap).toBe(23);
    expect(s.status).toBe('short');
    expect(s.link).toBe(`/staffing/${DEMO_COUNTY}`);
    expect(s.rule).toContain('缺口 = 职数 − 实有');
    // The staffing page gives the same figures.
    const page = await json(county, `/api/regions/${DEMO_COUNTY}/staffing`);
    expect({ quota: page.quota, headcount: page.headcount, gap: page.gap }).toEqual({
      quota: s.quota,
      headcount: s.headcount,
      gap: s.gap,
    });
    expect(d.children.map((c) => c.code)).toEqual(page.children.map((c: { code: string }) => c.code));

    // The communities most short: communities of the county, gap > 0, largest first, at most 8.
    expect(d.mostShort.length).toBeGreaterThan(0);
    expect(d.mostShort.length).toBeLessThanOrEqual(8);
    for (const c of d.mostShort) {
      expect(c.level).toBe('community');
      expect(c.code.startsWith('532822')).toBe(true);
      expect(c.gap).toBe(c.quota - c.headcount);
      expect(c.gap).toBeGreaterThan(0);
      expect(c.headcount).toBe(await serving(c.code));
    }
    for (let i = 1; i < d.mostShort.length; i++)
      expect(d.mostShort[i - 1].gap).toBeGreaterThanOrEqual(d.mostShort[i].gap);

    // Every tile explains itself and links to a page.
    for (const x of d.tiles) {
      expect(x.rule.length, x.key).toBeGreaterThan(5);
      expect(x.link.startsWith('/'), x.key).toBe(true);
    }
    // Training: the per-worker rule evaluated in JS (the reference the SQL counts are checked against).
    const ref = await trainingComplianceSummaryEvaluated(t.db, DEMO_COUNTY, '2026-11-28');
    expect(tile(d, 'trainingOverdue').value).toBe(ref.overdue);
    expect(tile(d, 'trainingDueSoon').value).toBe(ref.dueSoon);
    expect(tile(d, 'trainingOverdue').link).toBe(`/training/compliance/${DEMO_COUNTY}?status=overdue`);
    const probation = await json(county, '/api/lifecycle/probation');
    expect(tile(d, 'probation').value).toBe(probation.counts.overdue + probation.counts.dueSoon);
    const contracts = await json(county, '/api/lifecycle/contracts/due');
    expect(tile(d, 'contracts').value).toBe(contracts.counts.expired + contracts.counts.dueSoon);
    const retirements = await json(county, '/api/lifecycle/retirements');
    expect(tile(d, 'retirements').value).toBe(retirements.items.length);
    const filings = await json(county, '/api/secretaries/filings');
    expect(tile(d, 'unfiled').value).toBe(filings.counts.unfiled + filings.counts.returned);
    // Secretaries without a filing, counted plainly: serving secretaries (含一肩挑) minus those filed or submitted.
    const [{ n: secretaries }] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from worker where region_code like '532822%' and status <> 'exited' and position in ('secretary', 'secretaryDirector')`,
    );
    expect(filings.counts.secretaries).toBe(secretaries);
    // The open assessment plan (demo: 2026 open): scored out of entered.
    const a = tile(d, 'assessment');
    expect(a.label).toContain('2026');
    const [{ n: unscored }] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from assessment_entry e join assessment_plan p on p.id = e.plan_id
       where p.year = 2026 and p.region_code = $1 and e.region_code like '532822%' and e.rated and e.result is null`,
      [DEMO_COUNTY],
    );
    expect(a.value).toBe(unscored);
    const subsidies = await json(county, '/api/subsidies');
    expect(tile(d, 'subsidies').value).toBe(
      subsidies.items.filter((s: { status: string }) => s.status === 'pending').length,
    );
  });

  it('street and community: the same figures scoped to them', async () => {
    const street = await t.login('demo-street');
    const d = await get(street);
    expect(d.region?.code).toBe(STREET);
    expect(d.staffing!.headcount).toBe(await serving('532822101'));
    for (const c of d.mostShort) expect(c.code.startsWith('532822101')).toBe(true);
    const ref = await trainingComplianceSummaryEvaluated(t.db, STREET, '2026-11-28');
    expect(tile(d, 'trainingOverdue').value).toBe(ref.overdue);
    expect(d.tiles.some((x) => x.key === 'subsidies')).toBe(false); // approval is the county's
    // The county may open a street's dashboard inside its subtree.
    const asCounty = await get(county, `?region=${STREET}`);
    expect(asCounty.staffing!.headcount).toBe(d.staffing!.headcount);

    const community = await t.login('demo-community');
    const c = await get(community);
    expect(c.region?.code).toBe(COMMUNITY);
    expect(c.staffing!.headcount).toBe(await serving(COMMUNITY));
    expect(c.children).toEqual([]);
    expect(c.mostShort).toEqual([]);
    const cref = await trainingComplianceSummaryEvaluated(t.db, COMMUNITY, '2026-11-28');
    expect(tile(c, 'trainingOverdue').value).toBe(cref.overdue);
  });

  it('city: each county’s staffing, summing to the city’s headcount', async () => {
    const city = await t.login('demo-city');
    const d = await get(city);
    expect(d.kind).toBe('overview');
    expect(d.region?.code).toBe(CITY);
    expect(d.children.map((c) => c.name)).toEqual(expect.arrayContaining(['景洪市', '勐海县', '勐腊县']));
    expect(d.children.reduce((a, c) => a + c.headcount, 0)).toBe(d.staffing!.headcount);
    expect(d.staffing!.headcount).toBe(await serving('5328'));
    expect(d.children.find((c) => c.code === DEMO_COUNTY)!.gap).toBe(23);
    expect(tile(d, 'shortChildren').value).toBe(d.children.filter((c) => c.status === 'short').length);
    expect(d.tiles.some((x) => x.key === 'trainingOverdue')).toBe(false);
  });

  it('worker: their own record, grade and pay as on their pay page, training and contract', async () => {
    const worker = await t.login('demo-worker');
    const d = await get(worker);
    expect(d.kind).toBe('worker');
    expect(d.region).toBeNull();
    expect(d.tiles).toEqual([]);
    const [own] = await t.db.query<{ id: number; name: string }>(
      'select w.id, w.name from worker w join app_user u on u.id = w.user_id where u.username = $1',
      ['demo-worker'],
    );
    const w = d.worker!;
    expect(w.workerId).toBe(Number(own.id));
    expect(w.name).toBe(own.name);
    const pay = await json(worker, `/api/workers/${own.id}/pay`);
    expect(w.pay!.monthlyFen).toBe(pay.monthlyFen);
    expect(w.grade!.grade).toBe(pay.grade);
    expect(w.training!.rule.length).toBeGreaterThan(5);
    expect(w.contract).not.toBeNull();
    expect(w.retirement!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('sysadmin: users and the latest audit entries', async () => {
    const admin = await t.login('demo-admin');
    const d = await get(admin);
    expect(d.kind).toBe('admin');
    const [{ n: users }] = await t.db.query<{ n: number }>('select count(*)::int as n from app_user');
    expect(tile(d, 'users').value).toBe(users);
    const [{ n: entries }] = await t.db.query<{ n: number }>('select count(*)::int as n from audit_log');
    expect(tile(d, 'audit').value).toBe(entries);
    expect(d.recent[0].action).toBe('auth.login');
  });
});
