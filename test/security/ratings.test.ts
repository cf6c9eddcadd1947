/**
 * Issue 12 item 11: residents' ratings could be stuffed. A fresh device cookie per vote: 40 votes from
 * 2 addresses pushed 沿河社区 from 12/14 satisfied to 22 %, below the 60 % line that makes an assessment
 * 不合格. Now the notice-board code is required in every window unless the county switches it off with a
 * reason; ballots over the per-address cap, and bursts from one address or subnet, are accepted but not
 * counted until the county accepts them; only counted ballots feed a rate or the assessment.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../helpers/app.js';
import { ENGINES } from '../helpers/db.js';
import { expectError } from '../helpers/http.js';

const COUNTY = '532822000000'; // 勐海县
const YANHE = '532822101001'; // 沿河社区: the demo's 14 ballots
const XIANGSHAN = '532822101002'; // 象山社区
const FOSHUANG = '532822101003'; // 佛双社区
const JINGNAN = '532822101004'; // 景囡社区
const START = new Date('2026-11-28T04:00:00Z'); // inside the 2026 window (1 Nov – 31 Dec)
const MINUTE = 60_000;

type Satisfaction = { count: number; satisfied: number; basic: number; unsatisfied: number; rate: number | null };
type Settings = {
  verificationRequired: boolean;
  verificationCode: string | null;
  warning: string | null;
  discounted: {
    notCounted: number;
    pending: number;
    reasons: { status: string; statusLabel: string; reason: string; reasonLabel: string; ballots: number }[];
    groups: {
      id: number;
      label: string;
      reasons: string[];
      ballots: number;
      pending: number;
      accepted: number;
      discarded: number;
    }[];
  };
  ratings: Satisfaction;
};

describe.each(ENGINES)('residents’ ratings cannot be stuffed (%s)', (engine) => {
  let t: TestApp;
  let county: Client;
  let street: Client;
  let community: Client;
  let clock = START;
  let plan26: number;

  beforeAll(async () => {
    t = await createTestApp(engine, { now: () => clock });
    [county, street, community] = [
      await t.login('demo-county'),
      await t.login('demo-street'),
      await t.login('demo-community'),
    ];
    plan26 = (
      await t.db.query<{ id: number }>(`select id from assessment_plan where region_code = $1 and year = 2026`, [
        COUNTY,
      ])
    )[0].id;
  });
  afterAll(() => t.close());

  const page = async (code: string, device?: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/public/communities/${code}`,
      headers: device ? { cookie: `shequ_device=${device}` } : {},
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  /** One ballot from a fresh device (what the attacker did), from `address`. */
  const vote = (code: string, payload: object, address: string, device = randomUUID()) =>
    t.app.inject({
      method: 'POST',
      url: `/api/public/communities/${code}/ratings`,
      payload,
      headers: { cookie: `shequ_device=${device}` },
      remoteAddress: address,
    });
  const settings = async (c: Client, code: string): Promise<Settings> => {
    const res = await c.request({ method: 'GET', url: `/api/regions/${code}/rating-settings` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const review = (c: Client, code: string, payload: object) =>
    c.request({ method: 'POST', url: `/api/regions/${code}/ratings/review`, payload });
  const residentsOf = async (code: string) =>
    (await county.request({ method: 'GET', url: `/api/assessment-plans/${plan26}?region=${code}` }))
      .json()
      .entries.map((e: { workerId: number; residents: Satisfaction }) => ({
        workerId: e.workerId,
        count: e.residents.count,
        rate: e.residents.rate,
      }));
  const audits = (action: string, code: string) =>
    t.db.query<{ actor_name: string; before: unknown; after: Record<string, unknown> }>(
      `select actor_name, before, after from audit_log where action = $1 and region_code = $2 order by id`,
      [action, code],
    );

  it('40 votes from 2 addresses, each from a fresh device, no longer move the counted rate or the assessment', async () => {
    clock = START;
    const before = await page(YANHE);
    expect(before.ratings).toMatchObject({ count: 14 });
    const assessed = await residentsOf(YANHE);
    const code = (await settings(county, YANHE)).verificationCode!;
    const all = {
      community: 'unsatisfied',
      workers: before.workers.map((w: { id: number }) => ({ workerId: w.id, score: 'unsatisfied' })),
      code,
    };
    // The attacker read the code on the notice board; two addresses in different networks, 20 each, a
    // few seconds apart (the per-address limit allows 20 per 10 minutes).
    for (let i = 0; i < 20; i++) {
      for (const address of ['198.51.100.7', '203.0.113.9']) {
        clock = new Date(START.getTime() + i * 5_000);
        const res = await vote(YANHE, all, address);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual({ ok: true, ratings: 1 + before.workers.length }); // thanked either way
      }
    }
    const after = await page(YANHE);
    expect(after.ratings).toEqual(before.ratings);
    for (const w of after.workers)
      expect(w.ratings).toEqual(before.workers.find((x: { id: number }) => x.id === w.id).ratings);
    expect(await residentsOf(YANHE)).toEqual(assessed);

    // The county sees how many were not counted and why, by group, without any address.
    const s = await settings(county, YANHE);
    expect(s.ratings).toEqual(before.ratings);
    expect(s.discounted.notCounted).toBe(40);
    expect(s.discounted.pending).toBe(40);
    expect(s.discounted.reasons).toEqual([
      {
        status: 'held',
        statusLabel: '待审核，未计入',
        reason: 'address_burst',
        reasonLabel: '同一网络地址 10 分钟内集中提交 4 票及以上，待县级审核',
        ballots: 40,
      },
    ]);
    expect(s.discounted.groups.map((g) => ({ ...g, id: typeof g.id }))).toEqual([
      {
        id: 'number',
        label: '地址 1',
        reasons: ['同一网络地址 10 分钟内集中提交 4 票及以上，待县级审核'],
        ballots: 20,
        pending: 20,
        accepted: 0,
        discarded: 0,
        from: expect.any(String),
        to: expect.any(String),
      },
      expect.objectContaining({ label: '地址 2', ballots: 20, pending: 20 }),
    ]);
    expect(JSON.stringify(s)).not.toMatch(/198\.51|203\.0/);
    // Every ballot is audited with its status, never with the device or the address.
    const ballots = await audits('voice.rating', YANHE);
    expect(ballots.slice(-40).map((a) => a.after.status)).toEqual([
      ...Array(6).fill('counted'),
      ...Array(34).fill('held'),
    ]);
    expect(JSON.stringify(ballots)).not.toMatch(/198\.51|203\.0|shequ_device/);

    // The county's review: one group accepted counts exactly its 20 ballots; the other discarded never does.
    const [g1, g2] = s.discounted.groups;
    const accepted = await review(county, YANHE, { group: g1.id, decision: 'accept', note: '已电话核实为居民本人' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const a = accepted.json() as Settings;
    expect(a.ratings).toMatchObject({
      count: before.ratings.count + 20,
      unsatisfied: before.ratings.unsatisfied + 20,
      satisfied: before.ratings.satisfied,
    });
    expect(a.discounted).toMatchObject({ notCounted: 20, pending: 20 });
    const discarded = await review(county, YANHE, { group: g2.id, decision: 'discard' });
    expect(discarded.statusCode, discarded.body).toBe(200);
    expect((discarded.json() as Settings).discounted).toMatchObject({ notCounted: 20, pending: 0 });
    expect((discarded.json() as Settings).discounted.reasons.map((r) => [r.status, r.ballots])).toEqual([
      ['accepted', 20],
      ['discarded', 20],
    ]);
    expect((await page(YANHE)).ratings.count).toBe(before.ratings.count + 20);
    // The assessment follows the review: each worker has the 20 accepted 不满意 more.
    const reviewed = await residentsOf(YANHE);
    for (const r of reviewed)
      expect(r.count).toBe(assessed.find((x: { workerId: number }) => x.workerId === r.workerId).count + 20);
    // Audited with who, what and how many; a second decision on a group is refused and changes nothing.
    expect((await audits('voice.rating.review', YANHE)).map((x) => [x.actor_name, x.before, x.after])).toEqual([
      [
        'demo-county',
        { pending: 20 },
        { decision: 'accepted', ballots: 20, planId: plan26, note: '已电话核实为居民本人' },
      ],
      ['demo-county', { pending: 20 }, { decision: 'discarded', ballots: 20, planId: plan26, note: null }],
    ]);
    expectError(await review(county, YANHE, { group: g2.id, decision: 'accept' }), 409, 'ALREADY_REVIEWED');
    expect((await page(YANHE)).ratings.count).toBe(before.ratings.count + 20);
  });

  it('the per-address cap: a slow trickle from one address counts 5 ballots a window, the rest are capped', async () => {
    const code = (await settings(county, XIANGSHAN)).verificationCode!;
    const before = (await page(XIANGSHAN)).ratings as Satisfaction;
    for (let i = 0; i < 7; i++) {
      clock = new Date(START.getTime() + i * 11 * MINUTE); // never 4 within 10 minutes
      expect((await vote(XIANGSHAN, { community: 'satisfied', code }, '192.0.2.50')).statusCode).toBe(200);
    }
    const s = await settings(county, XIANGSHAN);
    expect(s.ratings.count).toBe(before.count + 5);
    expect(s.discounted.reasons).toEqual([
      {
        status: 'capped',
        statusLabel: '超出上限，未计入',
        reason: 'address_cap',
        reasonLabel: '同一网络地址在本测评期对本社区已提交 5 票，超出部分不计入',
        ballots: 2,
      },
    ]);
    // The county may accept capped ballots too (a care home's shared connection).
    const res = await review(county, XIANGSHAN, { group: s.discounted.groups[0].id, decision: 'accept' });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Settings).ratings.count).toBe(before.count + 7);
  });

  it('bursts at the edges: 3 ballots of a household count, the 4th holds all 4; 9 addresses of a subnet count, the 10th holds all 10', async () => {
    const code = (await settings(county, FOSHUANG)).verificationCode!;
    const counted = async () => ((await page(FOSHUANG)).ratings as Satisfaction).count;
    const base = await counted();
    clock = new Date(START.getTime() + 2 * 60 * MINUTE);
    for (let i = 0; i < 3; i++) await vote(FOSHUANG, { community: 'basic', code }, '192.0.2.77');
    expect(await counted()).toBe(base + 3);
    clock = new Date(clock.getTime() + 9 * MINUTE); // still inside the 10 minutes
    await vote(FOSHUANG, { community: 'basic', code }, '192.0.2.77');
    expect(await counted()).toBe(base);
    // A subnet: one ballot from each of 9 addresses of 100.64.7.0/24 counts …
    clock = new Date(START.getTime() + 5 * 60 * MINUTE);
    for (let i = 1; i <= 9; i++) await vote(FOSHUANG, { community: 'satisfied', code }, `100.64.7.${i}`);
    expect(await counted()).toBe(base + 9);
    // … the 10th within the span holds them all; another /24 is unaffected.
    await vote(FOSHUANG, { community: 'satisfied', code }, '100.64.7.10');
    await vote(FOSHUANG, { community: 'satisfied', code }, '100.64.8.1');
    expect(await counted()).toBe(base + 1);
    const s = await settings(county, FOSHUANG);
    expect(s.discounted.reasons.map((r) => [r.status, r.reason, r.ballots])).toEqual([
      ['held', 'address_burst', 4],
      ['held', 'subnet_burst', 10],
    ]);
    expect(s.discounted.groups.map((g) => [g.label, g.ballots])).toEqual([
      ['地址 1', 4],
      ['网段 2', 10],
    ]);
  });

  it('the code is required in a window by default; only the county switches it off, for this window, with a reason and a warning', async () => {
    clock = START;
    const s = await settings(street, JINGNAN);
    expect(s).toMatchObject({ verificationRequired: true, warning: null });
    expect(s.verificationCode).toMatch(/^\d{6}$/);
    // Made on the first look, audited without the code itself.
    const made = await audits('voice.settings.code', JINGNAN);
    expect(made.map((a) => a.after)).toEqual([{ codeSet: true, replaced: false }]);
    expect(JSON.stringify(made)).not.toContain(s.verificationCode);

    const missing = expectError(
      await vote(JINGNAN, { community: 'satisfied' }, '192.0.2.90'),
      400,
      'VERIFICATION_FAILED',
    );
    expect(missing.fields).toEqual([{ field: 'code', message: '请输入社区公示栏上的验证码' }]);
    expectError(
      await vote(JINGNAN, { community: 'satisfied', code: '000000' }, '192.0.2.90'),
      400,
      'VERIFICATION_FAILED',
    );

    const put = (c: Client, payload: object) =>
      c.request({ method: 'PUT', url: `/api/regions/${JINGNAN}/rating-settings`, payload });
    for (const [c, code] of [
      [street, JINGNAN],
      [community, YANHE],
    ] as const)
      expect(
        expectError(
          await c.request({
            method: 'PUT',
            url: `/api/regions/${code}/rating-settings`,
            payload: { verificationRequired: false, reason: '方便老人' },
          }),
          403,
          'VERIFICATION_OFF_COUNTY_ONLY',
        ).message,
      ).toBe('关闭居民测评验证码须由县级社会工作部决定');
    expectError(await put(county, { verificationRequired: false, reason: '  ' }), 400, 'VALIDATION');
    expect(
      expectError(await put(county, { verificationRequired: false, reason: 'x'.repeat(201) }), 400, 'VALIDATION')
        .fields[0].field,
    ).toBe('reason');
    // Nothing changed by the refusals.
    expect((await page(JINGNAN)).verificationRequired).toBe(true);
    expect(await audits('voice.settings.update', JINGNAN)).toEqual([]);

    const off = await put(county, { verificationRequired: false, reason: '公示栏维修中' });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ verificationRequired: false, offReason: '公示栏维修中', canSwitchOff: true });
    expect(off.json().warning).toContain('满意率可能被刷票左右');
    expect((await page(JINGNAN)).verificationRequired).toBe(false);
    expect((await vote(JINGNAN, { community: 'satisfied' }, '192.0.2.91')).statusCode).toBe(200);
    expect((await audits('voice.settings.update', JINGNAN)).map((a) => [a.before, a.after])).toEqual([
      [
        { verificationRequired: true },
        { verificationRequired: false, reason: '公示栏维修中', planId: plan26, codeChanged: false },
      ],
    ]);
    // The street (or the community) may switch it on again (the code is kept).
    const on = await put(street, { verificationRequired: true });
    expect(on.json()).toMatchObject({
      verificationRequired: true,
      verificationCode: s.verificationCode,
      warning: null,
    });

    // Outside a window nobody switches it off: the next window starts with the code required.
    clock = new Date('2027-06-01T04:00:00Z');
    expectError(await put(county, { verificationRequired: false, reason: '公示栏维修中' }), 409, 'RATING_CLOSED');
    expect((await settings(county, JINGNAN)).verificationRequired).toBe(true);
    clock = START;
  });

  it('a device that has rated is told so when the page opens', async () => {
    clock = START;
    const code = (await settings(county, JINGNAN)).verificationCode!;
    const device = randomUUID();
    expect((await page(JINGNAN, device)).alreadyRated).toBe(false);
    expect((await vote(JINGNAN, { community: 'satisfied', code }, '192.0.2.120', device)).statusCode).toBe(200);
    expect((await page(JINGNAN, device)).alreadyRated).toBe(true);
    expect((await page(JINGNAN, randomUUID())).alreadyRated).toBe(false);
    expect((await page(JINGNAN)).alreadyRated).toBe(false);
    expectError(await vote(JINGNAN, { community: 'basic', code }, '192.0.2.121', device), 409, 'ALREADY_RATED');
  });

  it('the review route: 401 without a session, 403 for a street or community and out of scope, 404, 400 with the field', async () => {
    const url = `/api/regions/${XIANGSHAN}/ratings/review`;
    expectError(
      await t.app.inject({ method: 'POST', url, payload: { group: 1, decision: 'accept' } }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await review(street, XIANGSHAN, { group: 1, decision: 'accept' }), 403, 'FORBIDDEN');
    expectError(await review(community, YANHE, { group: 1, decision: 'accept' }), 403, 'FORBIDDEN');
    expectError(await review(county, '532801001003', { group: 1, decision: 'accept' }), 403, 'OUT_OF_SCOPE');
    expectError(await review(county, XIANGSHAN, { group: 999999999, decision: 'accept' }), 404, 'NOT_FOUND');
    expect(
      expectError(await review(county, XIANGSHAN, { group: 1, decision: 'maybe' }), 400, 'VALIDATION').fields[0].field,
    ).toBe('decision');
    expect(
      expectError(await review(county, XIANGSHAN, { group: 0, decision: 'accept' }), 400, 'VALIDATION').fields[0].field,
    ).toBe('group');
    expect(
      expectError(
        await review(county, XIANGSHAN, { group: 1, decision: 'accept', note: 'x'.repeat(201) }),
        400,
        'VALIDATION',
      ).fields[0].field,
    ).toBe('note');
    expectError(await review(county, COUNTY, { group: 1, decision: 'accept' }), 400, 'VALIDATION');
  });

  it('the settings answer: its shape, and 403 out of scope', async () => {
    const s = await settings(county, XIANGSHAN);
    expect(Object.keys(s).sort()).toEqual([
      'canReview',
      'canSwitchOff',
      'discounted',
      'name',
      'offReason',
      'publicPath',
      'ratings',
      'regionCode',
      'saved',
      'updatedBy',
      'verificationCode',
      'verificationRequired',
      'warning',
      'window',
      'workers',
    ]);
    expect(Object.keys(s.discounted).sort()).toEqual(['groups', 'notCounted', 'pending', 'reasons']);
    expect(s).toMatchObject({ canReview: true, canSwitchOff: true });
    expect(await settings(community, YANHE)).toMatchObject({ canReview: false, canSwitchOff: false });
    expectError(
      await community.request({ method: 'GET', url: `/api/regions/${XIANGSHAN}/rating-settings` }),
      403,
      'OUT_OF_SCOPE',
    );
  });
});
