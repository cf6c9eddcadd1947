/**
 * F-STATS drill-down for the training, assessment and pay sections on both engines: every count opens
 * the list of the workers behind it, whose length equals the figure and an independent count (the
 * training rule evaluated per worker in JS, a plain count of assessment entries, each worker's own pay
 * page); scope (403 outside the subtree), masking, 400 for computed figures.
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
const TODAY_ISO = '2026-11-28';

interface Item {
  key: string;
  value: number | null;
  byChild: (number | null)[];
}
interface Stats {
  columns: { code: string }[];
  sections: { id: string; title: string; items: Item[] }[];
}
interface Listed {
  id: number;
  idNumber: string;
  phone: string | null;
  regionCode: string;
  note?: string;
  monthlyFen?: number;
}

describe.each(ENGINES)('statistics drill-down: training, assessment, pay (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    county = await t.login('demo-county');
  });
  afterAll(() => t.close());

  const stats = async (region: string): Promise<Stats> => {
    const res = await county.request({ method: 'GET', url: `/api/stats?region=${region}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const section = (s: Stats, id: string) => s.sections.find((x) => x.id === id)!;
  /** Every page of the list behind one figure. */
  const list = async (
    c: Client,
    region: string,
    sec: string,
    key: string,
    date?: string,
  ): Promise<{ total: number; items: Listed[] }> => {
    const items: Listed[] = [];
    let total = 0;
    for (let page = 1; ; page++) {
      const res = await c.request({
        method: 'GET',
        url: `/api/stats/workers?region=${region}&section=${sec}&key=${key}&page=${page}&pageSize=200${date ? `&date=${date}` : ''}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      total = body.total;
      items.push(...body.items);
      if (body.items.length < 200) break;
    }
    return { total, items };
  };
  const expectMasked = (items: Listed[]) => {
    for (const w of items) {
      expect(w.idNumber).toMatch(/\*{8}/);
      if (w.phone) expect(w.phone).toMatch(/\*{4}/);
    }
  };

  it('training: each status of the county and of each street lists as many workers as the figure and the per-worker rule', async () => {
    const s = await stats(DEMO_COUNTY);
    const training = section(s, 'training');
    for (const key of ['compliant', 'dueSoon', 'pending', 'overdue', 'notApplicable'] as const) {
      const item = training.items.find((i) => i.key === key)!;
      const all = await list(county, DEMO_COUNTY, 'training', key);
      expect(all.total, key).toBe(item.value);
      expect(all.items.length, key).toBe(item.value);
      expect(new Set(all.items.map((w) => w.id)).size).toBe(all.items.length);
      expectMasked(all.items);
      // Independent: the rule evaluated per worker in JS.
      expect(all.total, key).toBe((await trainingComplianceSummaryEvaluated(t.db, DEMO_COUNTY, TODAY_ISO))[key]);
      for (const [i, col] of s.columns.entries()) {
        if (!item.byChild[i]) continue;
        const child = await list(county, col.code, 'training', key);
        expect(child.total, `${key} ${col.code}`).toBe(item.byChild[i]);
        expect(child.items.every((w) => w.regionCode.startsWith(col.code.slice(0, 9)))).toBe(true);
        expect(child.total).toBe((await trainingComplianceSummaryEvaluated(t.db, col.code, TODAY_ISO))[key]);
      }
    }
  });

  it('training above a county: each status of the city (from the roll-up) and of each county lists as many workers as the figure and the per-worker rule', async () => {
    const city = await t.login('demo-city');
    const res = await city.request({ method: 'GET', url: `/api/stats?region=${CITY}` });
    expect(res.statusCode, res.body).toBe(200);
    const s: Stats = res.json();
    const training = section(s, 'training');
    const evaluated = await trainingComplianceSummaryEvaluated(t.db, CITY, TODAY_ISO);
    for (const key of ['compliant', 'dueSoon', 'pending', 'overdue', 'notApplicable'] as const) {
      const item = training.items.find((i) => i.key === key)!;
      const all = await list(city, CITY, 'training', key);
      expect([key, all.total, all.items.length]).toEqual([key, item.value, item.value]);
      expect(all.total, key).toBe(evaluated[key]);
      expectMasked(all.items);
      for (const [i, col] of s.columns.entries()) {
        if (!item.byChild[i]) continue;
        expect((await list(city, col.code, 'training', key)).total, `${key} ${col.code}`).toBe(item.byChild[i]);
      }
    }
  });

  it('assessment: each grade of the latest approved year lists its entries (a plain count of them), with the total score', async () => {
    const s = await stats(DEMO_COUNTY);
    const a = section(s, 'assessment');
    const year = Number(a.title.slice(0, 4));
    expect(year).toBe(2025);
    for (const key of ['excellent', 'competent', 'basic', 'fail', 'unrated']) {
      const item = a.items.find((i) => i.key === key)!;
      const [{ n }] = await t.db.query<{ n: number }>(
        `select count(*)::int as n from assessment_entry e join assessment_plan p on p.id = e.plan_id
         where p.year = $1 and p.status = 'approved' and e.region_code like '532822%'
           and (case when e.rated then e.result else 'unrated' end) = $2 and (not e.rated or e.result is not null)`,
        [year, key],
      );
      const all = await list(county, DEMO_COUNTY, 'assessment', key);
      expect(all.total, key).toBe(item.value);
      expect(all.total, key).toBe(n);
      expect(all.items.length, key).toBe(n);
      expectMasked(all.items);
      for (const w of all.items) expect(w.note).toContain(`${year} 年度`);
      for (const [i, col] of s.columns.entries()) {
        if (!item.byChild[i]) continue;
        expect((await list(county, col.code, 'assessment', key)).total, `${key} ${col.code}`).toBe(item.byChild[i]);
      }
    }
  });

  it('pay: the workers paid, each with the monthly pay of their own pay page; their mean is the section’s', async () => {
    const s = await stats(COMMUNITY);
    const pay = section(s, 'pay');
    const workers = pay.items.find((i) => i.key === 'workers')!;
    const mean = pay.items.find((i) => i.key === 'meanPay')!;
    const all = await list(county, COMMUNITY, 'pay', 'workers');
    expect(all.total).toBe(workers.value);
    expect(all.items.length).toBe(workers.value);
    expectMasked(all.items);
    let sum = 0;
    for (const w of all.items) {
      const own = await county.request({ method: 'GET', url: `/api/workers/${w.id}/pay` });
      expect(own.statusCode).toBe(200);
      expect(w.monthlyFen).toBe(own.json().monthlyFen);
      expect(w.note).toContain('月应发');
      sum += w.monthlyFen!;
    }
    expect(Math.round(sum / all.items.length) / 100).toBeCloseTo(mean.value!, 2);
    // The county: as many as its serving workers (a plain count; every demo worker can be priced), and per street.
    const c = await stats(DEMO_COUNTY);
    const cw = section(c, 'pay').items.find((i) => i.key === 'workers')!;
    const [{ n }] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from worker where region_code like '532822%' and status <> 'exited'`,
    );
    const whole = await list(county, DEMO_COUNTY, 'pay', 'workers');
    expect(whole.total).toBe(cw.value);
    expect(whole.total).toBe(n);
    const i = c.columns.findIndex((x) => x.code === STREET);
    expect((await list(county, STREET, 'pay', 'workers')).total).toBe(cw.byChild[i]);
  });

  it('scope: 403 outside the subtree; 400 for computed figures and pay on a past date', async () => {
    expectError(
      await t.app.inject({
        method: 'GET',
        url: `/api/stats/workers?region=${DEMO_COUNTY}&section=training&key=overdue`,
      }),
      401,
      'UNAUTHENTICATED',
    );
    for (const [sec, key] of [
      ['training', 'overdue'],
      ['assessment', 'excellent'],
      ['pay', 'workers'],
    ]) {
      expectError(
        await county.request({ method: 'GET', url: `/api/stats/workers?region=${JINGHONG}&section=${sec}&key=${key}` }),
        403,
        'OUT_OF_SCOPE',
      );
    }
    const street = await t.login('demo-street');
    expectError(
      await street.request({ method: 'GET', url: `/api/stats/workers?region=${DEMO_COUNTY}&section=pay&key=workers` }),
      403,
      'OUT_OF_SCOPE',
    );
    const bad = async (query: string, field: string) =>
      expect(
        expectError(
          await county.request({ method: 'GET', url: `/api/stats/workers?${query}` }),
          400,
          'VALIDATION',
        ).fields.map((f) => f.field),
      ).toEqual([field]);
    await bad(`region=${DEMO_COUNTY}&section=training&key=rate`, 'key');
    await bad(`region=${DEMO_COUNTY}&section=assessment&key=excellentRate`, 'key');
    await bad(`region=${DEMO_COUNTY}&section=pay&key=meanPay`, 'key');
    await bad(`region=${DEMO_COUNTY}&section=pay&key=workers&date=2026-06-30`, 'section');
    // The street sees its own list, inside its scope only.
    const own = await list(street, STREET, 'training', 'overdue');
    expect(own.items.every((w) => w.regionCode.startsWith('532822101'))).toBe(true);
  });
});
