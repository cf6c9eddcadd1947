/**
 * End-to-end: the worker registry in the built web app against the real server with the demo data.
 * The street user (勐海镇, may import) opens 人员档案, imports a sheet whose third row has a bad check
 * character (dry run shows the error on that row), fixes it, imports it, and finds a new worker in the
 * roster with the 公开招聘 start on the worker's timeline (F-SCOPE, F-ONCE, F-ARCHIVE).
 * Needs `npx vite build --config web/vite.config.ts` first (the server serves web/dist).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { ARTIFACTS, type E2E, expectNoErrors, openE2E, signIn } from './harness.js';

const STREET = '532822101000'; // 勐海镇
const COMMUNITY = '532822101001'; // 沿河社区居民委员会

const HEADERS = ['姓名', '公民身份号码', '人员类别', '职务', '所在社区代码', '参加社区工作日期'];

/** Three new people; the third one's ID number gets a wrong check character in the first upload. */
const PEOPLE = [
  { name: '玉罕导入', id: makeIdNumber('532822', '1991-04-17', 262) },
  { name: '岩温导入', id: makeIdNumber('532822', '1988-11-02', 371) },
  { name: '依香导入', id: makeIdNumber('532822', '1993-07-29', 484) },
];

/** The same number with another check character. */
const badCheck = (id: string) => id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');

async function writeSheet(file: string, ids: string[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  ws.addRow(HEADERS);
  PEOPLE.forEach((p, i) => {
    ws.addRow([p.name, ids[i], '社区专职工作人员', '专职工作人员', COMMUNITY, '2020-03-01']);
  });
  // text cells, as an office would format an ID number column
  ws.getColumn(2).numFmt = '@';
  ws.getColumn(5).numFmt = '@';
  await wb.xlsx.writeFile(file);
}

describe('worker registry (e2e)', () => {
  let e: E2E;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'shequ-e2e-workers-'));
    e = await openE2E();
    ({ page } = e);
  }, 120_000);

  afterAll(async () => {
    await e?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('signs the street user in and lists the workers of 勐海镇', async () => {
    await signIn(e, 'demo-street');
    // the street's 工作台 is scoped to 勐海镇
    expect(await page.getByTestId('dash-staffing-link').getAttribute('href')).toBe(`/staffing/${STREET}`);

    await page.getByTestId('menu-workers').click();
    await page.waitForURL('**/workers');
    const table = page.getByTestId('workers-table');
    await table.locator('.ant-table-row').first().waitFor();
    expect(await table.locator('.ant-table-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('workers-page').innerText()).toMatch(/共 \d+ 条/);

    // the street may create, import and export
    await page.getByTestId('worker-create').waitFor();
    await page.getByTestId('worker-export').waitFor();
    // ID numbers in the list are masked
    const firstId = await table.locator('.ant-table-row').first().locator('.mono-text').first().innerText();
    expect(firstId).toMatch(/^\d{6}\*{8}[\dX*]{4}$/);
    await shot('10-workers-roster');

    // the export (current filters) and the import template arrive as .xlsx downloads
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByTestId('worker-export').click()]);
    expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('worker-template').click()]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
  }, 60_000);

  it('shows the bad row of a sheet in the dry run', async () => {
    await page.getByTestId('worker-import').click();
    await page.waitForURL('**/workers/import');

    const bad = path.join(dir, 'workers-bad.xlsx');
    await writeSheet(bad, [PEOPLE[0].id, PEOPLE[1].id, badCheck(PEOPLE[2].id)]);
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(bad);
    await page.getByText('workers-bad.xlsx').waitFor();
    await page.getByTestId('import-dry-run').click();

    const errors = page.getByTestId('import-errors');
    await errors.locator('.ant-table-row').first().waitFor();
    const rows = errors.locator('.ant-table-row');
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allInnerTexts();
    // header is row 1, so the third person is on row 4
    expect(cells[0]).toBe('4');
    expect(cells[1]).toBe('公民身份号码');
    expect(cells[2]).toContain('校验位');
    // all-or-nothing: nothing can be committed while a row is wrong
    await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(true);
    await shot('11-import-dry-run-errors');

    // the uploaded sheet, annotated with the error
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-error-report').click(),
    ]);
    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.readFile(await report.path());
    const sheet = annotated.worksheets[0];
    const row4 = (sheet.getRow(4).values as unknown[]).map((v) => String(v ?? '')).join('|');
    expect(row4).toContain('校验位');
  }, 60_000);

  it('imports the corrected sheet', async () => {
    await page.getByTestId('import-reupload').click();
    const good = path.join(dir, 'workers-fixed.xlsx');
    await writeSheet(
      good,
      PEOPLE.map((p) => p.id),
    );
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(good);
    await page.getByText('workers-fixed.xlsx').waitFor();
    await page.getByTestId('import-dry-run').click();

    await page.getByTestId('import-no-errors').waitFor();
    expect(await page.getByTestId('import-check').innerText()).toContain('导入 3 条');
    await shot('12-import-dry-run-clean');

    await page.getByTestId('import-commit').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('新增 3 人');
    await shot('13-import-done');
  }, 60_000);

  it('finds an imported worker in the roster, with the 公开招聘 start on the timeline', async () => {
    await page.getByTestId('import-to-roster').click();
    await page.waitForURL('**/workers');
    await page.getByTestId('worker-search').fill(PEOPLE[1].name);
    await page.getByTestId('worker-search-submit').click();

    const link = page.getByTestId('workers-table').getByRole('link', { name: PEOPLE[1].name });
    await link.waitFor();
    expect(await page.getByTestId('workers-table').locator('.ant-table-row').count()).toBe(1);
    await shot('14-roster-search');

    await link.click();
    await page.waitForURL(/\/workers\/\d+$/);
    await expect(page.getByTestId('worker-name-title').innerText()).resolves.toBe(PEOPLE[1].name);
    const info = await page.getByTestId('worker-info').innerText();
    expect(info).toContain('1988年11月02日'); // birth date from the ID number
    expect(info).toContain('社区专职工作人员');
    await shot('15-worker-info');

    await page.getByRole('tab', { name: '时间线' }).click();
    const timeline = page.getByTestId('worker-timeline');
    await timeline.waitFor();
    await page.waitForTimeout(400); // let the tab's ink bar settle before the screenshot
    const text = await timeline.innerText();
    expect(text).toContain('2020年03月01日');
    expect(text).toContain('公开招聘');
    await shot('16-worker-timeline');
  }, 60_000);

  it('raised no uncaught errors in the page', () => {
    expectNoErrors(e);
  });
});
