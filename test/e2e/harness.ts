/**
 * One browser session against the real server for an e2e file: the server over a clone of the demo
 * database, Debian's Chromium (the flags this machine needs), page errors and failed requests
 * collected, screenshots to test-artifacts/e2e. Needs the built web app (web/dist).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startTestServer } from '../helpers/server.js';

export const ARTIFACTS = path.resolve('test-artifacts/e2e');
export const PASSWORD = 'Shequ@2024';

export interface E2E {
  server: { url: string; close(): Promise<void> };
  browser: Browser;
  context: BrowserContext;
  page: Page;
  pageErrors: string[];
  consoleErrors: string[];
  /** "404 /api/…" for every response of 400 or more. */
  failedRequests: string[];
  close(): Promise<void>;
}

export async function openE2E(): Promise<E2E> {
  await mkdir(ARTIFACTS, { recursive: true });
  const server = await startTestServer();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  // Waits, not sleeps: generous because CI shares two cores with other jobs (a 30 s wait once ran out under load 15).
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  const page = await context.newPage();
  const e: E2E = {
    server,
    browser,
    context,
    page,
    pageErrors: [],
    consoleErrors: [],
    failedRequests: [],
    async close() {
      await context.close();
      await browser.close();
      await server.close();
    },
  };
  page.on('pageerror', (err) => e.pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') e.consoleErrors.push(msg.text());
  });
  page.on('response', (res) => {
    if (res.status() >= 400) e.failedRequests.push(`${res.status()} ${new URL(res.url()).pathname}`);
  });
  return e;
}

/** Fills the sign-in form and submits it (the page must show the form). */
export async function submitLogin(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Signs in through the form and waits for the landing page: every role lands on its 工作台 at `/`.
 * /login is loaded afresh, so no "back to where you were" left by an earlier session redirects the
 * new user (signing out of /staffing/… leaves that page as the sign-in page's return address).
 */
export async function signIn(e: E2E, username: string, password = PASSWORD): Promise<void> {
  const { page } = e;
  await page.goto(`${e.server.url}/login`);
  await submitLogin(page, username, password);
  await page.waitForURL((u) => u.pathname !== '/login');
  expect(new URL(page.url()).pathname, `${username} lands on the dashboard`).toBe('/');
  await page.getByTestId('dashboard-page').waitFor();
}

/** What a flow is expected to provoke: failed requests ("400 /api/…" or a pattern) and console errors. */
export interface ExpectedErrors {
  requests?: (string | RegExp)[];
  console?: RegExp;
}

/**
 * No uncaught page error, no failed request and no console error beyond the expected ones. The check
 * for the session (`401 /api/auth/me` before signing in) and its console line are always expected.
 */
export function expectNoErrors(e: E2E, expected: ExpectedErrors = {}): void {
  const requests = ['401 /api/auth/me', ...(expected.requests ?? [])];
  const isExpected = (r: string) => requests.some((x) => (typeof x === 'string' ? x === r : x.test(r)));
  expect(e.pageErrors).toEqual([]);
  expect(e.failedRequests.filter((r) => !isExpected(r))).toEqual([]);
  expect(e.consoleErrors.filter((x) => !/401|Unauthorized/i.test(x) && !(expected.console?.test(x) ?? false))).toEqual(
    [],
  );
}
