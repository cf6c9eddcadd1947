/** Small assertions shared by the HTTP tests: the one error shape, Bearer requests, fresh users. */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Client, TestApp } from './app.js';

export interface ErrorBody {
  code: string;
  message: string;
  fields: { field: string; message: string }[];
}

/**
 * Asserts the status and that the body is exactly `{error:{code,message,fields}}` with the given code;
 * returns the error for further checks.
 */
export function expectError(res: LightMyRequestResponse, status: number, code: string): ErrorBody {
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status });
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'fields', 'message']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(Array.isArray(body.error.fields)).toBe(true);
  for (const f of body.error.fields) expect(Object.keys(f).sort()).toEqual(['field', 'message']);
  return body.error;
}

/** A request with `Authorization: Bearer <secret>` and no cookie or CSRF header. */
export const withToken = (t: TestApp, secret: string, opts: InjectOptions): Promise<LightMyRequestResponse> =>
  t.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), authorization: `Bearer ${secret}` } });

let addressCounter = 0;
/** A sign-in address no other test uses, so the per-address limit never leaks between tests. */
export const freshAddress = (): string => {
  addressCounter++;
  return `10.${100 + (process.pid % 100)}.${Math.floor(addressCounter / 250)}.${addressCounter % 250}`;
};

/** Signs in from a fresh address without throwing; for asserting on failures. */
export const tryLogin = (
  t: TestApp,
  username: string,
  password: string,
  remoteAddress = freshAddress(),
): Promise<LightMyRequestResponse> =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

/** A password the rule accepts (src/domain/password.ts), for users the tests create. */
export const TEST_PASSWORD = 'Lancang#River7';

/**
 * Signs in a user created through the API (their password is an initial one, so the server answers only
 * the sign-in steps), changes the password as the user would, and returns the session, now usable.
 */
export async function signInFirstTime(t: TestApp, username: string, password = TEST_PASSWORD): Promise<Client> {
  const client = await t.login(username, password);
  const res = await client.request({
    method: 'POST',
    url: '/api/auth/password',
    payload: { currentPassword: password, newPassword: `Renewed-${password}` },
  });
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status: 200 });
  return client;
}

/** Creates a user through the API (as `admin`) and returns its id; fails the test if refused. */
export async function createUser(
  admin: Client,
  u: { username: string; role: string; regionCode: string; password?: string; displayName?: string },
): Promise<number> {
  const res = await admin.request({
    method: 'POST',
    url: '/api/users',
    payload: {
      displayName: u.displayName ?? `测试用户 ${u.username}`,
      password: u.password ?? TEST_PASSWORD,
      username: u.username,
      role: u.role,
      regionCode: u.regionCode,
    },
  });
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status: 200 });
  return res.json().user.id;
}
