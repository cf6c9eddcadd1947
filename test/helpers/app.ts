/** An app over a test database, with sign-in helpers for the demo accounts, driven by `inject()`. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { type AppOptions, buildApp } from '../../src/http/app.js';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { createTestDb, type Engine, type TestDb } from './db.js';

export interface TestApp extends TestDb {
  app: FastifyInstance;
  /** Signs in and returns a client carrying the cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
}

export interface Client {
  cookie: string;
  csrf: string;
  user: { id: number; username: string; role: string; regionCode: string } & Record<string, unknown>;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function createTestApp(engine: Engine, extra: Partial<AppOptions> = {}): Promise<TestApp> {
  const t = await createTestDb(engine);
  const app = await buildApp({ db: t.db, config: { ...loadConfig({}), sessionHours: 1 }, webRoot: null, ...extra });
  await app.ready();
  let n = 0;
  return {
    ...t,
    app,
    async close() {
      await app.close();
      await t.close();
    },
    async login(username, password = DEMO_PASSWORD) {
      // A distinct address per sign-in keeps the per-address limit out of unrelated tests.
      const remoteAddress = `10.9.${Math.floor(++n / 250)}.${n % 250}`;
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
        remoteAddress,
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = String(res.headers['set-cookie']).split(';')[0];
      const body = res.json();
      return {
        cookie,
        csrf: body.csrfToken,
        user: body.user,
        request: (opts: InjectOptions) =>
          app.inject({ ...opts, headers: { cookie, 'x-csrf-token': body.csrfToken, ...(opts.headers ?? {}) } }),
      };
    },
  };
}
