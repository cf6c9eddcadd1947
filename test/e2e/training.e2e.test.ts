/**
 * End-to-end: training (issue 5) in the built web app against the real server with the demo data.
 * The county user (勐海县) opens the compliance dashboard, picks an overdue worker, creates a program,
 * enrols the worker, marks them completed, and sees them compliant (worker page) and one fewer overdue.
 * Needs the built web app (web/dist).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type E2E, expectNoErrors, openE2E, signIn } from './harness.js';

const MENGHAI = '532822000000';

/** A date `days` before today (the server's today, Asia/Shanghai) as YYYY年MM月DD日. */
const daysAgo = (days: number) => {
  const d = new Date(Date.now() + 8 * 3600_000 - days * 86400_000);
  return `${d.getUTCFullYear()}年${String(d.getUTCMonth() + 1).padStart(2, '0')}月${String(d.getUTCDate()).padStart(2, '0')}日`;
};

describe('training (e2e)', () => {
  let e: E2E;
  let page: Page;

  beforeAll(async () => {
    e = await openE2E();
    page = e.page;
  }, 120_000);

  afterAll(async () => {
    await e?.close();
  }, 60_000);

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const overdueCount = async () =>
    Number(
      (await page.getByTestId('compliance-count-overdue').locator('.ant-statistic-content-value').innerText()).replace(
        /\D/g,
        '',
      ),
    );

  it('create program → enrol → mark completed → the worker is compliant', async () => {
    await signIn(e, 'demo-county');
    // the overdue tile on the 工作台, and on the county's page
    await page.getByTestId('dash-tile-trainingOverdue').waitFor();
    await page.getByTestId('menu-regions').click();
    await page.waitForURL(`**/regions/${MENGHAI}`);
    await page.getByTestId('tile-overdue').waitFor();

    // 1. the compliance dashboard: an overdue worker, with the rule and the arithmetic
    await page.goto(`${e.server.url}/training/compliance/${MENGHAI}`);
    await page.getByTestId('training-rule').waitFor();
    expect(await page.getByTestId('training-rule').innerText()).toContain('每 3 年至少 1 次');
    const before = await overdueCount();
    expect(before).toBeGreaterThan(0);
    await page.getByTestId('compliance-filter').getByText('逾期').click();
    const firstTag = page.getByTestId('compliance-list').locator('[data-testid^="compliance-status-"]').first();
    await firstTag.waitFor();
    expect(await firstTag.innerText()).toBe('逾期');
    const workerId = Number((await firstTag.getAttribute('data-testid'))!.replace('compliance-status-', ''));
    const row = page.getByTestId('compliance-list').locator('.ant-table-row').first();
    const name = await row.locator('td a').first().innerText();
    await row.locator('.ant-table-row-expand-icon').click();
    expect(await page.getByTestId('compliance-arithmetic').first().innerText()).toContain('逾期');
    await shot('50-training-compliance');

    // 2. a new program, held last week
    await page.getByTestId('menu-training').click();
    await page.waitForURL('**/training');
    await page.getByTestId('program-new').click();
    await page.getByTestId('program-title').fill('勐海县社区工作者补训班');
    await page.getByTestId('program-subjects').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '政策法规' }).click();
    await page.getByTestId('program-title').click(); // close the dropdown
    // The choice is in the field before going on (under load a click on the option has been lost).
    await expect
      .poll(async () => page.getByTestId('program-subjects').innerText(), { timeout: 30_000 })
      .toContain('政策法规');
    await page.getByTestId('program-hours').fill('8');
    for (const [id, date] of [
      ['program-start', daysAgo(8)],
      ['program-end', daysAgo(7)],
    ]) {
      await page.getByTestId(id).click();
      await page.getByTestId(id).fill(date);
      await page.getByTestId(id).press('Enter');
      await expect.poll(async () => page.getByTestId(id).inputValue(), { timeout: 30_000 }).toBe(date);
    }
    await page.getByTestId('program-save').click();
    // Saved (the program's page) or refused: then the form's messages say why.
    const outcome = await Promise.race([
      page.waitForURL(/\/training\/programs\/\d+$/).then(() => 'saved'),
      page
        .locator('.ant-form-item-explain-error, .ant-message-error')
        .first()
        .waitFor()
        .then(
          async () =>
            `refused: ${(await page.locator('.ant-form-item-explain-error, .ant-message-error').allInnerTexts()).join(' / ')}`,
        ),
    ]);
    expect(outcome).toBe('saved');
    expect(await page.getByTestId('program-title-text').innerText()).toBe('勐海县社区工作者补训班');

    // 3. enrol the overdue worker
    await page.getByTestId('program-enrol').click();
    await page.getByTestId('enrol-workers').click();
    await page.keyboard.type(name);
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: `编号 ${workerId}）` })
      .click();
    await page.keyboard.press('Escape'); // close the dropdown of the multiple select
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await page.getByTestId('enrol-save').click();
    await page.getByTestId(`enrolment-status-${workerId}`).waitFor();
    expect(await page.getByTestId(`enrolment-status-${workerId}`).innerText()).toBe('已报名');

    // 4. mark completed
    await page.getByTestId(`mark-completed-${workerId}`).click();
    await page.getByTestId(`enrolment-status-${workerId}`).filter({ hasText: '已结业' }).waitFor();
    expect(await page.getByTestId('program-counts').innerText()).toBe('1 / 1');
    await shot('51-training-program');

    // 5. compliant on the worker page, one fewer overdue on the dashboard
    await page.goto(`${e.server.url}/workers/${workerId}`);
    await page.getByTestId('worker-tab-training').click();
    await page.getByTestId('worker-training-status').filter({ hasText: '已达标' }).waitFor();
    expect(await page.getByTestId('worker-training').innerText()).toContain('勐海县社区工作者补训班');
    await page.goto(`${e.server.url}/training/compliance/${MENGHAI}`);
    await page.getByTestId('training-rule').waitFor();
    expect(await overdueCount()).toBe(before - 1);

    expectNoErrors(e);
  }, 90_000);
});
