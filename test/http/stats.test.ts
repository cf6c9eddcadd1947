/**
 * F-STATS over HTTP on both engines: every counted figure against an independent count of the same
 * rows (a plain select, counted here in the test), live after a write, as-of-date figures before and
 * after a transfer and an exit, snapshot immutability and the difference view, the .xlsx read back,
 * scope and masking of the drill-down lists.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageOn } from '../../src/domain/dates.js';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { resolvePolicy } from '../../src/policy/resolve.js';
import { DEMO_COUNTY } from '../../src/seed/demo.js';
import { documentsFor } from '../../src/services/policy.service.js';
import { trainingComplianceSummaryEvaluated } from '../../src/services/training.service.js';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const CITY = '532800000000';
const JINGHONG = '532801000000';
const STREET = '532822101000'; // 勐海镇
const COMMUNITY = '532822101001'; // 沿河社区
const OTHER_STREET_COMMUNITY = '532822102001';
const TODAY = new Date('2026-11-28T04:00:00Z');
const TODAY_ISO = '2026-11-28';
const DIGITS: Record<string, number> = { province: 2, city: 4, county: 6, street: 9, community: 12 };

interface Item {
  key: string;
  label: string;
  value: number | null;
  byChild: (number | null)[];
}
interface Section {
  id: string;
  title: string;
  rule: string;
  items: Item[];
}
interface Stats {
  columns: { code: string; name: string; level: string }[];
  sections: Section[];
  basis: string;
  date: string;
}

interface Raw {
  id: number;
  region_code: string;
  category: string;
  position: string;
  status: string;
  gender: string;
  ethnicity: string | null;
  political_status: string | null;
  education: string | null;
  social_work_major: boolean;
  qualification: string | null;
  grade: number | null;
  veteran: boolean;
  graduate_entrant: boolean;
  birth_date: string;
  hired_on: string;
  exit_date: string | null;
}

/** Band index, written out again here (not the domain's code): ages ≤30, 31–35, 36–45, 46–55, >55. */
const band = (years: number, edges: number[]) => edges.filter((e) => years > e).length;

/** The expected count of each counted item, by a predicate over plain rows. */
const EXPECTED: Record<string, (key: string, w: Raw, date: string) => boolean> = {
  headcount: (k, w) =>
    k === 'total' ||
    k === w.category ||
    k === `position.${w.position}` ||
    k === `status.${w.status}` ||
    (k === 'secretaryAll' && ['secretary', 'secretaryDirector'].includes(w.position)) ||
    (k === 'directorAll' && ['director', 'secretaryDirector'].includes(w.position)),
  gender: (k, w) => k === w.gender,
  age: (k, w, d) => k === `band.${band(ageOn(w.birth_date, d), [30, 35, 45, 55])}`,
  ethnicity: (k, w) =>
    (k === 'han' && w.ethnicity === '汉族') ||
    (k === 'minority' && !!w.ethnicity && w.ethnicity !== '汉族') ||
    (k === 'unknown' && !w.ethnicity) ||
    k === `name.${w.ethnicity}`,
  political: (k, w) =>
    (k === 'partyAll' && ['party', 'probationaryParty'].includes(w.political_status ?? '')) ||
    k === (w.political_status ?? 'unknown'),
  education: (k, w) =>
    (k === 'collegeAndAbove' && ['doctorate', 'master', 'bachelor', 'associate'].includes(w.education ?? '')) ||
    k === (w.education ?? 'unknown'),
  socialWorkMajor: (k, w) => k === String(w.social_work_major),
  qualification: (k, w) => (k === 'any' && w.qualification !== null) || k === (w.qualification ?? 'none'),
  grade: (k, w) => k === (w.grade === null ? 'none' : String(w.grade)),
  service: (k, w, d) => k === `band.${band(ageOn(w.hired_on, d), [2, 5, 10, 20])}`,
  origin: (k, w) => (k === 'veteran' && w.veteran) || (k === 'graduate' && w.graduate_entrant),
};

describe.each(ENGINES)('statistics (%s)', (engine) => {
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

  const stats = async (c: Client, query: string): Promise<Stats> => {
    const res = await c.request({ method: 'GET', url: `/api/stats?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const value = (s: Stats, section: string, key: string) =>
    s.sections.find((x) => x.id === section)!.items.find((i) => i.key === key)!;
  const raw = (prefix: string) =>
    t.db.query<Raw>(
      `select id, region_code, category, position, status, gender, ethnicity, political_status, education, social_work_major, qualification, grade,
         veteran, graduate_entrant, birth_date, hired_on, exit_date from worker where region_code like $1 || '%'`,
      [prefix],
    );

  /** Every counted item of every section equals the test's own count over the same rows, for the region and each column. */
  async function checkAgainstNaive(s: Stats, prefix: string) {
    const all = await raw(prefix);
    const serving = all.filter((w) => w.status !== 'exited');
    let checked = 0;
    for (const section of s.sections) {
      const pred = EXPECTED[section.id];
      if (!pred) continue;
      for (const item of section.items) {
        const expected = (ws: Raw[]) => ws.filter((w) => pred(item.key, w, s.date)).length;
        expect({ section: section.id, key: item.key, value: item.value }).toEqual({
          section: section.id,
          key: item.key,
          value: expected(serving),
        });
        s.columns.forEach((c, i) => {
          const inChild = serving.filter((w) => w.region_code.startsWith(c.code.slice(0, DIGITS[c.level])));
          expect({ section: section.id, key: item.key, child: c.code, n: item.byChild[i] }).toEqual({
            section: section.id,
            key: item.key,
            child: c.code,
            n: expected(inChild),
          });
        });
        checked++;
      }
    }
    const joined = all.filter((w) => w.hired_on >= `${s.date.slice(0, 4)}-01-01` && w.hired_on <= s.date).length;
    const exited = all.filter(
      (w) => w.exit_date !== null && w.exit_date >= `${s.date.slice(0, 4)}-01-01` && w.exit_date <= s.date,
    ).length;
    expect(value(s, 'turnover', 'joined').value).toBe(joined);
    expect(value(s, 'turnover', 'exited').value).toBe(exited);
    expect(checked).toBeGreaterThan(40);
    return serving.length;
  }

  it('401 without a session, 403 outside the subtree or for a worker account, 400 with the field named', async () => {
    expectError(await t.app.inject({ method: 'GET', url: `/api/stats?region=${DEMO_COUNTY}` }), 401, 'UNAUTHENTICATED');
    expectError(await county.request({ method: 'GET', url: `/api/stats?region=${JINGHONG}` }), 403, 'OUT_OF_SCOPE');
    expectError(
      await county.request({ method: 'GET', url: `/api/stats/export.xlsx?region=${JINGHONG}` }),
      403,
      'OUT_OF_SCOPE',
    );
    expectError(
      await county.request({ method: 'GET', url: `/api/stats/workers?region=${JINGHONG}&section=gender&key=male` }),
      403,
      'OUT_OF_SCOPE',
    );
    expectError(await (await t.login('demo-worker')).request({ method: 'GET', url: '/api/stats' }), 403, 'FORBIDDEN');
    const bad = async (url: string, field: string) =>
      expect(
        expectError(await county.request({ method: 'GET', url }), 400, 'VALIDATION').fields.map((f) => f.field),
      ).toEqual([field]);
    await bad('/api/stats?date=2026-02-30', 'date');
    await bad('/api/stats?date=2027-01-01', 'date');
    await bad('/api/stats?ageBands=35,30', 'ageBands');
    await bad('/api/stats?region=12345', 'region');
    await bad(`/api/stats/workers?region=${DEMO_COUNTY}&section=staffing&key=quota`, 'key');
    const post = await county.request({
      method: 'POST',
      url: '/api/stats/snapshots',
      payload: { region: DEMO_COUNTY, year: 2026 },
    });
    expect(expectError(post, 400, 'VALIDATION').fields.map((f) => f.field)).toEqual(['year']);
  });

  it('the street (counted directly) and the county, city and nation (roll-up) agree with a plain count of the same rows', async () => {
    const c = await stats(county, `region=${DEMO_COUNTY}`);
    expect(c.basis).toBe('live');
    expect(c.columns.length).toBeGreaterThan(3);
    const n = await checkAgainstNaive(c, '532822');
    expect(n).toBeGreaterThan(100);
    const st = await stats(street, `region=${STREET}`);
    expect(st.columns.length).toBeGreaterThan(3);
    await checkAgainstNaive(st, '532822101');
    expect(value(c, 'headcount', 'total').byChild[c.columns.findIndex((x) => x.code === STREET)]).toBe(
      value(st, 'headcount', 'total').value,
    );
    const ci = await stats(city, `region=${CITY}`);
    expect(ci.columns.map((x) => x.code)).toEqual(['532801000000', DEMO_COUNTY, '532823000000']);
    await checkAgainstNaive(ci, '5328');
    // The city's column for the county is the county's own total.
    expect(value(ci, 'headcount', 'total').byChild[1]).toBe(value(c, 'headcount', 'total').value);
    const nation = await stats(admin, 'region=000000000000');
    await checkAgainstNaive(nation, '');
    // Staffing: quota from the norm, per 10,000 = headcount ÷ population × 10,000.
    const staffing = c.sections.find((s) => s.id === 'staffing')!;
    const v = (k: string) => staffing.items.find((i) => i.key === k)!.value!;
    expect(v('headcount')).toBe(n);
    expect(v('gap')).toBe(v('quota') - n);
    expect(v('per10k')).toBeCloseTo((n * 10000) / v('population'), 2);
    // Bands are configurable per request.
    const b = await stats(county, `region=${DEMO_COUNTY}&ageBands=40`);
    expect(b.sections.find((s) => s.id === 'age')!.items.map((i) => i.label)).toEqual(['≤40岁', '>40岁']);
  });

  it('training compliance (county and below) equals the per-worker rule; the assessment distribution equals a plain count of the approved entries', async () => {
    const c = await stats(county, `region=${DEMO_COUNTY}`);
    const training = c.sections.find((s) => s.id === 'training')!;
    const keys = ['compliant', 'dueSoon', 'pending', 'overdue', 'notApplicable'] as const;
    const whole = await trainingComplianceSummaryEvaluated(t.db, DEMO_COUNTY, TODAY_ISO);
    expect(whole.overdue).toBeGreaterThan(0);
    for (const k of keys) expect({ k, v: training.items.find((i) => i.key === k)!.value }).toEqual({ k, v: whole[k] });
    for (const [i, col] of c.columns.entries()) {
      const own = await trainingComplianceSummaryEvaluated(t.db, col.code, TODAY_ISO);
      for (const k of keys)
        expect({ col: col.code, k, v: training.items.find((x) => x.key === k)!.byChild[i] }).toEqual({
          col: col.code,
          k,
          v: own[k],
        });
    }
    const rate = training.items.find((i) => i.key === 'rate')!;
    const applicable = whole.total - whole.notApplicable;
    expect(rate.value).toBeCloseTo(((whole.compliant + whole.dueSoon + whole.pending) * 100) / applicable, 2);

    const assessment = c.sections.find((s) => s.id === 'assessment')!;
    expect(assessment.title).toBe('2025 年度考核结果');
    const entries = await t.db.query<{ region_code: string; rated: boolean; result: string | null }>(
      `select e.region_code, e.rated, e.result from assessment_entry e join assessment_plan p on p.id = e.plan_id
       where p.status = 'approved' and p.year = 2025 and e.region_code like '532822%'`,
    );
    expect(entries.length).toBeGreaterThan(10);
    const key = (e: (typeof entries)[number]) => (e.rated ? e.result : 'unrated');
    for (const k of ['excellent', 'competent', 'basic', 'fail', 'unrated']) {
      const item = assessment.items.find((i) => i.key === k)!;
      expect({ k, v: item.value }).toEqual({ k, v: entries.filter((e) => key(e) === k).length });
      c.columns.forEach((col, i) => {
        expect({ k, col: col.code, v: item.byChild[i] }).toEqual({
          k,
          col: col.code,
          v: entries.filter((e) => key(e) === k && e.region_code.startsWith(col.code.slice(0, 9))).length,
        });
      });
    }
    // Above a county the training section comes from the roll-up (test/http/training-rollup.test.ts): the same counts.
    const ci = await stats(city, `region=${CITY}`);
    const cityWhole = await trainingComplianceSummaryEvaluated(t.db, CITY, TODAY_ISO);
    for (const k of keys)
      expect({ k, v: ci.sections.find((s) => s.id === 'training')!.items.find((i) => i.key === k)!.value }).toEqual({
        k,
        v: cityWhole[k],
      });
    expect(ci.sections.find((s) => s.id === 'assessment')!.items.find((i) => i.key === 'excellent')!.value).toBe(
      entries.filter((e) => key(e) === 'excellent').length,
    );
    // Before any approved assessment: an empty distribution, said in the title.
    const early = await stats(county, `region=${DEMO_COUNTY}&date=2024-06-30`);
    expect(early.sections.find((s) => s.id === 'assessment')!.title).toBe('年度考核（尚无已审定结果）');
  });

  it("pay (county and below, today): each child region's mean equals the average of the worker pay pages; the reference is the policy's average wage ÷ 12; none above a county", async () => {
    const c = await stats(county, `region=${DEMO_COUNTY}`);
    const pay = c.sections.find((s) => s.id === 'pay')!;
    expect(pay.items.map((i) => i.key)).toEqual(['workers', 'meanPay', 'reference', 'ratio']);
    const serving = (await raw('532822')).filter((w) => w.status !== 'exited');
    // Each worker's pay as the worker page shows it, through the endpoint.
    const fenOf = new Map<number, number>();
    for (const w of serving) {
      const res = await county.request({ method: 'GET', url: `/api/workers/${w.id}/pay?date=${TODAY_ISO}` });
      if (res.statusCode === 200) fenOf.set(w.id, res.json().monthlyFen);
    }
    expect(fenOf.size).toBeGreaterThan(100);
    const policy = resolvePolicy((await documentsFor(t.db, DEMO_COUNTY)).documents, DEMO_COUNTY, TODAY_ISO).policy;
    const refFen = Math.floor((2 * policy.pay!.averageWageFen + 12) / 24);
    const expected = (ws: Raw[]) => {
      const fens = ws.filter((w) => fenOf.has(w.id)).map((w) => fenOf.get(w.id)!);
      const sum = fens.reduce((a, b) => a + b, 0);
      const mean = fens.length ? Math.floor((2 * sum + fens.length) / (2 * fens.length)) : null;
      return {
        workers: fens.length,
        meanPay: mean === null ? null : mean / 100,
        reference: refFen / 100,
        ratio: mean === null ? null : Math.floor((2 * mean * 10000 + refFen) / (2 * refFen)) / 100,
      };
    };
    const got = (i: number | null) =>
      Object.fromEntries(pay.items.map((it) => [it.key, i === null ? it.value : it.byChild[i]]));
    expect(got(null)).toEqual(expected(serving));
    for (const [i, col] of c.columns.entries()) {
      expect({ col: col.code, ...got(i) }).toEqual({
        col: col.code,
        ...expected(serving.filter((w) => w.region_code.startsWith(col.code.slice(0, 9)))),
      });
    }
    expect(pay.items.find((i) => i.key === 'meanPay')!.value).toBeGreaterThan(0);
    expect(pay.rule).toContain('不取档案登记等级');
    // A street's figure for itself is the county's column for it; a community has one column, itself.
    const st = await stats(street, `region=${STREET}`);
    const stPay = st.sections.find((s) => s.id === 'pay')!;
    const k = c.columns.findIndex((x) => x.code === STREET);
    for (const it of pay.items)
      expect({ key: it.key, v: stPay.items.find((x) => x.key === it.key)!.value }).toEqual({
        key: it.key,
        v: it.byChild[k],
      });
    const cm = await stats(street, `region=${COMMUNITY}`);
    expect(cm.sections.find((s) => s.id === 'pay')!.items[0].byChild).toEqual([
      serving.filter((w) => w.region_code === COMMUNITY && fenOf.has(w.id)).length,
    ]);
    // Above a county, and on a past date, there is no pay section.
    expect((await stats(city, `region=${CITY}`)).sections.map((s) => s.id)).not.toContain('pay');
    expect((await stats(county, `region=${DEMO_COUNTY}&date=2026-06-30`)).sections.map((s) => s.id)).not.toContain(
      'pay',
    );
  });

  it('a write shows at once; as-of figures before and after a transfer and an exit come from the history', async () => {
    const before = await stats(city, `region=${CITY}`);
    const countyBefore = await stats(county, `region=${DEMO_COUNTY}`);
    const idNumber = makeIdNumber('532822', '1996-03-09', 731);
    const created = await street.request({
      method: 'POST',
      url: '/api/workers',
      payload: {
        name: '统计新人',
        idNumber,
        category: 'staff',
        position: 'staff',
        regionCode: COMMUNITY,
        startDate: '2026-02-01',
        ethnicity: '傣族',
      },
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().worker.id;
    const after = await stats(city, `region=${CITY}`);
    expect(value(after, 'headcount', 'total').value).toBe(value(before, 'headcount', 'total').value! + 1);
    expect(value(after, 'ethnicity', 'name.傣族').value).toBe(value(before, 'ethnicity', 'name.傣族').value! + 1);
    expect(value(after, 'age', 'band.0').value).toBe(value(before, 'age', 'band.0').value! + 1);
    expect(value(after, 'turnover', 'joined').value).toBe(value(before, 'turnover', 'joined').value! + 1);

    // Transfer to a community of another street on 2026-06-01, exit on 2026-09-01.
    const col = (s: Stats, code: string) => s.columns.findIndex((c) => c.code === code);
    const moved = await county.request({
      method: 'POST',
      url: `/api/workers/${id}/transfer`,
      payload: { regionCode: OTHER_STREET_COMMUNITY, date: '2026-06-01', reason: '统筹调配' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const s1 = '532822101000';
    const s2 = '532822102000';
    const may = await stats(county, `region=${DEMO_COUNTY}&date=2026-05-31`);
    const june = await stats(county, `region=${DEMO_COUNTY}&date=2026-06-01`);
    expect(may.basis).toBe('history');
    const hc = (s: Stats, code: string) => value(s, 'headcount', 'total').byChild[col(s, code)]!;
    expect(hc(may, s1) - hc(june, s1)).toBe(1);
    expect(hc(june, s2) - hc(may, s2)).toBe(1);
    const exit = await county.request({
      method: 'POST',
      url: `/api/workers/${id}/exit`,
      payload: { type: 'resignation', date: '2026-09-01', reason: '个人原因' },
    });
    expect(exit.statusCode, exit.body).toBe(200);
    const aug = await stats(county, `region=${DEMO_COUNTY}&date=2026-08-31`);
    const sep = await stats(county, `region=${DEMO_COUNTY}&date=2026-09-01`);
    expect(hc(aug, s2) - hc(sep, s2)).toBe(1);
    expect(value(sep, 'turnover', 'exited').value).toBe(value(aug, 'turnover', 'exited').value! + 1);
    // Before the person joined they are not counted at all.
    const jan = await stats(county, `region=${DEMO_COUNTY}&date=2026-01-31`);
    const feb = await stats(county, `region=${DEMO_COUNTY}&date=2026-02-01`);
    expect(value(feb, 'headcount', 'total').value! - value(jan, 'headcount', 'total').value!).toBeGreaterThanOrEqual(1);
    // Today: gone from the headcount, counted as a leaver; the roll-up and the direct count still agree.
    const now = await stats(county, `region=${DEMO_COUNTY}`);
    expect(value(now, 'headcount', 'total').value).toBe(value(countyBefore, 'headcount', 'total').value);
    await checkAgainstNaive(now, '532822');
    await checkAgainstNaive(await stats(city, `region=${CITY}`), '5328');
    // A history reading of today equals the live one (same rows, the other way of counting).
    const rollupNow = await stats(city, `region=${CITY}`);
    const yesterdayCounted = await stats(city, `region=${CITY}&date=2026-11-27`);
    expect(value(yesterdayCounted, 'headcount', 'total').value).toBe(value(rollupNow, 'headcount', 'total').value);
  });

  it('education and political status on a past date come from their dated changes', async () => {
    // A serving associate-degree 群众 of the county, changed in two steps: bachelor from 2026-03-01, then
    // master and 中共党员 from 2026-09-01 (recorded later, as offices do).
    const [w] = await t.db.query<{ id: number; region_code: string; hired_on: string }>(
      `select id, region_code, hired_on from worker where region_code like '532822%' and status <> 'exited' and education = 'associate'
         and political_status = 'masses' and hired_on < '2025-01-01' order by id limit 1`,
    );
    expect(w).toBeDefined();
    const edu = (s: Stats, k: string) => value(s, 'education', k).value!;
    const pol = (s: Stats, k: string) => value(s, 'political', k).value!;
    const d = ['2026-02-28', '2026-03-01', '2026-08-31', '2026-09-01'] as const;
    const before = await Promise.all(d.map((x) => stats(county, `region=${DEMO_COUNTY}&date=${x}`)));
    const patch = (payload: object) => county.request({ method: 'PATCH', url: `/api/workers/${w.id}`, payload });
    for (const changedOn of ['2026-12-01', '1900-01-01', '2026-02-30']) {
      const err = expectError(await patch({ education: 'bachelor', changedOn }), 400, 'VALIDATION');
      expect(err.fields.map((f) => f.field)).toEqual(['changedOn']);
    }
    expect((await t.db.query('select 1 from worker_attribute_change where worker_id = $1', [w.id])).length).toBe(0);
    expect((await patch({ education: 'bachelor', changedOn: '2026-03-01' })).statusCode).toBe(200);
    expect((await patch({ education: 'master', politicalStatus: 'party', changedOn: '2026-09-01' })).statusCode).toBe(
      200,
    );
    const after = await Promise.all(d.map((x) => stats(county, `region=${DEMO_COUNTY}&date=${x}`)));
    // [date index, associate, bachelor, master, masses, party] moves of the counts.
    const table: [number, number, number, number, number, number][] = [
      [0, 0, 0, 0, 0, 0],
      [1, -1, 1, 0, 0, 0],
      [2, -1, 1, 0, 0, 0],
      [3, -1, 0, 1, -1, 1],
    ];
    for (const [i, assoc, bach, mast, masses, party] of table) {
      expect({
        date: d[i],
        assoc: edu(after[i], 'associate') - edu(before[i], 'associate'),
        bach: edu(after[i], 'bachelor') - edu(before[i], 'bachelor'),
        mast: edu(after[i], 'master') - edu(before[i], 'master'),
        masses: pol(after[i], 'masses') - pol(before[i], 'masses'),
        party: pol(after[i], 'party') - pol(before[i], 'party'),
      }).toEqual({ date: d[i], assoc, bach, mast, masses, party });
    }
    // The drill-down of a past date lists the worker under the value of that day.
    const list = await county.request({
      method: 'GET',
      url: `/api/stats/workers?region=${w.region_code}&date=2026-05-01&section=education&key=bachelor&pageSize=200`,
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((x: { id: number }) => x.id)).toContain(w.id);
    const rows = await t.db.query<{ attribute: string; old_value: string; new_value: string; effective_on: string }>(
      'select attribute, old_value, new_value, effective_on from worker_attribute_change where worker_id = $1 order by id',
      [w.id],
    );
    expect(rows).toEqual([
      { attribute: 'education', old_value: 'associate', new_value: 'bachelor', effective_on: '2026-03-01' },
      { attribute: 'education', old_value: 'bachelor', new_value: 'master', effective_on: '2026-09-01' },
      { attribute: 'political_status', old_value: 'masses', new_value: 'party', effective_on: '2026-09-01' },
    ]);
  });

  it('drill-down: the workers behind a figure, in scope, masked, as many as the figure says', async () => {
    const s = await stats(county, `region=${DEMO_COUNTY}`);
    const female = value(s, 'gender', 'female').value!;
    const res = await county.request({
      method: 'GET',
      url: `/api/stats/workers?region=${DEMO_COUNTY}&section=gender&key=female&pageSize=200`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(female);
    expect(body.items.length).toBe(Math.min(200, female));
    for (const w of body.items) {
      expect(w.gender).toBe('female');
      expect(w.idNumberMasked).toBe(true);
      expect(w.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(w.regionCode.startsWith('532822')).toBe(true);
    }
    const band0 = value(s, 'age', 'band.1');
    const ages = await county.request({
      method: 'GET',
      url: `/api/stats/workers?region=${DEMO_COUNTY}&section=age&key=band.1&pageSize=200`,
    });
    expect(ages.json().total).toBe(band0.value);
    for (const w of ages.json().items) expect(ageOn(w.birthDate, TODAY_ISO)).toBeGreaterThanOrEqual(31);
    // The street sees its own street only.
    expectError(
      await street.request({ method: 'GET', url: `/api/stats/workers?region=${DEMO_COUNTY}&section=gender&key=male` }),
      403,
      'OUT_OF_SCOPE',
    );
    const own = await street.request({
      method: 'GET',
      url: `/api/stats/workers?region=${STREET}&section=headcount&key=total&pageSize=200`,
    });
    for (const w of own.json().items) expect(w.regionCode.startsWith('532822101')).toBe(true);
  });

  it('year-end snapshot: approved once at its own level, frozen in the database, later corrections shown as differences', async () => {
    expectError(
      await street.request({ method: 'POST', url: '/api/stats/snapshots', payload: { region: STREET, year: 2025 } }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await county.request({ method: 'POST', url: '/api/stats/snapshots', payload: { region: JINGHONG, year: 2025 } }),
      403,
      'OUT_OF_SCOPE',
    );
    expectError(
      await city.request({ method: 'POST', url: '/api/stats/snapshots', payload: { region: DEMO_COUNTY, year: 2025 } }),
      403,
      'APPROVE_OWN_LEVEL',
    );
    const ok = await county.request({
      method: 'POST',
      url: '/api/stats/snapshots',
      payload: { region: DEMO_COUNTY, year: 2025 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const snap = ok.json().item;
    expect(snap).toMatchObject({ regionCode: DEMO_COUNTY, year: 2025, asOf: '2025-12-31', approvedBy: 'demo-county' });
    expectError(
      await county.request({
        method: 'POST',
        url: '/api/stats/snapshots',
        payload: { region: DEMO_COUNTY, year: 2025 },
      }),
      409,
      'SNAPSHOT_EXISTS',
    );
    await expect(
      t.db.query('update stats_snapshot set figures = $1::jsonb where id = $2', ['{}', snap.id]),
    ).rejects.toThrow(/frozen/);
    await expect(t.db.query('delete from stats_snapshot where id = $1', [snap.id])).rejects.toThrow(/frozen/);

    const read = async () => {
      const r = await county.request({ method: 'GET', url: `/api/stats/snapshots/${snap.id}` });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const first = await read();
    expect(first.differences).toEqual([]);
    const frozenTotal = first.figures.sections[0].items[0].value;
    // A correction: someone counted at 2025-12-31 is recorded as having resigned on 2025-06-30.
    const [w] = await t.db.query<{ id: number }>(
      `select w.id from worker w join worker_period p on p.worker_id = w.id where w.region_code like '532822%' and w.status <> 'exited'
       and p.end_date is null and p.start_date <= '2025-06-01' order by w.id limit 1`,
    );
    const exit = await county.request({
      method: 'POST',
      url: `/api/workers/${w.id}/exit`,
      payload: { type: 'resignation', date: '2025-06-30', reason: '补录' },
    });
    expect(exit.statusCode, exit.body).toBe(200);
    const second = await read();
    expect(second.figures.sections[0].items[0].value).toBe(frozenTotal);
    expect(second.differences).toContainEqual(
      expect.objectContaining({
        section: 'headcount',
        key: 'total',
        snapshot: frozenTotal,
        current: frozenTotal - 1,
        delta: -1,
      }),
    );
    // The figures of that date name the snapshot; the list shows it; the trend reads it.
    expect(
      (await county.request({ method: 'GET', url: `/api/stats?region=${DEMO_COUNTY}&date=2025-12-31` })).json().snapshot
        .id,
    ).toBe(snap.id);
    // The demo approved 2024 (src/seed/demo-stats.ts); 2025 is this test's.
    expect(
      (await county.request({ method: 'GET', url: `/api/stats/snapshots?region=${DEMO_COUNTY}` }))
        .json()
        .items.map((x: { year: number }) => x.year),
    ).toEqual([2025, 2024]);
    const trendRes = await county.request({ method: 'GET', url: `/api/stats/trend?region=${DEMO_COUNTY}` });
    expect(trendRes.statusCode, trendRes.body).toBe(200);
    const trend = trendRes.json();
    expect(trend.items.map((i: { year: number }) => i.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(trend.items[3]).toMatchObject({ snapshot: true, headcount: frozenTotal });
    expect(trend.items.map((i: { snapshot: boolean }) => i.snapshot)).toEqual([false, false, true, true, false]);
    const audit = await county.request({ method: 'GET', url: '/api/audit?action=stats.snapshot' });
    expect(audit.json().items.filter((x: { entityId: string }) => x.entityId === String(snap.id)).length).toBe(1);
  });

  it('the .xlsx report: a sheet per section, a row per child region, a totals row equal to the figures; audited', async () => {
    const s = await stats(city, `region=${CITY}`);
    const res = await city.request({ method: 'GET', url: `/api/stats/export.xlsx?region=${CITY}` });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', ...s.sections.map((x) => x.title.slice(0, 31))]);
    for (const section of s.sections) {
      const ws = wb.getWorksheet(section.title.slice(0, 31))!;
      expect(ws.rowCount).toBe(1 + s.columns.length + 1);
      expect(ws.getRow(1).getCell(3).value).toBe(section.items[0].label);
      s.columns.forEach((c, i) => {
        expect(ws.getRow(2 + i).getCell(1).value).toBe(c.code);
        expect(ws.getRow(2 + i).getCell(3).value ?? null).toBe(section.items[0].byChild[i]);
      });
      const totals = ws.getRow(2 + s.columns.length);
      expect(totals.getCell(1).value).toBe('合计');
      section.items.forEach((item, k) => {
        expect(totals.getCell(3 + k).value ?? null).toBe(item.value);
      });
    }
    const audit = await city.request({ method: 'GET', url: '/api/audit?action=stats.export' });
    expect(audit.json().items.length).toBeGreaterThanOrEqual(1);
  });
});
