/**
 * Access control in one place. Every route declares `config.access`: 'public', 'session' (any signed-in
 * user) or a permission `resource.action`. A route under /api without it cannot be registered. Each
 * request is authenticated (session cookie or Bearer token), checked for the permission and, for a
 * state-changing request made with a cookie, for its CSRF token. Region scope is applied by the
 * services inside their queries. A user who must first change their password or turn on two-factor
 * sign-in reaches only the routes marked `signInStep` until they have.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.js';
import { DomainError, forbidden } from '../../domain/errors.js';
import { type Actor, can, PERMISSIONS, type Permission, type Role } from '../../domain/permissions.js';
import {
  type Authenticated,
  NOT_SIGNED_IN,
  sessionAuthenticator,
  signInObligation,
  tokenAuthenticator,
} from '../../services/auth.service.js';

export type Access = 'public' | 'session' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * Part of signing in (who am I, sign out, change the password, set up two-factor sign-in): open to a
     * user who still has to change their password or turn on two-factor sign-in.
     */
    signInStep?: boolean;
  }
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

export const SESSION_COOKIE = 'shequ_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in actor, or 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw NOT_SIGNED_IN();
  return request.auth.actor;
}

export function authOf(request: FastifyRequest): Authenticated {
  if (!request.auth) throw NOT_SIGNED_IN();
  return request.auth;
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

/** Every route the app registered, with its access rule (the route-table test walks this). */
export const routeTables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** The refusal while a sign-in obligation is open. */
const OBLIGATION_ERRORS = {
  password: () =>
    new DomainError(
      'forbidden',
      'PASSWORD_CHANGE_REQUIRED',
      '请先修改密码：这是初始密码或管理员重置的密码，修改后才能继续使用',
      [],
      'Change your password first',
    ),
  two_factor: () =>
    new DomainError(
      'forbidden',
      'TWO_FACTOR_SETUP_REQUIRED',
      '按安全策略，您的账号须先开启两步验证，开启后才能继续使用',
      [],
      'Turn on two-factor sign-in first',
    ),
};

export function installAuth(
  app: FastifyInstance,
  db: Database,
  opts: { requireTwoFactor?: readonly Role[] } = {},
): void {
  const requireTwoFactor = opts.requireTwoFactor ?? [];
  app.decorateRequest('auth', null);
  const table: RouteEntry[] = [];
  routeTables.set(app, table);

  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { access?: Access };
    for (const method of [route.method].flat())
      table.push({ method, url: route.url, access: config.access ?? 'public' });
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) {
      // Static web files and the API docs page are public by nature.
      route.config = { ...config, access: config.access ?? 'public' } as typeof route.config;
      return;
    }
    const access = config.access;
    if (!access || (access !== 'public' && access !== 'session' && !PERMISSIONS.includes(access))) {
      throw new Error(`route ${route.method} ${route.url} declares no access rule (config.access)`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') {
      // Public routes still learn who is calling (e.g. /api/auth/me is 'session', login is public).
      return;
    }
    const auth = await authenticate(db, request);
    if (!auth) throw NOT_SIGNED_IN();
    request.auth = auth;
    if (!SAFE_METHODS.has(request.method) && auth.sessionId) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !auth.csrfToken || !safeEqual(sent, auth.csrfToken)) {
        throw new DomainError('forbidden', 'CSRF', '请求缺少有效的 CSRF 令牌，请刷新页面后重试', [
          { field: 'x-csrf-token', message: '缺少或无效' },
        ]);
      }
    }
    if (auth.user && !request.routeOptions.config?.signInStep) {
      const obligation = signInObligation(auth.user, requireTwoFactor);
      if (obligation) throw OBLIGATION_ERRORS[obligation]();
    }
    if (access !== 'session' && !can(auth.actor, access)) throw forbidden();
    if (access === 'session' && auth.actor.type === 'token' && !SAFE_METHODS.has(request.method)) throw forbidden();
  });
}

async function authenticate(db: Database, request: FastifyRequest): Promise<Authenticated | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return tokenAuthenticator(db, header.slice(7).trim());
  const secret = request.cookies?.[SESSION_COOKIE];
  if (secret) return sessionAuthenticator(db, secret);
  return null;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
