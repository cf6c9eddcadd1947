/**
 * End-to-end: sign-in security in the browser (issue 12, item 8). A street user turns on two-factor
 * sign-in (QR code, the secret typed out, a code computed here from that secret, ten recovery codes),
 * signs out and signs in with password then code; a recovery code signs in once; a new user with an
 * initial password is sent to change it before anything else; the platform administrator sees that the
 * demo accounts still use the demo password. Needs the built web app (web/dist).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../src/domain/totp.js';
import { ARTIFACTS, type E2E, expectNoErrors, openE2E, PASSWORD, signIn, submitLogin } from './harness.js';

describe('sign-in security (e2e)', () => {
  let e: E2E;
  let page: Page;
  let secret = '';
  let lastStep = -1;
  let recovery: string[] = [];

  /** A code the server has not seen yet: the current step, or the next one if that was used. */
  const freshCode = () => {
    const step = Math.max(totpStep(Date.now()), lastStep + 1);
    lastStep = step;
    return hotp(base32Decode(secret)!, step);
  };

  beforeAll(async () => {
    e = await openE2E();
    page = e.page;
  }, 120_000);
  afterAll(async () => {
    await e?.close();
  }, 60_000);

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  it('a street user turns on two-factor sign-in with the QR code and a code from the secret', async () => {
    await signIn(e, 'demo-street');
    await page.getByTestId('account-security').click();
    await page.waitForURL('**/security');
    await page.getByTestId('two-factor-start').click();
    await page.getByTestId('two-factor-qr').waitFor();
    secret = (await page.getByTestId('two-factor-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await shot('accounts-01-two-factor-setup');
    await page.getByTestId('two-factor-code').fill(freshCode());
    await page.getByTestId('two-factor-confirm').click();
    await page.getByTestId('recovery-codes').waitFor();
    recovery = await page.getByTestId('recovery-code').allInnerTexts();
    expect(recovery).toHaveLength(10);
    await shot('accounts-02-recovery-codes');
    await page.getByTestId('recovery-saved').click();
    await page.getByTestId('two-factor-state').waitFor();
    expect(await page.getByTestId('security-page').innerText()).toContain('剩余恢复码：10 个');
  }, 120_000);

  it('signs in with the password, then the code', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await submitLogin(page, 'demo-street');
    await page.getByTestId('login-two-factor').waitFor();
    expect(await page.getByTestId('login-two-factor').innerText()).toContain('请输入手机验证器上显示的 6 位数字');
    await shot('accounts-03-code-step');
    // A wrong code: the server's message, still on the code step.
    const right = freshCode();
    await page.getByTestId('login-code').fill(right === '000000' ? '000001' : '000000');
    await page.getByTestId('login-code-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').innerText()).toContain('验证码不正确或已使用过');
    await page.getByTestId('login-code').fill(right);
    await page.getByTestId('login-code-submit').click();
    await page.getByTestId('dashboard-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  }, 120_000);

  it('a recovery code signs in instead of a code', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await submitLogin(page, 'demo-street');
    await page.getByTestId('login-two-factor').waitFor();
    await page.getByText('改用恢复码').click();
    await page.getByTestId('login-code').fill(recovery[0]);
    await page.getByTestId('login-code-submit').click();
    await page.getByTestId('dashboard-page').waitFor();
    await page.getByTestId('account-security').click();
    await page.getByTestId('two-factor-state').waitFor();
    expect(await page.getByTestId('security-page').innerText()).toContain('剩余恢复码：9 个');
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
  }, 120_000);

  it('a new user with an initial password is sent to change it first', async () => {
    // The administrator creates the user through the API, as the users page does.
    const login = await fetch(`${e.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo-admin', password: PASSWORD }),
    });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await fetch(`${e.server.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        username: 'e2e-new-street',
        displayName: '新街道用户',
        role: 'street',
        regionCode: '532822102000',
        password: 'Initial#Pass-31',
      }),
    });
    expect(created.status).toBe(200);

    await page.goto(`${e.server.url}/login`);
    await submitLogin(page, 'e2e-new-street', 'Initial#Pass-31');
    await page.waitForURL('**/account/setup');
    expect(await page.getByTestId('account-setup').innerText()).toContain('请修改密码');
    await page.getByTestId('password-current').fill('Initial#Pass-31');
    // The server's rule: a password with the user name in it is refused, on the field.
    await page.getByTestId('password-new').fill('e2e-new-street-2031');
    await page.getByTestId('password-confirm').fill('e2e-new-street-2031');
    await page.getByTestId('password-submit').click();
    await page.getByText('密码不能包含用户名（也不能是用户名倒写）').waitFor();
    await shot('accounts-04-password-rule');
    await page.getByTestId('password-new').fill('Daluo#Border-58');
    await page.getByTestId('password-confirm').fill('Daluo#Border-58');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('dashboard-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
  }, 120_000);

  it('the platform administrator sees that the demo accounts keep the demo password', async () => {
    await signIn(e, 'demo-admin');
    const warnings = page.getByTestId('security-warnings');
    await warnings.waitFor();
    expect(await warnings.innerText()).toContain('仍在使用公开的演示密码 Shequ@2024');
    await shot('accounts-05-admin-warnings');
  }, 120_000);

  it('raised no uncaught errors in the page', () => {
    // The code steps answer 401 (code required, then the wrong code); the refused password 400.
    expectNoErrors(e, { requests: ['401 /api/auth/login', '400 /api/auth/password'], console: /status of 400/ });
  });
});
