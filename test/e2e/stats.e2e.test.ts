/**
 * End-to-end: the statistics page (F-STATS) in the built web app against the real server with the
 * demo data. The county user opens 队伍统计 for 勐海县: headline and the totals row agree, charts draw,
 * a child region opens its own figures, a count opens the masked list of workers behind it, a past
 * date reads the history, the report downloads, the 2025 year-end is approved and shows no differences.
 * Needs `npm run build:web` first (the server serves web/dist).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type E2E, expectNoErrors, openE2E, signIn } from './harness.js';

const MENGHAI = '532822000000'; // 勐海县

describe('statistics (e2e)', () => {
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

  it('figures of 勐海县 with tables, charts, drill-down, a past date, export and a year-end snapshot', async () => {
    await signIn(e, 'demo-county');

    await page.getByTestId('menu-stats').click();
    await page.waitForURL(`**/stats/${MENGHAI}`);
    await expect(page.getByTestId('stats-region-name').innerText()).resolves.toBe('勐海县');
    const headline = Number(await page.getByTestId('stats-headcount').innerText());
    expect(headline).toBeGreaterThan(100);
    expect(await page.getByTestId('stats-basis').innerText()).toBe('实时');
    // The totals row of the first section is the headline; the gender chart draws.
    expect(Number(await page.getByTestId('stats-cell-headcount-total-total').innerText())).toBe(headline);
    await page.getByTestId('stats-chart-gender').locator('canvas').first().waitFor();
    await page.getByTestId('stats-trend-chart').locator('canvas').first().waitFor();
    // The pay section: money in 元 with two decimals, the ratio in % with two, the count as a number.
    const pay = page.getByTestId('stats-section-pay');
    expect(await pay.innerText()).toContain('平均工资参照');
    expect(await pay.getByTestId('stats-cell-pay-meanPay-total').innerText()).toMatch(/^\d{1,3}(,\d{3})*\.\d{2} 元$/);
    expect(await pay.getByTestId('stats-cell-pay-reference-total').innerText()).toBe('7,000.00 元');
    expect(await pay.getByTestId('stats-cell-pay-ratio-total').innerText()).toMatch(/^\d+\.\d{2}$/);
    expect(Number(await pay.getByTestId('stats-cell-pay-workers-total').innerText())).toBeGreaterThan(100);
    await shot('70-stats-county');

    // The women behind the figure: a masked list, as long as the count says.
    const female = page.getByTestId('stats-cell-gender-female-total');
    const n = Number(await female.innerText());
    await female.click();
    const drawer = page.getByTestId('stats-drawer');
    await drawer.getByTestId('stats-drawer-id').first().waitFor();
    expect(await drawer.locator('.ant-drawer-title').innerText()).toContain(`${n} 人`);
    for (const id of await drawer.getByTestId('stats-drawer-id').allInnerTexts())
      expect(id).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The workers paid: a list as long as the count, each with their monthly pay in 元.
    const paid = pay.getByTestId('stats-cell-pay-workers-total');
    const np = Number(await paid.innerText());
    await paid.click();
    await drawer.getByTestId('stats-drawer-note').first().waitFor();
    expect(await drawer.locator('.ant-drawer-title').innerText()).toContain(`${np} 人`);
    for (const note of await drawer.getByTestId('stats-drawer-note').allInnerTexts())
      expect(note).toMatch(/^月应发 \d{1,3}(,\d{3})*\.\d{2} 元$/);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The report downloads as .xlsx.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^社区工作者统计_勐海县_\d{4}-\d{2}-\d{2}\.xlsx$/);

    // Approve the last year-end; its differences are none.
    await page.getByTestId('stats-approve').click();
    await page.getByTestId('stats-approve-confirm').click();
    const lastYear = new Date().getFullYear() - 1;
    await page.getByTestId(`stats-snapshot-diff-${lastYear}`).click();
    await page.getByTestId('stats-no-diff').waitFor();
    await page.keyboard.press('Escape');

    // A past date reads the history.
    await page.getByTestId('stats-date').fill(`${lastYear}-12-31`);
    await page.waitForURL(/date=\d{4}-12-31/);
    await page.getByTestId('stats-basis').filter({ hasText: '历史' }).waitFor();

    // A street: its own page, its communities as rows.
    await page.goto(`${e.server.url}/stats/${MENGHAI}`);
    const child = page.locator('[data-testid^="stats-child-532822"]').first();
    const childName = await child.innerText();
    await child.click();
    await page.waitForURL(/\/stats\/5328221\d{5}/);
    await page
      .getByTestId('stats-region-name')
      .filter({ hasText: new RegExp(`^${childName}$`) })
      .waitFor();
    await page.getByTestId('stats-headcount').waitFor();
    await shot('71-stats-street');

    expectNoErrors(e);
  }, 180_000);
});
