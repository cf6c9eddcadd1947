import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { forbidden } from '../../../domain/errors.js';
import { loginer, logouter, passwordChanger } from '../../../services/auth.service.js';
import { presentMe } from '../../../services/user.service.js';
import type { AppContext } from '../../context.js';
import { authOf, SESSION_COOKIE } from '../../plugins/auth.js';
import { ErrorSchema, errorResponses, MeSchema, Ok } from '../../schemas.js';

const Session = Type.Object({ user: MeSchema, csrfToken: Type.String() });

export default async function authRoutes(app: FastifyInstance, { db, config, ctx }: AppContext) {
  app.post<{ Body: { username: string; password: string; code?: string } }>('/api/auth/login', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: '登录',
      body: Type.Object(
        {
          username: Type.String({ minLength: 1, maxLength: 100 }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
          code: Type.Optional(
            Type.String({ maxLength: 20, description: '两步验证码（6 位数字）或恢复码；开启两步验证的账号必填' }),
          ),
        },
        { additionalProperties: false },
      ),
      response: {
        200: Session,
        400: ErrorSchema,
        401: ErrorSchema,
        403: ErrorSchema,
        423: ErrorSchema,
        429: ErrorSchema,
      },
    },
    handler: async (request, reply) => {
      const result = await loginer(
        db,
        {
          ...request.body,
          secretKey: config.secretKey,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
          sessionHours: config.sessionHours,
        },
        ctx(request),
      );
      reply.setCookie(SESSION_COOKIE, result.sessionSecret, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        maxAge: config.sessionHours * 3600,
      });
      return { user: presentMe(result.user, config.requireTwoFactor), csrfToken: result.csrfToken };
    },
  });

  app.post('/api/auth/logout', {
    config: { access: 'session', signInStep: true },
    schema: { tags: ['auth'], summary: '退出登录', response: { 200: Ok, ...errorResponses } },
    handler: async (request, reply) => {
      await logouter(db, authOf(request), ctx(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  app.get('/api/auth/me', {
    config: { access: 'session', signInStep: true },
    schema: { tags: ['auth'], summary: '当前用户', response: { 200: Session, ...errorResponses } },
    handler: async (request) => {
      const auth = authOf(request);
      if (!auth.user) throw forbidden('接口令牌没有用户信息');
      return { user: presentMe(auth.user, config.requireTwoFactor), csrfToken: auth.csrfToken ?? '' };
    },
  });

  app.post<{ Body: { currentPassword: string; newPassword: string } }>('/api/auth/password', {
    config: { access: 'session', signInStep: true },
    schema: {
      tags: ['auth'],
      summary: '修改密码',
      body: Type.Object(
        {
          currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
          newPassword: Type.String({ minLength: 1, maxLength: 200 }),
        },
        { additionalProperties: false },
      ),
      response: { 200: Ok, ...errorResponses },
    },
    handler: async (request) => {
      await passwordChanger(db, authOf(request), request.body, ctx(request));
      return { ok: true as const };
    },
  });
}
