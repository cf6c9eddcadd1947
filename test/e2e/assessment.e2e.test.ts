/**
 * End-to-end: the annual assessment (F-ASSESS) and the residents' page (F-SUPERVISE) in the built web
 * app against the real server with the demo data. The county (勐海县委社会工作部) opens the open 2026
 * plan, scores a worker who was 优秀 in the locked 2025 assessment as 优秀 again on the scoring sheet
 * (everyone else was scored 合格 through the API first), approves and locks, confirms the proposed
 * early step, and the worker's grade explanation on 1 January 2027 shows it. The staff page shows the
 * community's QR code and the notice-board code; the public page lists the workers' duties without
 * signing in, takes a rating with that code, and says so when the same device opens it again.
 * Needs `npm run build:web` first (the server serves web/dist).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type E2E, expectNoErrors, openE2E, signIn } from './harness.js';

const COMMUNITY = '532822101001'; // 沿河社区
type Entry = { workerId: number; rated: boolean; regionCode: string; result: string | null; name: string };

describe('annual assessment and residents’ voice (e2e)', () => {
  let e: E2E;
  let page: Page;
  let url: string;
  let target: Entry;

  beforeAll(async () => {
    e = await openE2E();
    page = e.page;
    url = e.server.url;
  }, 120_000);

  afterAll(async () => {
    await e?.close();
  }, 60_000);

  const shot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };
  const api = async (method: 'GET' | 'PUT', p: string, data?: unknown) => {
    const me = await page.request.get(`${url}/api/auth/me`);
    const csrf = (await me.json()).csrfToken as string;
    const res = await page.request.fetch(`${url}${p}`, { method, data, headers: { 'x-csrf-token': csrf } });
    if (!res.ok()) throw new Error(`${method} ${p}: ${res.status()} ${await res.text()}`);
    return res.json();
  };

  it('the staff page shows the QR code, link and notice-board code; the public page needs no sign-in and takes a rating with the code', async () => {
    await signIn(e, 'demo-county');
    await page.getByTestId('menu-voice').click();
    await page.goto(`${url}/voice/${COMMUNITY}`);
    await page.getByTestId('qr-code').waitFor();
    expect(await page.getByTestId('public-link').innerText()).toBe(`${url}/p/${COMMUNITY}`);
    await page.getByTestId('voice-discounted').waitFor();
    // In a rating window the code is required by default; the office prints it on the notice board.
    const inWindow = (await page.getByTestId('verification-code').count()) > 0;
    const code = inWindow ? (await page.getByTestId('verification-code').innerText()).replace(/\D/g, '') : '';
    if (inWindow) expect(code).toMatch(/^\d{6}$/);
    await shot('53-voice-qr');

    // The resident's phone (the staff session does not matter to the public page).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}/p/${COMMUNITY}`);
    await page.getByTestId('public-name').waitFor();
    expect(await page.getByTestId('public-name').innerText()).toBe('沿河社区居民委员会');
    const first = page.locator('[data-testid^="public-worker-"]').first();
    expect(await first.innerText()).toMatch(/职责：.+/);
    expect(await first.innerText()).toMatch(/服务承诺：.+/);
    // Inside the demo's 2026 window (1 Nov – 31 Dec) a resident rates once, with the code; outside it the page says so.
    if (inWindow) {
      await page.getByTestId('rate-community').getByText('满意', { exact: true }).click();
      await page.getByTestId('public-code').fill(code);
      await page.getByTestId('public-submit').click();
      await page.getByTestId('public-thanks').waitFor();
      // Opened again on the same device: it says at once that this device has rated, and offers no form.
      await page.reload();
      await page.getByTestId('public-already-rated').waitFor();
      expect(await page.getByTestId('public-submit').count()).toBe(0);
    } else expect(await page.getByTestId('public-page').innerText()).toContain('当前不在居民满意度测评期内');
    await shot('54-public-page-mobile');
    await page.setViewportSize({ width: 1440, height: 900 });

    if (inWindow) {
      // Three more ballots from the same address within minutes, each from a fresh device: a burst. All
      // four are held out of the rate until the county reviews them on the staff page.
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${url}/api/public/communities/${COMMUNITY}/ratings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: `shequ_device=${randomUUID()}` },
          body: JSON.stringify({ community: 'unsatisfied', code }),
        });
        expect(res.status).toBe(200);
      }
      await page.goto(`${url}/voice/${COMMUNITY}`);
      const card = page.getByTestId('voice-discounted');
      await card.getByText('本测评期共 4 票未计入满意率，其中待审核 4 票', { exact: false }).waitFor();
      expect(await card.innerText()).toContain('同一网络地址 10 分钟内集中提交 4 票及以上，待县级审核');
      await shot('55-voice-discounted');
      await card
        .getByRole('button', { name: '计 入' })
        .or(card.getByRole('button', { name: '计入' }))
        .click();
      await page.getByRole('button', { name: /确\s*定|OK/ }).click();
      await card.getByText('本测评期共 0 票未计入满意率', { exact: false }).waitFor();
      expect(await page.locator('body').innerText()).toContain('共 18 票');
    }
    await page.goto(`${url}/`);
  }, 90_000);

  it('plan → scores → approve → early step confirmed → the grade explanation shows it', async () => {
    await page.getByTestId('menu-assessment').click();
    await page.getByTestId('plan-link-2026').click();
    await page.waitForURL('**/assessment/*');
    expect(await page.getByTestId('plan-status').innerText()).toBe('评分中');
    const planId = Number(page.url().split('/').pop());

    // A worker of 沿河社区 rated 优秀 in 2025 (locked); everyone else in 2026 scored 合格 through the API.
    const plans = (await api('GET', '/api/assessment-plans')).items as { id: number; year: number }[];
    const y25 = (await api('GET', `/api/assessment-plans/${plans.find((p) => p.year === 2025)!.id}`))
      .entries as Entry[];
    const y26 = (await api('GET', `/api/assessment-plans/${planId}`)).entries as Entry[];
    const rated26 = new Set(y26.filter((x) => x.rated).map((x) => x.workerId));
    target = y25.find((x) => x.result === 'excellent' && x.regionCode === COMMUNITY && rated26.has(x.workerId))!;
    expect(target).toBeDefined();
    const others = y26.filter((x) => x.rated && x.workerId !== target.workerId);
    await api('PUT', `/api/assessment-plans/${planId}/scores`, {
      items: others.map((x) => ({
        workerId: x.workerId,
        politicalQuality: 85,
        workPerformance: 82,
        residentSatisfaction: 88,
      })),
    });
    await page.reload();

    // The scoring sheet: only the unscored row is left; 95 / 95 / 95 and 优秀.
    await page.getByTestId('only-unscored').click();
    const row = page.getByTestId(`entry-${target.workerId}`);
    await row.waitFor();
    for (const k of ['politicalQuality', 'workPerformance', 'residentSatisfaction']) {
      const id = `score-${k}-${target.workerId}`;
      await page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first().fill('95');
    }
    await page.getByTestId(`result-${target.workerId}`).click();
    await page.locator('.ant-select-dropdown:visible').getByText('优秀', { exact: true }).click();
    await page.getByTestId('save-scores').click();
    await expect
      .poll(async () => page.getByTestId('plan-summary').innerText(), { timeout: 20_000 })
      .toMatch(/未评分 0 人/);
    await page.getByTestId('tab-quota').click();
    await page.getByTestId('quota-list').waitFor();
    expect(await page.locator('[data-testid^="quota-warning-"]').count()).toBe(0);
    await shot('50-assessment-scored');

    // Approve and lock.
    await page.getByTestId('approve').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(async () => page.getByTestId('plan-status').innerText(), { timeout: 20_000 }).toBe('已审定锁定');
    expect(await page.getByTestId('save-scores').count()).toBe(0);

    // Confirm the early step proposed for two consecutive 优秀.
    await page.getByTestId('tab-consequences').click();
    const confirm = page.getByTestId(`confirm-${target.workerId}-early_step`);
    await confirm.waitFor();
    await confirm.click();
    await confirm.waitFor({ state: 'detached' });
    await shot('51-assessment-consequences');

    // The worker's grade on 1 January 2027 gives the early step, with its reason.
    await page.goto(`${url}/workers/${target.workerId}`);
    await page.getByTestId('worker-tab-grade').click();
    await page.getByTestId('grade-date').click();
    await page.keyboard.type('2027年01月01日');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => page.getByTestId('worker-grade').innerText(), { timeout: 20_000 })
      .toContain('2025–2026 年连续优秀 2 年（1 次）');
    await shot('52-grade-early-step');

    // The 年度考核 tab lists both years as 优秀, the early step confirmed in 2026.
    await page.getByTestId('worker-tab-assessment').click();
    await page.getByTestId('worker-assessments').waitFor();
    for (const y of [2025, 2026])
      expect(await page.getByTestId(`worker-assessment-result-${y}`).innerText()).toBe('优秀');
    const y2026 = await page.getByTestId('worker-assessment-2026').innerText();
    expect(y2026).toContain('已确认');
    expect(y2026).toContain('提前晋升岗位等级');
    expect(y2026).not.toContain('未审定');
    await shot('53-worker-assessments');
    expectNoErrors(e);
  }, 90_000);
});
