/**
 * End-to-end: two clerks edit the same worker. The street user opens the edit form; meanwhile the
 * county changes the record through the API; the street user's save is refused (409, nothing written),
 * the page says so in Chinese and reloads the record, and a second edit of the current record saves.
 * Needs `npx vite build --config web/vite.config.ts` first (the server serves web/dist).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { ARTIFACTS, type E2E, expectNoErrors, openE2E, PASSWORD, signIn } from './harness.js';

const COMMUNITY = '532822101001'; // 沿河社区居民委员会, 勐海镇

/** A signed-in API session of another user, next to the browser's. */
async function apiSession(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = String(res.headers.get('set-cookie')).split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method: string, pathname: string, body?: unknown) => {
    const r = await fetch(`${url}${pathname}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, body: (await r.json()) as { worker: { id: number; major: string | null } } };
  };
}

describe('two clerks edit one worker (e2e)', () => {
  let e: E2E;
  let page: Page;
  let county: Awaited<ReturnType<typeof apiSession>>;
  let id: number;

  beforeAll(async () => {
    e = await openE2E();
    ({ page } = e);
    county = await apiSession(e.server.url, 'demo-county');
    const created = await county('POST', '/api/workers', {
      name: '并发编辑',
      idNumber: makeIdNumber('532822', '1990-08-08', 777),
      category: 'staff',
      position: 'staff',
      regionCode: COMMUNITY,
      startDate: '2019-05-06',
      major: '原专业',
    });
    expect(created.status).toBe(200);
    id = created.body.worker.id;
  }, 120_000);

  afterAll(async () => {
    await e?.close();
  }, 60_000);

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const major = () => page.locator('#workerEdit_major');
  const save = () =>
    page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();

  it('refuses a save based on an older record, says so, and reloads it', async () => {
    await signIn(e, 'demo-street');
    await page.goto(`${e.server.url}/workers/${id}`);
    await page.getByTestId('worker-edit').click();
    await page.getByTestId('worker-edit-form').waitFor();
    expect(await major().inputValue()).toBe('原专业');
    await major().fill('街道修改');

    // Meanwhile the county changes the same record.
    const other = await county('PATCH', `/api/workers/${id}`, { major: '县里修改' });
    expect(other.status).toBe(200);

    await save();
    await page.getByText('该记录已被他人修改，已重新载入最新内容，请核对后重新编辑').waitFor();
    await shot('stale-edit-refused');
    // Nothing of the street's form was written; the page shows the county's change.
    expect((await county('GET', `/api/workers/${id}`)).body.worker.major).toBe('县里修改');
    await expect(page.getByTestId('worker-info').innerText()).resolves.toContain('县里修改');
  }, 90_000);

  it('saves an edit of the current record', async () => {
    await page.getByTestId('worker-edit').click();
    await page.getByTestId('worker-edit-form').waitFor();
    expect(await major().inputValue()).toBe('县里修改');
    await major().fill('街道修改');
    await save();
    await page.getByText('已保存').waitFor();
    expect((await county('GET', `/api/workers/${id}`)).body.worker.major).toBe('街道修改');
    await expect(page.getByTestId('worker-info').innerText()).resolves.toContain('街道修改');
    await shot('stale-edit-saved');
  }, 90_000);

  it('raised no errors beyond the refused save', () => {
    expectNoErrors(e, { requests: [`409 /api/workers/${id}`], console: /409|Conflict/i });
  });
});
