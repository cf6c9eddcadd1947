/**
 * End-to-end: the built web app against the real server with the demo data.
 * Sign-in errors, the county user's region page scoped to 勐海县, and sign-out.
 * Needs `npx vite build --config web/vite.config.ts` first (the server serves web/dist).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type E2E, expectNoErrors, openE2E, signIn, submitLogin } from './harness.js';

const MENGHAI = '532822000000';

describe('web foundation (e2e)', () => {
  let e: E2E;
  let server: E2E['server'];
  let page: Page;

  beforeAll(async () => {
    e = await openE2E();
    ({ server, page } = e);
  }, 120_000);

  afterAll(async () => {
    await e?.close();
  }, 60_000);

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('rejects a wrong password with the server message', async () => {
    await page.goto(`${server.url}/login`);
    await expect(page.title()).resolves.toBe('社区工作者队伍管理平台');
    await submitLogin(page, 'demo-county', 'wrong-password-1');
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot('01-login-error');
  }, 60_000);

  it('signs the county user in to the 勐海县 region page, scoped to their county', async () => {
    await signIn(e, 'demo-county');
    // lands on the 工作台; the region page is one click away in the menu
    await page.getByTestId('menu-regions').click();
    await page.waitForURL(`**/regions/${MENGHAI}`);

    const table = page.getByTestId('children-table');
    await table.getByText('勐海镇', { exact: true }).waitFor();
    await expect(page.getByTestId('region-name').innerText()).resolves.toBe('勐海县');

    const tree = page.getByTestId('region-tree');
    await tree.getByText('勐海县', { exact: true }).waitFor();
    await tree.getByText('勐海镇', { exact: true }).waitFor();

    // the header shows who is signed in
    const userInfo = await page.getByTestId('user-info').innerText();
    expect(userInfo).toContain('县级社会工作部');
    expect(userInfo).toContain('勐海县');

    // nothing of 景洪市 (another county) leaks into the page or the tree
    const body = await page.locator('body').innerText();
    expect(body).not.toContain('允景洪街道');
    expect(body).not.toContain('景洪市');
    expect(await tree.innerText()).not.toContain('允景洪街道');

    await shot('02-region-menghai');
  }, 60_000);

  it('signs out back to the sign-in page', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await page.getByTestId('login-submit').waitFor();
    await shot('03-signed-out');

    // the session is gone: a protected page sends us back to /login
    await page.goto(`${server.url}/regions/${MENGHAI}`);
    await page.waitForURL('**/login');
  }, 60_000);

  it('raised no uncaught errors in the page', () => {
    // the wrong-password attempt fails with 401 (its console line is expected); anything else is not
    expectNoErrors(e, { requests: ['401 /api/auth/login'] });
  });
});
