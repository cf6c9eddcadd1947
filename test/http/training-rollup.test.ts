/**
 * The training roll-up (014_training_rollup.sql, streets since 017_county_stats.sql,
 * src/services/training-rollup.ts) on both engines: the counts per child region of the county (per
 * street), the city, the province and the nation equal `trainingComplianceByChild`
 * (the per-worker reference) on the days at the window edges, after every kind of write that can move
 * them; the trigger-kept table equals its rebuild; the city's figure set shows the section.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { DEMO_COUNTY } from '../../src/seed/demo.js';
import { type ComplianceCounts, trainingComplianceByChild } from '../../src/services/training.service.js';
import { rolledUpComplianceByChild } from '../../src/services/training-rollup.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { TRAINING_PROGRAM } from '../helpers/route-table.js';

const CITY = '532800000000';
const PROVINCE = '530000000000';
const NATION = '000000000000';
const COMMUNITY = '532822101001'; // 沿河社区, 勐海县
const TODAY = new Date('2026-11-28T04:00:00Z');
const TODAY_ISO = '2026-11-28';
/** Today, the edges of the yearly and the 3-year window 2024–2026, and the dueSoon horizon (90 days before 2026-12-31 is 2026-10-02). */
const DAYS = [
  TODAY_ISO,
  '2026-10-01',
  '2026-10-02',
  '2026-12-31',
  '2027-01-01',
  '2027-10-02',
  '2026-01-01',
  '2025-12-31',
];
/** After a write: inside dueSoon (today), outside it, the last day of the window, the first day of the next. */
const WRITE_DAYS = [TODAY_ISO, '2026-10-01', '2026-12-31', '2027-01-01'];
const REGIONS: [string, number][] = [
  [DEMO_COUNTY, 9],
  [CITY, 6],
  [PROVINCE, 4],
  [NATION, 2],
];
/** The demo province holds only the demo city: after a write the city and the nation are compared. */
const WRITE_REGIONS: [string, number][] = [
  [DEMO_COUNTY, 9],
  [CITY, 6],
  [NATION, 2],
];

const normal = (m: Map<string, ComplianceCounts>) =>
  Object.fromEntries([...m].filter(([, c]) => c.total !== 0).sort(([a], [b]) => a.localeCompare(b)));

describe.each(ENGINES)('training roll-up (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let city: Client;
  let street: Client;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    [county, city, street, admin] = await Promise.all([
      t.login('demo-county'),
      t.login('demo-city'),
      t.login('demo-street'),
      t.login('demo-admin'),
    ]);
  });
  afterAll(() => t.close());
  const post = async (c: Client, url: string, payload: unknown) => {
    const res = await c.request({ method: 'POST', url, payload: payload as object });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const table = () =>
    t.db.query<{ k: string }>(
      `select digits || '/' || region_code || '/' || position || '/' || last_year || '/' || hire_year || '=' || n as k from training_rollup where n <> 0 order by digits, region_code, position, last_year, hire_year`,
    );

  /** The roll-up equals its rebuild, and its counts equal the reference for every region and day. */
  async function check(what: string, days = WRITE_DAYS, regions = WRITE_REGIONS) {
    const kept = (await table()).map((r) => r.k);
    await t.db.query('select training_rollup_rebuild()');
    expect({ what, rows: kept }).toEqual({ what, rows: (await table()).map((r) => r.k) });
    let compared = 0;
    for (const date of days) {
      for (const [code, digits] of regions) {
        const rolled = await rolledUpComplianceByChild(t.db, code, date, digits);
        if (!('counts' in rolled)) throw new Error(`${code} ${date}: ${rolled.why}`);
        const reference = await trainingComplianceByChild(t.db, code, date, digits);
        expect({ what, code, date, counts: normal(rolled.counts) }).toEqual({
          what,
          code,
          date,
          counts: normal(reference),
        });
        compared++;
      }
    }
    return compared;
  }

  it('after the demo load: the counts of the county, city, province and nation equal the per-worker rule on every edge day', async () => {
    expect(await check('demo', DAYS, REGIONS)).toBe(DAYS.length * REGIONS.length);
    // The demo exercises every status: today (inside the dueSoon horizon) and 2026-10-01 (outside it).
    const all = [
      ...(await trainingComplianceByChild(t.db, CITY, TODAY_ISO, 6)).values(),
      ...(await trainingComplianceByChild(t.db, CITY, '2026-10-01', 6)).values(),
    ];
    for (const k of ['compliant', 'dueSoon', 'pending', 'overdue'] as const)
      expect({ k, n: all.reduce((a, c) => a + c[k], 0) > 0 }).toEqual({ k, n: true });
  }, 300_000);

  it('after each kind of write: completion recorded, dated after today, undone; worker created, promoted, transferred across counties, hire date changed, exited', async () => {
    const staff = await t.db.query<{ id: number }>(
      `select w.id from worker w where w.region_code like '532822%' and w.position = 'staff' and w.status = 'active' and w.hired_on < '2023-01-01'
         and not exists (select 1 from training_enrolment e where e.worker_id = w.id and e.status = 'completed') order by w.id limit 3`,
    );
    expect(staff.length).toBe(3);
    const program = (await post(county, '/api/training/programs', TRAINING_PROGRAM(DEMO_COUNTY))).item.id;
    await post(county, `/api/training/programs/${program}/enrolments`, { workerIds: staff.map((s) => s.id) });
    await check('enrolled (no completion)');
    await post(county, `/api/training/programs/${program}/attendance`, {
      items: [{ workerId: staff[0].id, status: 'completed' }],
    });
    await check('a completion');
    // Dated after today: counts only from that day (the reader corrects for it).
    await post(county, `/api/training/programs/${program}/attendance`, {
      items: [{ workerId: staff[1].id, status: 'completed', completedOn: '2027-01-05' }],
    });
    await check('a completion dated after today');
    await post(county, `/api/training/programs/${program}/attendance`, {
      items: [{ workerId: staff[0].id, status: 'absent' }],
    });
    await check('a completion undone');

    const created = await post(street, '/api/workers', {
      name: '汇总新人',
      idNumber: makeIdNumber('532822', '1995-04-09', 733),
      category: 'staff',
      position: 'staff',
      regionCode: COMMUNITY,
      startDate: '2023-06-01',
    });
    const id = created.worker.id as number;
    await check('a worker created');
    await post(county, `/api/workers/${id}/positions`, { position: 'secretary', startDate: '2026-03-01' });
    await check('promoted to secretary');
    const jinghong = (
      await t.db.query<{ code: string }>(
        "select code from region where level = 'community' and code like '532801%' order by code limit 1",
      )
    )[0].code;
    await post(admin, `/api/workers/${id}/transfer`, { regionCode: jinghong, date: '2026-07-01', reason: '统筹调配' });
    await check('transferred to another county');
    // No route changes a hire date (the lifecycle demo does it in SQL): the trigger still follows it.
    await t.db.query(`update worker set hired_on = '2024-02-01' where id = $1`, [staff[2].id]);
    await check('hire date changed');
    await post(admin, `/api/workers/${id}/exit`, { type: 'resignation', date: '2026-11-01', reason: '个人原因' });
    expect(await check('exited')).toBe(WRITE_DAYS.length * WRITE_REGIONS.length);
  }, 600_000);

  it("the city's figure set has the training section from the roll-up, equal to the per-worker rule per county", async () => {
    const res = await city.request({ method: 'GET', url: `/api/stats?region=${CITY}` });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as {
      columns: { code: string }[];
      sections: {
        id: string;
        rule: string;
        items: { key: string; value: number | null; byChild: (number | null)[] }[];
      }[];
    };
    const training = s.sections.find((x) => x.id === 'training')!;
    expect(training.rule).toContain('培训汇总表');
    const reference = await trainingComplianceByChild(t.db, CITY, TODAY_ISO, 6);
    const keys = ['compliant', 'dueSoon', 'pending', 'overdue', 'notApplicable'] as const;
    for (const k of keys) {
      const item = training.items.find((i) => i.key === k)!;
      expect({ k, value: item.value }).toEqual({ k, value: [...reference.values()].reduce((a, c) => a + c[k], 0) });
      for (const [i, col] of s.columns.entries())
        expect({ k, col: col.code, n: item.byChild[i] }).toEqual({
          k,
          col: col.code,
          n: reference.get(col.code.slice(0, 6))?.[k] ?? 0,
        });
    }
    expect(training.items.find((i) => i.key === 'compliant')!.value).toBeGreaterThan(0);
    // A past date above a county: the evaluator (the demo city is small), same counts.
    const past = (
      await city.request({ method: 'GET', url: `/api/stats?region=${CITY}&date=2026-06-30` })
    ).json() as typeof s;
    const pastTraining = past.sections.find((x) => x.id === 'training')!;
    const pastRef = await trainingComplianceByChild(t.db, CITY, '2026-06-30', 6);
    expect(pastTraining.rule).not.toContain('培训汇总表');
    expect(pastTraining.items.find((i) => i.key === 'overdue')!.value).toBe(
      [...pastRef.values()].reduce((a, c) => a + c.overdue, 0),
    );
  });

  it("the county's figure set reads its streets' roll-up rows: a completion recorded in a street shows at once, equal to the per-worker rule", async () => {
    const keys = ['compliant', 'dueSoon', 'pending', 'overdue', 'notApplicable'] as const;
    type Stats = {
      columns: { code: string }[];
      sections: {
        id: string;
        rule: string;
        items: { key: string; value: number | null; byChild: (number | null)[] }[];
      }[];
    };
    const read = async () => {
      const res = await county.request({ method: 'GET', url: `/api/stats?region=${DEMO_COUNTY}` });
      expect(res.statusCode, res.body).toBe(200);
      const s = res.json() as Stats;
      return { s, training: s.sections.find((x) => x.id === 'training')! };
    };
    /** The section equals the per-worker rule for the county and for each street (its own evaluation, not the county's split). */
    const equalsReference = async (what: string) => {
      const { s, training } = await read();
      expect(training.rule).toContain('培训汇总表');
      const whole = await trainingComplianceByChild(t.db, DEMO_COUNTY, TODAY_ISO, 6);
      for (const k of keys) {
        const item = training.items.find((i) => i.key === k)!;
        expect({ what, k, value: item.value }).toEqual({
          what,
          k,
          value: whole.get(DEMO_COUNTY.slice(0, 6))?.[k] ?? 0,
        });
        for (const [i, col] of s.columns.entries()) {
          const own = await trainingComplianceByChild(t.db, col.code, TODAY_ISO, 9);
          expect({ what, k, col: col.code, n: item.byChild[i] }).toEqual({
            what,
            k,
            col: col.code,
            n: own.get(col.code.slice(0, 9))?.[k] ?? 0,
          });
        }
      }
      return { s, training };
    };
    const before = await equalsReference('before');
    // A staff member of 勐海镇 never trained, hired before the window: overdue → compliant once the completion is recorded.
    const [w] = await t.db.query<{ id: number }>(
      `select w.id from worker w where w.region_code like '532822101%' and w.position = 'staff' and w.status = 'active' and w.hired_on < '2023-01-01'
         and not exists (select 1 from training_enrolment e where e.worker_id = w.id and e.status = 'completed') order by w.id desc limit 1`,
    );
    expect(w).toBeDefined();
    const program = (await post(county, '/api/training/programs', TRAINING_PROGRAM(DEMO_COUNTY))).item.id;
    await post(county, `/api/training/programs/${program}/enrolments`, { workerIds: [w.id] });
    await post(county, `/api/training/programs/${program}/attendance`, {
      items: [{ workerId: w.id, status: 'completed' }],
    });
    const after = await equalsReference('after a completion');
    const col = before.s.columns.findIndex((c) => c.code === '532822101000');
    const n = (x: typeof before, k: string) => x.training.items.find((i) => i.key === k)!;
    expect(n(after, 'compliant').value).toBe(n(before, 'compliant').value! + 1);
    expect(n(after, 'overdue').value).toBe(n(before, 'overdue').value! - 1);
    expect(n(after, 'compliant').byChild[col]).toBe(n(before, 'compliant').byChild[col]! + 1);
    // A past date: the per-worker rule (the roll-up holds today's workers), same counts as the reference.
    const past = (
      await county.request({ method: 'GET', url: `/api/stats?region=${DEMO_COUNTY}&date=2026-06-30` })
    ).json() as Stats;
    const pastTraining = past.sections.find((x) => x.id === 'training')!;
    expect(pastTraining.rule).not.toContain('培训汇总表');
    const pastRef = await trainingComplianceByChild(t.db, DEMO_COUNTY, '2026-06-30', 6);
    expect(pastTraining.items.find((i) => i.key === 'overdue')!.value).toBe(pastRef.get('532822')?.overdue ?? 0);
  });

  it('the roll-up says why it cannot answer (the evaluator answers then): a street; a county with another rule; a rolling window', async () => {
    expect(await rolledUpComplianceByChild(t.db, '532822101000', TODAY_ISO, 12)).toEqual({ why: '街道及以下逐人计算' });
    expect(await rolledUpComplianceByChild(t.db, DEMO_COUNTY, TODAY_ISO, 12)).toEqual({ why: '社区一级逐人计算' });
    const national = {
      rules: [
        { appliesTo: ['secretary', 'director', 'secretaryDirector'], everyYears: 1, minTimes: 1 },
        { appliesTo: ['deputySecretary', 'deputyDirector', 'member', 'staff'], everyYears: 3, minTimes: 1 },
      ],
      window: 'calendar',
      windowStartYear: 2024,
      dueSoonDays: 90,
    };
    const publish = (effectiveFrom: string, training: object) =>
      post(admin, '/api/policies', {
        level: 'county',
        regionCode: '532801000000',
        effectiveFrom,
        title: '景洪市培训规则',
        document: { training },
      });
    await publish('2027-01-01', { ...national, dueSoonDays: 30 });
    await publish('2028-01-01', { ...national, window: 'rolling' });
    expect('counts' in (await rolledUpComplianceByChild(t.db, CITY, '2026-12-31', 6))).toBe(true);
    expect(await rolledUpComplianceByChild(t.db, CITY, '2027-06-30', 6)).toEqual({
      why: '下属各县培训规则不同，按人逐一计算',
    });
    expect(await rolledUpComplianceByChild(t.db, PROVINCE, '2028-06-30', 4)).toEqual({
      why: '下属县采用滚动周期，按人逐一计算',
    });
    // The county itself under its rolling window: the evaluator.
    expect(await rolledUpComplianceByChild(t.db, '532801000000', '2028-06-30', 9)).toEqual({
      why: '滚动周期按人逐一计算',
    });
  });
});
