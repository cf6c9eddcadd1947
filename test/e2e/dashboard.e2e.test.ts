/**
 * End-to-end: the 工作台 (issue 7, a dashboard for each role) in the built web app against the real
 * server with the demo data. The county user lands on it after signing in: 勐海县 short by 23, its
 * communities most short, due tiles each with their rule; a tile opens its list (training overdue →
 * the compliance list filtered to overdue). The side menu is grouped. The worker user lands on their
 * own page: grade, pay in 元, training, contract, probation. The city, street, community and system
 * administrator users each land on their own kind of page, showing what GET /api/dashboard says for
 * them. Needs `npm run build:web` first.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type E2E, expectNoErrors, openE2E, signIn } from './harness.js';

const MENGHAI = '532822000000'; // 勐海县

describe('dashboard (e2e)', () => {
  let e: E2E;
  let page: Page;

  beforeAll(async () => {
    e = await openE2E();
    page = e.page;
  }, 120_000);

  afterAll(async () => {
    await e?.close();
  }, 60_000);

  const shot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };

  it('the county user lands on the dashboard: 勐海县 short by 23, its short communities, tiles with their rules; a tile opens its list', async () => {
    await signIn(e, 'demo-county');
    expect(await page.getByTestId('dashboard-page').getAttribute('data-kind')).toBe('office');
    expect(await page.getByTestId('dash-headline').innerText()).toBe('勐海县缺员 23 人');
    expect(await page.getByTestId('dash-gap').innerText()).toBe('23');
    // The communities most short, each with a positive gap.
    const short = page.getByTestId('dash-most-short');
    await short.locator('.ant-table-row').first().waitFor();
    const rows = await short.locator('.ant-table-row').count();
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(8);
    for (const text of await short.locator('[data-testid^="dash-most-short-gap-"]').allInnerTexts())
      expect(Number(text)).toBeGreaterThan(0);
    // The streets as a chart and a table.
    await page.getByTestId('dash-children-chart').locator('canvas').first().waitFor();
    expect(await page.getByTestId('dash-children').innerText()).toContain('勐海镇');
    // Every due tile is there with its rule.
    for (const key of [
      'trainingOverdue',
      'probation',
      'contracts',
      'retirements',
      'unfiled',
      'assessment',
      'subsidies',
    ]) {
      await page.getByTestId(`dash-tile-${key}`).waitFor();
      expect((await page.getByTestId(`dash-tile-rule-${key}`).innerText()).length, key).toBeGreaterThan(10);
    }
    expect(await page.getByTestId('dash-tile-rule-trainingOverdue').innerText()).toContain('每 3 年至少 1 次');
    // The grouped menu: the groups show, the entries keep their test ids.
    for (const g of ['home', 'workforce', 'training', 'stats', 'system'])
      await page.getByTestId(`menu-group-${g}`).waitFor();
    for (const m of ['dashboard', 'workers', 'staffing', 'lifecycle', 'training', 'assessment', 'stats', 'users'])
      await page.getByTestId(`menu-${m}`).waitFor();
    await shot('80-dashboard-county');

    // The overdue tile opens the compliance list filtered to overdue, with the same count.
    const overdue = Number(
      (await page.getByTestId('dash-tile-trainingOverdue').locator('.ant-statistic-content-value').innerText()).replace(
        /\D/g,
        '',
      ),
    );
    expect(overdue).toBeGreaterThan(0);
    await page.getByTestId('dash-tile-link-trainingOverdue').click();
    await page.waitForURL(new RegExp(`/training/compliance/${MENGHAI}\\?status=overdue$`));
    await page.getByTestId('training-rule').waitFor();
    const listed = Number(
      (await page.getByTestId('compliance-count-overdue').locator('.ant-statistic-content-value').innerText()).replace(
        /\D/g,
        '',
      ),
    );
    expect(listed).toBe(overdue);
    await page.locator('[data-testid^="compliance-status-"]').first().waitFor();
    const statuses = await page.locator('[data-testid^="compliance-status-"]').allInnerTexts();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['逾期']));

    // Back on the dashboard through the menu; the staffing link opens the staffing page.
    await page.getByTestId('menu-dashboard').click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByTestId('dash-staffing-link').click();
    await page.waitForURL(`**/staffing/${MENGHAI}`);
    expectNoErrors(e);
  }, 120_000);

  it('the worker user sees their own page: grade, pay, training, contract, probation', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await page.getByTestId('login-submit').waitFor();
    await signIn(e, 'demo-worker');
    expect(await page.getByTestId('dashboard-page').getAttribute('data-kind')).toBe('worker');
    const me = page.getByTestId('dash-worker');
    await me.waitFor();
    expect(await page.getByTestId('dash-worker-grade').innerText()).toMatch(/岗位第 \d+ 级/);
    expect(await page.getByTestId('dash-worker-pay').innerText()).toMatch(/^\d{1,3}(,\d{3})*\.\d{2} 元$/);
    expect(await page.getByTestId('dash-worker-training').innerText()).toMatch(/已达标|即将到期|未培训|逾期|不适用/);
    await page.getByTestId('dash-worker-contract').waitFor();
    expect(await page.getByTestId('dash-worker-probation').innerText()).toBe('不在试用期');
    expect(await me.innerText()).toContain('法定退休日期');
    // No office figures for a worker.
    expect(await page.getByTestId('dash-staffing').count()).toBe(0);
    expect(await page.getByTestId('dash-tiles').count()).toBe(0);
    await shot('81-dashboard-worker');
    // The pay opens the worker's own pay tab.
    await page.getByTestId('dash-worker-pay').click();
    await page.waitForURL(/\/workers\/\d+\?tab=pay$/);
    await page.getByTestId('worker-pay').getByText('月应发合计').first().waitFor();
    expectNoErrors(e);
  }, 120_000);

  interface Dash {
    kind: string;
    region: { code: string; name: string; level: string } | null;
    staffing: { gap: number; quota: number; headcount: number } | null;
    children: unknown[];
    mostShort: { code: string; gap: number }[];
    tiles: { key: string; value: number | null; rule: string }[];
    recent: unknown[];
  }
  const value = async (key: string) =>
    (await page.getByTestId(`dash-tile-${key}`).locator('.ant-statistic-content-value').innerText()).replace(/\D/g, '');

  it.each([
    ['demo-city', 'overview', '西双版纳傣族自治州'],
    ['demo-street', 'office', null],
    ['demo-community', 'office', null],
    ['demo-admin', 'admin', null],
  ] as const)(
    '%s lands on a %s page showing what the API says for them',
    async (user, kind, regionName) => {
      await page.getByTestId('logout').click();
      await page.waitForURL('**/login');
      await signIn(e, user);
      const api = (await (await page.request.get(`${e.server.url}/api/dashboard`)).json()) as Dash;
      expect(api.kind).toBe(kind);
      expect(await page.getByTestId('dashboard-page').getAttribute('data-kind')).toBe(kind);
      if (regionName) expect(api.region?.name).toBe(regionName);
      // The title names the user's region.
      expect(await page.getByTestId('dashboard-page').locator('h3').innerText()).toContain(api.region!.name);
      // Staffing: the headline and the gap as the API computes them (the administrator has none).
      if (api.staffing) {
        expect(await page.getByTestId('dash-gap').innerText()).toBe(String(api.staffing.gap));
        expect(await page.getByTestId('dash-headline').innerText()).toContain(api.region!.name);
      } else expect(await page.getByTestId('dash-staffing').count()).toBe(0);
      // Every tile the API gives, with its value and its rule; no other tile.
      expect(api.tiles.length).toBeGreaterThan(0);
      for (const tile of api.tiles) {
        if (tile.value !== null) expect(await value(tile.key), tile.key).toBe(String(tile.value));
        expect(await page.getByTestId(`dash-tile-rule-${tile.key}`).innerText()).toBe(`规则：${tile.rule}`);
      }
      expect(await page.locator('[data-testid^="dash-tile-rule-"]').count()).toBe(api.tiles.length);
      if (kind === 'overview') {
        // A city compares its counties: the short ones are counted, the statistics are one click away.
        expect(api.tiles.map((x) => x.key)).toEqual(['shortChildren', 'stats']);
        expect(api.children.length).toBe(3);
        await page.getByTestId('dash-children-chart').locator('canvas').first().waitFor();
        expect(await page.getByTestId('dash-most-short').count()).toBe(0);
      }
      if (kind === 'office' && api.region!.level === 'street') {
        const rows = page.getByTestId('dash-most-short').locator('.ant-table-row');
        if (api.mostShort.length) {
          await rows.first().waitFor();
          expect(await rows.count()).toBe(api.mostShort.length);
        }
      }
      if (kind === 'office' && api.region!.level === 'community') {
        // A community has no communities below it to compare: no most-short table, its own due lists only.
        expect(await page.getByTestId('dash-most-short').count()).toBe(0);
        expect(api.tiles.map((x) => x.key)).toContain('trainingOverdue');
      }
      if (kind === 'admin') {
        expect(api.tiles.map((x) => x.key)).toEqual(['users', 'audit']);
        expect(Number(await value('users'))).toBeGreaterThanOrEqual(7); // the seven demo accounts
        const recent = page.getByTestId('dash-recent').locator('.ant-table-row');
        await recent.first().waitFor();
        expect(await recent.count()).toBe(api.recent.length);
      }
      await shot(`82-dashboard-${user}`);
      expectNoErrors(e);
    },
    120_000,
  );
});
