/**
 * The pay figures' cache (src/services/pay-cache.ts, 013_worker_rev.sql, 017_county_stats.sql) on both
 * engines: after each kind of write a worker's pay can depend on — a qualification, a position, the
 * worker row, an approved assessment result, an exit, a transfer, a policy change — the cached pays equal
 * a fresh, uncached computation of every worker, only the written workers were recomputed, and only the
 * written workers' communities had their workers' versions read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { resolvePolicy } from '../../src/policy/resolve.js';
import { DEMO_COUNTY } from '../../src/seed/demo.js';
import { gradeAndPayOf, subjectPages } from '../../src/services/grade.service.js';
import { payCacheComputed, payCacheSize, payCacheVersionsRead, payOfSubtree } from '../../src/services/pay-cache.js';
import { documentsFor } from '../../src/services/policy.service.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';

const TODAY = new Date('2026-11-28T04:00:00Z');
const DATE = '2026-11-28';
const STREET = '532822101000'; // 勐海镇
const LO = '532822101000';
const HI = '532822101999';

describe.each(ENGINES)('pay cache (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    county = await t.login('demo-county');
  });
  afterAll(() => t.close());

  const policyNow = async () =>
    resolvePolicy((await documentsFor(t.db, DEMO_COUNTY)).documents, DEMO_COUNTY, DATE).policy;

  /** Every serving worker of the street computed afresh, without the cache: id → fen or the problem. */
  async function fresh(): Promise<Map<number, number | string>> {
    const policy = await policyNow();
    const out = new Map<number, number | string>();
    for await (const page of subjectPages(t.db, STREET.slice(0, 9))) {
      for (const s of page) {
        try {
          out.set(s.worker.id, gradeAndPayOf(s, DATE, policy).pay.monthlyFen);
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          out.set(s.worker.id, e.message);
        }
      }
    }
    return out;
  }
  const cached = async () =>
    new Map((await payOfSubtree(t.db, LO, HI, DATE, await policyNow())).map((w) => [w.id, w.monthlyFen ?? w.problem!]));

  /** Serving workers of the given communities (the versions a changed community re-reads). */
  const servingIn = async (ids: number[]) =>
    (
      await t.db.query<{ n: number }>(
        `select count(*)::int as n from worker where status <> 'exited' and region_code in (select region_code from worker where id = any($1::bigint[]))`,
        [ids],
      )
    )[0].n;

  /**
   * The cached answer equals a fresh computation and recomputed `recomputed` workers (when given), having
   * read the versions of `read` workers (when given: the serving workers of the written communities); returns it.
   */
  async function check(recomputed?: number, read?: number): Promise<Map<number, number | string>> {
    const before = payCacheComputed(t.db);
    const readBefore = payCacheVersionsRead(t.db);
    const got = await cached();
    if (recomputed !== undefined) expect(payCacheComputed(t.db) - before).toBe(recomputed);
    if (read !== undefined) expect(payCacheVersionsRead(t.db) - readBefore).toBe(read);
    // Every region code holding a worker has its revision row (the reader lists a subtree's workers by them).
    expect(
      await t.db.query(
        `select distinct region_code from worker where region_code not in (select region_code from worker_region_rev)`,
      ),
    ).toEqual([]);
    const want = await fresh();
    expect([...got].sort((a, b) => a[0] - b[0])).toEqual([...want].sort((a, b) => a[0] - b[0]));
    return got;
  }
  const ok = (res: { statusCode: number; body: string }) => expect(res.statusCode, res.body).toBe(200);

  it('matches a fresh computation after each kind of write, recomputing only what changed', async () => {
    const first = await check();
    expect(first.size).toBeGreaterThan(20);
    expect(payCacheSize(t.db)).toBe(first.size);
    await check(0, 0); // unchanged: nothing recomputed, no worker's version read
    const ids = [...first.keys()];
    const numeric = ids.filter((id) => typeof first.get(id) === 'number');

    // A senior qualification obtained last year: the worker's grade and pay rise.
    const a = numeric[0];
    ok(
      await county.request({
        method: 'POST',
        url: `/api/workers/${a}/qualifications`,
        payload: { level: 'senior', certificateNo: 'GJ-2025-001', obtainedOn: '2025-06-01' },
      }),
    );
    const afterQual = await check(1, await servingIn([a]));
    expect(afterQual.get(a)).not.toBe(first.get(a));
    for (const id of ids) if (id !== a) expect({ id, fen: afterQual.get(id) }).toEqual({ id, fen: first.get(id) });

    // The worker row itself (education counts as years of community work).
    const b = numeric[1];
    ok(await county.request({ method: 'PATCH', url: `/api/workers/${b}`, payload: { education: 'doctorate' } }));
    await check(1, await servingIn([b]));

    // A position change (the category's grade range and pay standard follow the position).
    const c = numeric[2];
    ok(
      await county.request({
        method: 'POST',
        url: `/api/workers/${c}/positions`,
        payload: { position: 'deputySecretary', startDate: '2026-10-01' },
      }),
    );
    await check(1);

    // An approved assessment result turned to 不合格 (failed years are not counted), written directly.
    const [entry] = await t.db.query<{ worker_id: number }>(
      `select e.worker_id from assessment_entry e join assessment_plan p on p.id = e.plan_id
       where p.status = 'approved' and e.rated and e.region_code between $1 and $2 order by e.worker_id limit 1`,
      [LO, HI],
    );
    expect(entry).toBeDefined();
    await t.db.query(`update assessment_entry set result = 'fail' where worker_id = $1`, [entry.worker_id]);
    await check(1, await servingIn([entry.worker_id]));
    // A plan's status decides whether its results count.
    await t.db.query(`update assessment_plan set status = 'open', approved_at = null where status = 'approved'`);
    await check();
    await t.db.query(
      `update assessment_plan set status = 'approved', approved_at = now() where status = 'open' and year < 2026`,
    );
    await check();

    // An exit: the worker leaves the list.
    const d = numeric[3];
    ok(
      await county.request({
        method: 'POST',
        url: `/api/workers/${d}/exit`,
        payload: { type: 'resignation', date: DATE, reason: '个人原因' },
      }),
    );
    const afterExit = await check();
    expect(afterExit.has(d)).toBe(false);

    // A transfer to another community of the street: both communities re-read, the worker recomputed.
    const e = numeric[4];
    const [{ code: from }] = await t.db.query<{ code: string }>(
      'select region_code as code from worker where id = $1',
      [e],
    );
    const [{ code: to }] = await t.db.query<{ code: string }>(
      `select code from region where level = 'community' and code between $1 and $2 and code <> $3 order by code limit 1`,
      [LO, HI, from],
    );
    const movedBefore = payCacheComputed(t.db);
    ok(
      await county.request({
        method: 'POST',
        url: `/api/workers/${e}/transfer`,
        payload: { regionCode: to, date: DATE, reason: '统筹调配' },
      }),
    );
    const afterMove = await check();
    expect(payCacheComputed(t.db) - movedBefore).toBeGreaterThanOrEqual(1);
    expect(afterMove.has(e)).toBe(true);
    const listed = (await payOfSubtree(t.db, to, to, DATE, await policyNow())).map((w) => w.id);
    expect(listed).toContain(e);
    expect((await payOfSubtree(t.db, from, from, DATE, await policyNow())).map((w) => w.id)).not.toContain(e);

    // The same date under another policy (its hash differs): every worker re-read and recomputed, though no revision moved.
    const policy = await policyNow();
    const other = { ...policy, pay: { ...policy.pay!, averageWageFen: policy.pay!.averageWageFen + 100 } };
    const [computed, read] = [payCacheComputed(t.db), payCacheVersionsRead(t.db)];
    const underOther = await payOfSubtree(t.db, LO, HI, DATE, other);
    expect(payCacheComputed(t.db) - computed).toBe(underOther.length);
    expect(payCacheVersionsRead(t.db) - read).toBe(underOther.length);
    expect(underOther.map((w) => w.id).sort((a, b) => a - b)).toEqual([...afterMove.keys()].sort((a, b) => a - b));
    await check(undefined, undefined); // back under the policy in force: equal to a fresh computation

    // A different date recomputes everyone (years of service grow with the date).
    const later = await payOfSubtree(t.db, LO, HI, '2027-12-31', await policyNow());
    expect(later.length).toBe(afterExit.size);
  });
});
