/**
 * No lost updates beyond the worker record: the other editable records (users, regions, population,
 * applicants) and the decisions and one-per-thing records (subsidy, filing, reserve, care, exit request,
 * contract, term, assessment plan, year-end snapshot) under concurrent requests. Each edited record's
 * audit entries replay (every `before` is the previous `after`); a decision or a one-per-thing record is
 * taken once, the others refused with its own 409 (or 400), never a 500; a stale version is a 409.
 * On PostgreSQL the requests really run at once; on PGlite they interleave at every await.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { createUser, expectError } from '../helpers/http.js';

const TODAY = new Date('2026-11-28T04:00:00Z');
const COUNTY = '532822000000';
const COMMUNITY = '532822101001'; // 沿河社区居民委员会
const OTHER_COMMUNITY = '532822101003';

type Json = Record<string, unknown>;
type Res = LightMyRequestResponse;

describe.each(ENGINES)('concurrent writes to records (%s)', (engine) => {
  let t: TestApp;
  let admin: Client;
  let county: Client;
  let street: Client;
  let org: Client;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    [admin, county, street, org] = await Promise.all([
      t.login('demo-admin'),
      t.login('demo-county'),
      t.login('demo-street'),
      t.login('demo-county-org'),
    ]);
  });
  afterAll(() => t.close());

  const post = (c: Client, url: string, payload: Json = {}, headers: Record<string, string> = {}) =>
    c.request({ method: 'POST', url, payload, headers });
  const patch = (c: Client, url: string, payload: Json, headers: Record<string, string> = {}) =>
    c.request({ method: 'PATCH', url, payload, headers });
  const all = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));
  /** The entries of one entity in id order; each `before` must be the previous `after`. */
  const replay = async (entityType: string, entityId: string, actions: string[]) => {
    const entries = await t.db.query<{ id: number; action: string; before: unknown; after: unknown }>(
      `select id, action, before, after from audit_log where entity_type = $1 and entity_id = $2 and action = any($3::text[]) order by id`,
      [entityType, entityId, actions],
    );
    for (let i = 1; i < entries.length; i++)
      expect({ entry: entries[i].id, before: entries[i].before }).toEqual({
        entry: entries[i].id,
        before: entries[i - 1].after,
      });
    return entries;
  };
  /** Exactly one request succeeded; the others were refused with `status`/`code`. */
  const once = (results: Res[], status: number, code: string) => {
    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok.length, results.map((r) => `${r.statusCode} ${r.body.slice(0, 120)}`).join('\n')).toBe(1);
    for (const r of results.filter((x) => x.statusCode !== 200)) expectError(r, status, code);
    return ok[0].json();
  };
  const newWorker = async (position = 'staff') => {
    seq++;
    const res = await post(county, '/api/workers', {
      name: '并发记录',
      idNumber: makeIdNumber(
        '532822',
        `1989-07-${String(1 + Math.floor(seq / 400)).padStart(2, '0')}`,
        600 + (seq % 400),
      ),
      category: position === 'staff' ? 'staff' : 'committee',
      position,
      regionCode: COMMUNITY,
      startDate: '2016-03-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().worker.id as number;
  };

  describe('edited records: the chain replays and a stale version is refused', () => {
    it('users: 20 concurrent renames', async () => {
      const id = await createUser(admin, { username: 'conc-user', role: 'street', regionCode: '532822101000' });
      const results = await all(20, (i) => patch(county, `/api/users/${id}`, { displayName: `并发用户${i}` }));
      expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200));
      const entries = await replay('user', String(id), ['user.create', 'user.update']);
      expect(entries).toHaveLength(21);

      const listed = (await county.request({ method: 'GET', url: '/api/users?q=conc-user' })).json().items[0];
      expect(listed.version).toMatch(/^\d+$/);
      const ok = await patch(county, `/api/users/${id}`, { displayName: '当前', version: listed.version });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.headers.etag).toBe(`"${ok.json().user.version}"`);
      const stale = await patch(
        county,
        `/api/users/${id}`,
        { displayName: '过期' },
        { 'if-match': `"${listed.version}"` },
      );
      expectError(stale, 409, 'STALE_VERSION');
      expect((await t.db.query('select display_name from app_user where id = $1', [id]))[0]).toEqual({
        display_name: '当前',
      });
    });

    it('regions: 20 concurrent edits of name and urban-rural class', async () => {
      const results = await all(20, (i) =>
        patch(
          county,
          `/api/regions/${OTHER_COMMUNITY}`,
          i % 2 ? { name: `并发社区${i}` } : { urbanRuralClass: i % 4 ? '111' : '112' },
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200));
      expect(await replay('region', OTHER_COMMUNITY, ['region.update'])).toHaveLength(20);

      const read = (await county.request({ method: 'GET', url: `/api/regions/${OTHER_COMMUNITY}` })).json();
      const v = read.region.version as string;
      expect((await patch(county, `/api/regions/${OTHER_COMMUNITY}`, { name: '甲社区', version: v })).statusCode).toBe(
        200,
      );
      expectError(
        await patch(county, `/api/regions/${OTHER_COMMUNITY}`, { name: '乙社区', version: v }),
        409,
        'STALE_VERSION',
      );
      expect((await t.db.query('select name from region where code = $1', [OTHER_COMMUNITY]))[0]).toEqual({
        name: '甲社区',
      });
    });

    it('population: 20 concurrent settings of one year', async () => {
      const results = await all(20, (i) =>
        county.request({
          method: 'PUT',
          url: `/api/regions/${OTHER_COMMUNITY}/population/2028`,
          payload: { urbanResidentPopulation: 4000 + i },
        }),
      );
      expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200));
      const entries = await replay('region_population', `${OTHER_COMMUNITY}/2028`, ['population.set']);
      expect(entries).toHaveLength(20);
      const stored = await t.db.query<{ n: number }>(
        'select urban_resident_population as n from region_population where region_code = $1 and year = 2028',
        [OTHER_COMMUNITY],
      );
      expect(stored[0].n).toBe((entries[19].after as { urbanResidentPopulation: number }).urbanResidentPopulation);
    });

    it('applicants: written and interview scores entered at once are both kept', async () => {
      const plan = await post(county, '/api/recruitment/plans', {
        regionCode: COUNTY,
        title: '并发录入成绩',
        referenceDate: '2026-12-01',
        maxAge: 35,
        minEducation: 'associate',
        residenceRegion: COUNTY,
        writtenPercent: 40,
        bonus: { graduate: 2, veteran: 3, socialWork: 2, gridWorker: 5 },
        posts: [{ regionCode: COMMUNITY, posts: 1 }],
      });
      expect(plan.statusCode, plan.body).toBe(200);
      const planId = plan.json().plan.id as number;
      const added = await post(county, `/api/recruitment/plans/${planId}/applicants`, {
        name: '报名',
        idNumber: makeIdNumber('532822', '1998-02-02', 612),
        education: 'bachelor',
      });
      expect(added.statusCode, added.body).toBe(200);
      const id = (
        await t.db.query<{ id: number }>('select id from recruitment_applicant where plan_id = $1', [planId])
      )[0].id;
      const results = await all(20, (i) =>
        patch(
          county,
          `/api/recruitment/applicants/${id}`,
          i % 2 ? { writtenScore: 60 + i } : { interviewScore: 60 + i },
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200));
      const entries = await replay('recruitment_applicant', String(id), ['recruitment.applicant.update']);
      expect(entries).toHaveLength(20);
      const last = entries[19].after as { writtenScore: number; interviewScore: number };
      const row = (
        await t.db.query<{ w: number; i: number }>(
          'select written_score as w, interview_score as i from recruitment_applicant where id = $1',
          [id],
        )
      )[0];
      expect(row).toEqual({ w: last.writtenScore, i: last.interviewScore });
      expect(row.w).not.toBeNull();
      expect(row.i).not.toBeNull();

      const view = (
        await county.request({ method: 'GET', url: `/api/recruitment/plans/${planId}` })
      ).json() as unknown as {
        posts: { applicants: { id: number; version: string }[] }[];
      };
      const v = view.posts[0].applicants.find((a) => a.id === id)!.version;
      expect(
        (await patch(county, `/api/recruitment/applicants/${id}`, { writtenScore: 90, version: v })).statusCode,
      ).toBe(200);
      expectError(
        await patch(county, `/api/recruitment/applicants/${id}`, { writtenScore: 10, version: v }),
        409,
        'STALE_VERSION',
      );
    });
  });

  describe('decisions are taken once', () => {
    it('a subsidy', async () => {
      const w = await newWorker();
      const r = await post(street, `/api/workers/${w}/subsidies`, {
        kind: 'disaster',
        reason: '防汛',
        amountFen: 50000,
      });
      expect(r.statusCode, r.body).toBe(200);
      const id = r.json().id;
      once(
        await all(5, (i) =>
          post(
            county,
            `/api/subsidies/${id}/decide`,
            i % 2 ? { result: 'approved' } : { result: 'rejected', note: '否' },
          ),
        ),
        409,
        'SUBSIDY_DECIDED',
      );
      expect(
        await t.db.query(`select 1 from audit_log where action = 'subsidy.decide' and entity_id = $1`, [String(id)]),
      ).toHaveLength(1);
    });

    it('a secretary filing: submitted once, reviewed once', async () => {
      const w = await newWorker('secretaryDirector');
      const submitted = once(
        await all(5, () => post(street, `/api/workers/${w}/filing`, { date: '2026-11-02' })),
        409,
        'FILING_EXISTS',
      );
      once(
        await all(5, (i) =>
          post(
            org,
            `/api/secretaries/filings/${submitted.id}/review`,
            i % 2
              ? { result: 'filed', date: '2026-11-03' }
              : { result: 'returned', date: '2026-11-03', reason: '补材料' },
          ),
        ),
        409,
        'FILING_REVIEWED',
      );
    });

    it('a reserve nomination: nominated once, decided once', async () => {
      const w = await newWorker();
      const nominated = once(
        await all(5, () => post(street, `/api/workers/${w}/reserve`, { date: '2026-11-02', reason: '表现突出' })),
        409,
        'ALREADY_IN_RESERVE',
      );
      once(
        await all(5, () =>
          post(org, `/api/secretaries/reserve/${nominated.id}/decide`, { status: 'selected', date: '2026-11-03' }),
        ),
        409,
        'RESERVE_DECIDED',
      );
    });

    it('a difficulty resolved once', async () => {
      const w = await newWorker();
      const c = await post(county, `/api/workers/${w}/care`, {
        kind: 'difficulty',
        title: '子女入学',
        doneOn: '2026-11-10',
      });
      expect(c.statusCode, c.body).toBe(200);
      once(
        await all(5, (i) =>
          patch(county, `/api/care/${c.json().id}`, { response: `已协调${i}`, resolvedOn: '2026-11-20' }),
        ),
        409,
        'CARE_CLOSED',
      );
      await replay('care_record', String(c.json().id), ['care.update']);
    });

    it('an exit request proposed once', async () => {
      const w = await newWorker();
      once(
        await all(5, () =>
          post(street, `/api/workers/${w}/exit-requests`, {
            type: 'resignation',
            date: '2026-11-20',
            reason: '个人原因辞职',
            documents: [{ kind: 'resignationLetter', title: '辞职申请书', date: '2026-11-10' }],
          }),
        ),
        409,
        'EXIT_REQUEST_OPEN',
      );
    });

    it('a first contract signed once', async () => {
      const w = await newWorker();
      const results = await all(5, () =>
        post(street, `/api/workers/${w}/contracts`, {
          startDate: '2026-01-01',
          endDate: '2028-12-31',
          socialInsurance: true,
          housingFund: true,
        }),
      );
      once(results, 400, 'VALIDATION');
      expect(await t.db.query('select 1 from labour_contract where worker_id = $1', [w])).toHaveLength(1);
    });

    it('a term registered once, a member added once', async () => {
      const term = once(
        await all(5, () =>
          post(street, '/api/terms', { regionCode: OTHER_COMMUNITY, termNumber: 12, electedOn: '2026-03-15' }),
        ),
        409,
        'TERM_EXISTS',
      );
      const w = await newWorker();
      await t.db.query('update worker set region_code = $2 where id = $1', [w, OTHER_COMMUNITY]);
      await t.db.query('update worker_period set region_code = $2 where worker_id = $1', [w, OTHER_COMMUNITY]);
      once(
        await all(5, () => post(street, `/api/terms/${term.id}/members`, { workerId: w, position: 'member' })),
        409,
        'TERM_MEMBER_EXISTS',
      );
    });

    it('an assessment plan issued once per county and year', async () => {
      once(
        await all(3, () => post(county, '/api/assessment-plans', { regionCode: COUNTY, year: 2027 })),
        409,
        'PLAN_EXISTS',
      );
    });
  });
});
