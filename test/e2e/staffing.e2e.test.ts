/**
 * End-to-end: policy as data in the built web app against the real server with the demo data.
 * The county user (勐海县委社会工作部) opens 配备标准: 勐海县 is 缺员 by 23 (F-NORM), its streets and
 * towns are listed with their own figures; a worker from the roster shows the steps of her grade
 * (F-GRADE) and her monthly pay in 元 (F-PAY); the policy in force lists its sections and sources; the
 * yearly grade review previews and commits.
 * Needs `npx vite build --config web/vite.config.ts` first (the server serves web/dist).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type E2E, expectNoErrors, openE2E, signIn } from './harness.js';

const MENGHAI = '532822000000'; // 勐海县
/** The demo seeds 勐海县 this many short of its quota for the current year (src/seed/demo.ts DEMO_COUNTY_GAP). */
const GAP = 23;

describe('staffing, grade and pay (e2e)', () => {
  let e: E2E;
  let page: Page;

  beforeAll(async () => {
    e = await openE2E();
    ({ page } = e);
  }, 120_000);

  afterAll(async () => {
    await e?.close();
  }, 60_000);

  const shot = async (name: string) => {
    // from the top, so the sticky header is not painted over the middle of a full-page shot
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };

  it('shows 勐海县 short of its quota by 23, with its streets and towns', async () => {
    await signIn(e, 'demo-county');

    await page.getByTestId('menu-staffing').click();
    await page.waitForURL(`**/staffing/${MENGHAI}`);
    await expect(page.getByTestId('staffing-region-name').innerText()).resolves.toBe('勐海县');

    const status = page.getByTestId('staffing-status-tag');
    await status.waitFor();
    expect(await status.innerText()).toBe('缺员');
    expect(await page.getByTestId('staffing-gap').innerText()).toMatch(new RegExp(`(^|\\D)${GAP}(\\D|$)`));
    // the quota is explained: the rule, the inputs and the arithmetic
    const explanation = await page.getByTestId('staffing-explanation').innerText();
    expect(explanation).toContain('F-NORM');
    expect(explanation).toMatch(/10,000/);

    // the sub-regions: streets and towns, each linking to its own staffing page
    const table = page.getByTestId('staffing-children-table');
    await table.locator('.ant-table-row').first().waitFor();
    expect(await table.locator('.ant-table-row').count()).toBeGreaterThan(0);
    const firstRow = await table.locator('.ant-table-row').first().locator('td').allInnerTexts();
    expect(firstRow[1]).toBe('街道（乡镇）');
    expect(firstRow[7]).toMatch(/缺员|持平|超员/);
    await page.getByTestId('staffing-chart').locator('canvas').first().waitFor();
    await page.waitForTimeout(800); // let the chart's entry animation finish before the screenshot
    await shot('20-staffing-county');

    // drill down into the first street, then back up via the breadcrumb
    const childName = await table.getByTestId('staffing-child-link').first().innerText();
    await table.getByTestId('staffing-child-link').first().click();
    await page.waitForURL(/\/staffing\/5328221\d{5}/);
    // the page re-renders for the street once its figures arrive
    await page
      .getByTestId('staffing-region-name')
      .filter({ hasText: new RegExp(`^${childName}$`) })
      .waitFor();
    await page.getByTestId('staffing-status-tag').waitFor();
    await page.getByTestId('staffing-children-table').locator('.ant-table-row').first().waitFor();
    await page.getByRole('link', { name: '勐海县', exact: true }).click();
    await page.waitForURL(new RegExp(`/staffing/${MENGHAI}(\\?|$)`));
    await page
      .getByTestId('staffing-region-name')
      .filter({ hasText: /^勐海县$/ })
      .waitFor();

    // the figures by year
    await page.getByRole('tab', { name: '历年变化' }).click();
    const history = page.getByTestId('staffing-history');
    await history.waitFor();
    expect(await history.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await history.getByTestId('staffing-history-chart').locator('canvas').first().waitFor();
    await page.waitForTimeout(800);
    await shot('21-staffing-history');
  }, 90_000);

  it('explains a worker’s grade step by step and shows the pay in 元', async () => {
    await page.getByTestId('menu-workers').click();
    await page.waitForURL('**/workers');
    const roster = page.getByTestId('workers-table');
    await roster.locator('.ant-table-row').first().waitFor();
    await roster.getByTestId('worker-link').first().click();
    await page.waitForURL(/\/workers\/\d+$/);
    await page.getByTestId('worker-name-title').waitFor();

    await page.getByRole('tab', { name: '岗位等级' }).click();
    const steps = page.getByTestId('grade-steps');
    await steps.waitFor();
    expect(await steps.getByTestId('grade-step').count()).toBeGreaterThanOrEqual(5);
    const grade = await page.getByTestId('grade-value').innerText();
    expect(grade).toMatch(/^第 \d+ 级$/);
    const stepsText = await steps.innerText();
    expect(stepsText).toContain('岗位类别');
    expect(stepsText).toContain('社区工作年限');
    await page.waitForTimeout(400); // let the tab's ink bar settle before the screenshot
    await shot('22-worker-grade');

    await page.getByRole('tab', { name: '薪酬' }).click();
    const total = page.getByTestId('pay-total');
    await total.waitFor();
    expect(await total.innerText()).toMatch(/^\d{1,3}(,\d{3})*\.\d{2} 元$/);
    // the demo pay standard is an example and says so
    await page.getByTestId('pay-example').waitFor();
    expect(await page.getByTestId('pay-components').locator('.ant-table-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('pay-steps').innerText()).toContain('元');
    await page.waitForTimeout(400);
    await shot('23-worker-pay');
  }, 60_000);

  it('shows the policy in force with the documents that supplied each section', async () => {
    await page.getByTestId('menu-policies').click();
    await page.waitForURL('**/policies');
    const staffing = page.getByTestId('policy-section-staffing');
    await staffing.waitFor();
    expect(await staffing.innerText()).toContain('18');
    expect(await staffing.getByTestId('policy-source').count()).toBeGreaterThan(0);
    // the example pay standard is labelled 示例
    await page.getByTestId('policy-section-pay').getByTestId('policy-example').waitFor();
    await shot('24-policies-effective');

    await page.getByRole('tab', { name: '政策文件' }).click();
    const documents = page.getByTestId('policy-documents');
    await documents.locator('.ant-table-row').first().waitFor();
    expect(await documents.locator('.ant-table-row').count()).toBeGreaterThanOrEqual(3);

    // the editor: a bad grade range comes back with its JSON-pointer path
    await page.getByRole('tab', { name: '发布新版本' }).click();
    const editor = page.getByTestId('policy-editor');
    await editor.waitFor();
    await page.getByTestId('policy-document').fill('{ "staffing": { "perTenThousand": 18 ');
    await page.getByTestId('policy-validate').click();
    expect(await page.getByTestId('policy-errors').innerText()).toContain('JSON');
    await page.getByTestId('policy-document').fill('{ "staffing": { "perTenThousand": -1 } }');
    await page.getByTestId('policy-validate').click();
    await page.getByTestId('policy-valid').waitFor();
    await page.getByTestId('policy-title').fill('勐海县配备标准（测试）');
    await page.getByTestId('policy-effective-from').click();
    await page.keyboard.type('2027年01月01日');
    await page.keyboard.press('Enter');
    await page.getByTestId('policy-publish').click();
    const errors = page.getByTestId('policy-errors');
    await errors.locator('.ant-table-row').first().waitFor();
    expect(await errors.innerText()).toContain('/staffing/perTenThousand');
    await shot('25-policy-editor-errors');
  }, 60_000);

  it('previews the yearly grade review and commits it', async () => {
    await page.getByTestId('menu-grade-reviews').click();
    await page.waitForURL('**/grade-reviews');
    await page.getByTestId('grade-review-date').click();
    await page.keyboard.type('2027年01月01日');
    await page.keyboard.press('Enter');
    await page.getByTestId('grade-review-preview').click();
    const preview = page.getByTestId('grade-review-preview-result');
    await preview.waitFor();
    expect(await page.getByTestId('grade-review-summary').innerText()).toMatch(/\d+ 人等级变化，\d+ 人不变/);
    await shot('26-grade-review-preview');

    await page.getByTestId('grade-review-commit').click();
    const ok = page.locator('.ant-modal-confirm').getByRole('button', { name: '确认生效' });
    await ok.waitFor();
    // the commit writes one audit entry per changed worker: on a loaded CI machine it can take a while,
    // so wait for its answer (and say which one it was) rather than only for the page to change
    const [response] = await Promise.all([
      page.waitForResponse((r) => /\/api\/grade-reviews\/[^/]+\/commit$/.test(new URL(r.url()).pathname), {
        timeout: 90_000,
      }),
      ok.click(),
    ]);
    expect(response.status()).toBe(200);
    const result = page.getByTestId('grade-review-result');
    await result.waitFor({ timeout: 30_000 });
    await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
    expect(await result.innerText()).toMatch(/核定已生效：[\d,]+ 人的岗位等级已调整/);
    await shot('27-grade-review-committed');
  }, 120_000);

  it('raised no uncaught errors in the page', () => {
    // the refused policy version (400) is expected
    expectNoErrors(e, { requests: ['400 /api/policies'], console: /400|Bad Request/i });
  });
});
