/** F-GRADE, F-PAY and F-BUDGET over HTTP on both engines: a worker's grade and pay explained, a region's budget, the yearly review. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const TODAY = new Date('2026-11-28T04:00:00Z');
const COUNTY = '532822000000';
const STREET = '532822101000';
const COMMUNITY = '532822101001';
const JINGHONG = '532801000000';

describe.each(ENGINES)('grades, pay and budget (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let workerId: number;
  let outsideId: number;
  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => TODAY });
    county = await t.login('demo-county');
    // The demo-worker account's record, and a worker of 景洪市.
    workerId = (
      await t.db.query<{ id: number }>(
        "select w.id from worker w join app_user u on u.id = w.user_id where u.username = 'demo-worker'",
      )
    )[0].id;
    outsideId = (
      await t.db.query<{ id: number }>(`select id from worker where region_code like '532801%' order by id limit 1`)
    )[0].id;
  });
  afterAll(() => t.close());
  const get = (c: Client, url: string) => c.request({ method: 'GET', url });

  it('401 without a session; 404 for a worker and 403 for a region outside the caller’s subtree; 400 names the field', async () => {
    expectError(await t.app.inject({ method: 'GET', url: `/api/workers/${workerId}/grade` }), 401, 'UNAUTHENTICATED');
    expectError(await t.app.inject({ method: 'POST', url: '/api/grade-reviews', payload: {} }), 401, 'UNAUTHENTICATED');
    expectError(await get(county, `/api/workers/${outsideId}/grade`), 404, 'NOT_FOUND');
    expectError(await get(county, `/api/workers/${outsideId}/pay`), 404, 'NOT_FOUND');
    expectError(await get(county, `/api/regions/${JINGHONG}/budget`), 403, 'OUT_OF_SCOPE');
    expectError(
      await county.request({
        method: 'POST',
        url: '/api/grade-reviews',
        payload: { regionCode: JINGHONG, effectiveDate: '2026-12-31' },
      }),
      403,
      'OUT_OF_SCOPE',
    );
    expect(
      expectError(await get(county, `/api/workers/${workerId}/grade?date=2026-13-01`), 400, 'VALIDATION').fields[0]
        .field,
    ).toBe('date');
    expect(
      expectError(
        await county.request({ method: 'POST', url: '/api/grade-reviews', payload: { regionCode: COUNTY } }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('effectiveDate');
  });

  it('F-GRADE a worker’s grade lists every step of the rule and cites the provincial sequence', async () => {
    const res = await get(county, `/api/workers/${workerId}/grade?date=2026-06-30`);
    expect(res.statusCode, res.body).toBe(200);
    const g = res.json();
    expect(Object.keys(g).sort()).toEqual([
      'category',
      'categoryName',
      'countedYears',
      'date',
      'equivalentYears',
      'grade',
      'maxGrade',
      'minGrade',
      'name',
      'policySources',
      'recorded',
      'steps',
      'workerId',
    ]);
    expect(g).toMatchObject({
      workerId,
      date: '2026-06-30',
      category: 'general',
      categoryName: '其他',
      minGrade: 1,
      maxGrade: 12,
      recorded: null,
    });
    expect(g.steps.map((s: { rule: string }) => s.rule)).toEqual([
      'category',
      'serviceYears',
      'education',
      'yearSteps',
      'qualification',
      'earlySteps',
      'cap',
    ]);
    for (const s of g.steps) expect(s.text.length).toBeGreaterThan(5);
    expect(g.steps[g.steps.length - 1].grade).toBe(g.grade);
    // The grade is the category's start plus the effects of the steps that move it.
    expect(
      g.steps.reduce(
        (a: number, s: { rule: string; effect: number }) => a + (s.rule === 'category' ? 0 : s.effect),
        g.minGrade,
      ),
    ).toBe(g.grade);
    expect(g.steps[1].text).toContain('社区工作年限');
    expect(g.policySources).toEqual([
      {
        section: 'grades',
        documents: [
          expect.objectContaining({
            id: 'yunnan-grades-example-1',
            regionName: '云南省',
            text: '云南省社区工作者岗位等级序列（示例） 第 1 版（2025-01-01 起施行）',
          }),
        ],
      },
    ]);
    // Before the provincial sequence took effect there is no grade to compute.
    expectError(await get(county, `/api/workers/${workerId}/grade?date=2024-06-30`), 409, 'POLICY_NOT_IN_FORCE');
  });

  it('F-PAY monthly pay equals the sum of its components, with the arithmetic and the example flag', async () => {
    const res = await get(county, `/api/workers/${workerId}/pay`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(Object.keys(p).sort()).toEqual([
      'category',
      'categoryName',
      'components',
      'date',
      'example',
      'grade',
      'monthlyFen',
      'policySources',
      'steps',
      'workerId',
    ]);
    expect(p.monthlyFen).toBe(p.components.reduce((a: number, c: { fen: number }) => a + c.fen, 0));
    expect(p.components.map((c: { code: string }) => c.code).slice(0, 2)).toEqual(['basic', 'performance']);
    expect(p.example).toBe(true);
    expect(p.steps.some((s: { arithmetic: string }) => s.arithmetic.includes('84,000.00 元 ÷ 12 × 0.55'))).toBe(true);
    expect(p.policySources.map((s: { section: string }) => s.section)).toEqual(['grades', 'pay', 'budget']);
    const grade = (await get(county, `/api/workers/${workerId}/grade`)).json();
    expect(p.grade).toBe(grade.grade);
  });

  it('a worker reads their own grade and pay, and nobody else’s', async () => {
    const me = await t.login('demo-worker');
    expect((await get(me, `/api/workers/${workerId}/grade`)).statusCode).toBe(200);
    expect((await get(me, `/api/workers/${workerId}/pay`)).statusCode).toBe(200);
    const other = (
      await t.db.query<{ id: number }>(
        'select id from worker where region_code = $1 and id <> $2 order by id limit 1',
        [COMMUNITY, workerId],
      )
    )[0].id;
    expectError(await get(me, `/api/workers/${other}/pay`), 404, 'NOT_FOUND');
    expectError(await get(me, `/api/regions/${COMMUNITY}/budget`), 403, 'FORBIDDEN');
  });

  it('F-GRADE on a past date counts the education held that day, from its dated changes', async () => {
    // A serving 大专 worker of the county gains 本科 with effect from 2026-03-01 (recorded later): the grade
    // on 2026-02-28 counts 0 equivalent years for education, on 2026-03-01 three.
    const [w] = await t.db.query<{ id: number }>(
      `select id from worker where region_code like '532822%' and status <> 'exited' and education = 'associate' and hired_on < '2024-01-01' order by id limit 1`,
    );
    const edu = async (date: string) => {
      const g = (await get(county, `/api/workers/${w.id}/grade?date=${date}`)).json();
      return g.steps.find((s: { rule: string }) => s.rule === 'education') as {
        input: { education: string | null; years: number };
        text: string;
      };
    };
    expect((await edu('2026-02-28')).input).toEqual({ education: 'associate', years: 0 });
    const res = await county.request({
      method: 'PATCH',
      url: `/api/workers/${w.id}`,
      payload: { education: 'bachelor', changedOn: '2026-03-01' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const table: [string, string, number][] = [
      ['2026-02-28', 'associate', 0],
      ['2026-03-01', 'bachelor', 3],
      ['2026-11-28', 'bachelor', 3],
    ];
    for (const [date, education, years] of table) {
      const step = await edu(date);
      expect({ date, ...step.input }).toEqual({ date, education, years });
      expect(step.text).toContain(years === 0 ? '大学专科' : '大学本科');
    }
  });

  it('F-BUDGET a region’s yearly cost adds up', async () => {
    const res = await get(county, `/api/regions/${COMMUNITY}/budget?year=2026`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    const serving = (
      await t.db.query<{ n: number }>(
        `select count(*)::int as n from worker where region_code = $1 and status <> 'exited'`,
        [COMMUNITY],
      )
    )[0].n;
    expect(b).toMatchObject({ regionCode: COMMUNITY, year: 2026, workers: serving, example: true, skipped: [] });
    expect(b.annualFen).toBe(b.breakdown.reduce((a: number, x: { fen: number }) => a + x.fen, 0));
    expect(b.breakdown[0]).toEqual({ code: 'payroll', name: '工资', fen: b.monthlyTotalFen * 12 });
  });

  it('F-GRADE yearly review: preview → commit sets worker.grade, one audit entry per change; a second commit is refused', async () => {
    expectError(
      await (await t.login('demo-street')).request({
        method: 'POST',
        url: '/api/grade-reviews',
        payload: { regionCode: STREET, effectiveDate: '2027-01-01' },
      }),
      403,
      'FORBIDDEN',
    );
    const preview = await county.request({
      method: 'POST',
      url: '/api/grade-reviews',
      payload: { regionCode: STREET, effectiveDate: '2027-01-01' },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const r = preview.json();
    expect(Object.keys(r).sort()).toEqual([
      'effectiveDate',
      'id',
      'items',
      'regionCode',
      'skipped',
      'status',
      'unchanged',
    ]);
    const serving = (
      await t.db.query<{ n: number }>(
        `select count(*)::int as n from worker where region_code like '532822101%' and status <> 'exited'`,
      )
    )[0].n;
    expect(r).toMatchObject({
      regionCode: STREET,
      effectiveDate: '2027-01-01',
      status: 'draft',
      unchanged: 0,
      skipped: [],
    });
    expect(r.items).toHaveLength(serving); // nobody has a grade on record yet
    const mine = r.items.find((i: { workerId: number }) => i.workerId === workerId);
    expect(mine).toMatchObject({ from: null });
    expect(mine.reason).toContain('最终为第');
    // Nothing is set by the preview.
    expect(
      (await t.db.query<{ grade: number | null }>('select grade from worker where id = $1', [workerId]))[0].grade,
    ).toBeNull();

    const commit = await county.request({ method: 'POST', url: `/api/grade-reviews/${r.id}/commit` });
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toEqual({ id: r.id, committed: serving });
    const row = (
      await t.db.query<{ grade: number; grade_effective_from: string }>(
        'select grade, grade_effective_from from worker where id = $1',
        [workerId],
      )
    )[0];
    expect(row).toEqual({ grade: mine.to, grade_effective_from: '2027-01-01' });
    const audit = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'worker.grade' and after->>'gradeReviewId' = $1`,
      [String(r.id)],
    );
    expect(audit[0].n).toBe(serving);
    const history = (await get(county, `/api/workers/${workerId}/history`)).json().items;
    expect(history[0]).toMatchObject({
      action: 'worker.grade',
      changes: expect.arrayContaining([{ field: 'grade', from: null, to: mine.to }]),
    });
    expect((await get(county, `/api/workers/${workerId}/grade?date=2027-01-01`)).json().recorded).toEqual({
      grade: mine.to,
      effectiveFrom: '2027-01-01',
    });

    expectError(
      await county.request({ method: 'POST', url: `/api/grade-reviews/${r.id}/commit` }),
      409,
      'GRADE_REVIEW_COMMITTED',
    );
    // Run again for the same date: nothing changes.
    const again = (
      await county.request({
        method: 'POST',
        url: '/api/grade-reviews',
        payload: { regionCode: STREET, effectiveDate: '2027-01-01' },
      })
    ).json();
    expect([again.items.length, again.unchanged]).toEqual([0, serving]);
  });

  it('a stale preview is refused whole; an unknown review is 404', async () => {
    const a = (
      await county.request({
        method: 'POST',
        url: '/api/grade-reviews',
        payload: { regionCode: COMMUNITY, effectiveDate: '2035-01-01' },
      })
    ).json();
    const b = (
      await county.request({
        method: 'POST',
        url: '/api/grade-reviews',
        payload: { regionCode: COMMUNITY, effectiveDate: '2035-01-01' },
      })
    ).json();
    expect(a.items.length).toBeGreaterThan(0);
    expect((await county.request({ method: 'POST', url: `/api/grade-reviews/${a.id}/commit` })).statusCode).toBe(200);
    const before = (await t.db.query<{ n: number }>(`select count(*)::int as n from audit_log`))[0].n;
    expectError(
      await county.request({ method: 'POST', url: `/api/grade-reviews/${b.id}/commit` }),
      409,
      'GRADE_REVIEW_STALE',
    );
    expect((await t.db.query<{ n: number }>(`select count(*)::int as n from audit_log`))[0].n).toBe(before);
    expectError(await county.request({ method: 'POST', url: '/api/grade-reviews/999999/commit' }), 404, 'NOT_FOUND');
  });
});
