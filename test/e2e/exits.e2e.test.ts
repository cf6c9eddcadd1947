/**
 * End-to-end (issue 6, F-EXIT): the street user proposes a resignation for a 沿河社区 worker with the
 * 辞职申请书 uploaded as a PDF; the county user approves it on the 离岗审批 tab; the worker shows 离岗,
 * the request is in the approved list with its document, and the staffing headcount drops by one.
 * Needs `npm run build:web` first (the server serves web/dist).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type E2E, expectNoErrors, openE2E, signIn } from './harness.js';

const YANHE = '532822101001';
const daysAgo = (n: number) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

describe('exit request with a document, approved by the county (e2e)', () => {
  let e: E2E;
  let page: Page;
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'shequ-e2e-exits-'));
    e = await openE2E();
    page = e.page;
    url = e.server.url;
  }, 120_000);
  afterAll(async () => {
    await e?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const login = async (username: string) => {
    await e.context.clearCookies();
    await signIn(e, username);
  };
  const headcount = () =>
    page.evaluate(
      async (code) => (await (await fetch(`/api/regions/${code}/staffing`)).json()).headcount as number,
      YANHE,
    );

  it('street proposes a resignation with an uploaded 辞职申请书 → county approves → the worker is 离岗 and listed', async () => {
    const pdf = path.join(dir, '辞职申请书.pdf');
    await writeFile(pdf, `%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

    await login('demo-street');
    const worker = await page.evaluate(async (code) => {
      const res = await (
        await fetch(`/api/workers?region=${code}&position=staff&status=active&sort=id&desc=true&pageSize=1`)
      ).json();
      return res.items[0] as { id: number; name: string };
    }, YANHE);
    const before = await headcount();

    await page.goto(`${url}/workers/${worker.id}`);
    await page.getByTestId('worker-exit').click();
    const form = page.getByTestId('worker-exit-form');
    await form.waitFor();
    await page.getByTestId('exit-type-resignation').click();
    // the required document is put in the first row; the statutory retirement date is shown
    await page.getByTestId('exit-statutory').waitFor();
    await page.getByTestId('exit-doc-0').waitFor();
    await page.getByTestId('exit-date').fill(daysAgo(3));
    await page.getByTestId('exit-reason').fill('家庭原因，本人申请辞职');
    await page.getByTestId('exit-doc-0').locator('input[type=file]').setInputFiles(pdf);
    await page.getByTestId('exit-doc-0').getByText('辞职申请书.pdf').waitFor();
    await shot('70-exit-proposal');
    await page.getByTestId('exit-submit').click();
    await page.getByText('离岗申请已提交，待县级社会工作部审批').waitFor();
    // still serving until approved; the request and its document on the worker's timeline
    await page.getByRole('tab', { name: '时间线' }).click();
    const mine = page.getByTestId('worker-exit-requests');
    await mine.getByText('待审批').waitFor();
    await mine.getByText('辞职申请书.pdf').waitFor();
    expect(await headcount()).toBe(before);

    await login('demo-county');
    await page.goto(`${url}/lifecycle?tab=exits`);
    const row = page.getByTestId('exits-table').locator('.ant-table-row', { hasText: worker.name }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('待审批');
    await shot('71-exit-pending');
    await row.locator('[data-testid^="exit-approve-"]').click();
    await page.getByTestId('exit-decide-text').fill('材料齐全，同意');
    await page.getByTestId('exit-decide-ok').click();
    await row.getByText('已批准').waitFor();

    // in the approved list, with its document
    await page.getByTestId('exits-tab').locator('.ant-radio-button-wrapper', { hasText: '已批准' }).click();
    const approved = page.getByTestId('exits-table').locator('.ant-table-row', { hasText: worker.name }).first();
    await approved.waitFor();
    await approved.locator('.ant-table-row-expand-icon').click();
    await page.getByRole('link', { name: '辞职申请书.pdf' }).first().waitFor();
    await shot('72-exit-approved');

    // the worker shows 离岗; the headcount dropped by one
    await page.goto(`${url}/workers/${worker.id}`);
    await page.getByTestId('worker-exited-banner').waitFor();
    expect(await page.getByTestId('worker-exited-banner').innerText()).toContain('辞职');
    expect(await headcount()).toBe(before - 1);
    await shot('73-worker-exited');
    expectNoErrors(e);
  }, 120_000);
});
