/**
 * Builds the Fastify application (never listens): security headers, validation, one error shape,
 * access control, OpenAPI, the API routes and the web app.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { type Config, projectRoot } from '../config.js';
import type { Database } from '../db/database.js';
import type { AuditKeyring } from '../domain/audit-checkpoint.js';
import { newSecurityState } from '../services/security.service.js';
import type { AppContext, RouteModule, TypeBoxTypeProvider } from './context.js';
import { installAuth } from './plugins/auth.js';
import { installDbQueue } from './plugins/db-queue.js';
import { errorBody, installErrorHandler } from './plugins/errors.js';
import { installProxyCheck } from './plugins/proxy-check.js';
import { installValidation } from './plugins/validation.js';
import assessmentRoutes from './routes/assessment/index.js';
import auditRoutes from './routes/audit/index.js';
import authRoutes from './routes/auth/index.js';
import backupRoutes from './routes/backup/index.js';
import careRoutes from './routes/care/index.js';
import contractRoutes from './routes/contracts/index.js';
import dashboardRoutes from './routes/dashboard/index.js';
import exitRoutes from './routes/exits/index.js';
import gradeRoutes from './routes/grades/index.js';
import importRoutes from './routes/imports/index.js';
import lifecycleRoutes from './routes/lifecycle/index.js';
import policyRoutes from './routes/policies/index.js';
import recruitmentRoutes from './routes/recruitment/index.js';
import regionRoutes from './routes/regions/index.js';
import secretaryRoutes from './routes/secretaries/index.js';
import staffingRoutes from './routes/staffing/index.js';
import statsRoutes from './routes/stats/index.js';
import systemRoutes from './routes/system/index.js';
import termRoutes from './routes/terms/index.js';
import tokenRoutes from './routes/tokens/index.js';
import trainingRoutes from './routes/training/index.js';
import twoFactorRoutes from './routes/two-factor/index.js';
import userRoutes from './routes/users/index.js';
import workerRoutes from './routes/workers/index.js';

export interface AppOptions {
  db: Database;
  config: Config;
  /** Injected clock for tests. */
  now?: () => Date;
  /** Folder of the built web app; null to serve none. Defaults to web/dist when it exists. */
  webRoot?: string | null;
  logger?: FastifyServerOptions['logger'];
  /** The audit checkpoint keys (server.ts loads them; tests pass a test key or none). */
  auditKeys?: AuditKeyring | null;
  /** Extra route modules (tests register deliberately broken routes with this). */
  extraRoutes?: ((app: FastifyInstance, ctx: AppContext) => Promise<void>)[];
}

/** JSON bodies above this are refused with 400 BODY_TOO_LARGE. */
export const BODY_LIMIT = 256 * 1024;

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const trustProxy = process.env.SHEQU_TRUST_PROXY === 'true';
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy,
    ajv: { customOptions: { removeAdditional: false } },
  });
  installValidation(app);
  installErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(cookie);
  const security = newSecurityState();
  installProxyCheck(app, security, trustProxy);
  installDbQueue(app, opts.db);
  installAuth(app, opts.db, { requireTwoFactor: opts.config.requireTwoFactor });

  await app.register(swagger, {
    openapi: {
      // 3.1: the schemas are JSON Schema as Ajv validates them (a numeric exclusiveMinimum is 3.1, not 3.0).
      openapi: '3.1.0',
      servers: [{ url: '/', description: '本服务器（接口路径均以 /api 开头）' }],
      info: {
        title: 'shequ 社区工作者队伍管理平台 API',
        version: '0.1.0',
        license: { name: 'MIT', identifier: 'MIT' },
        description: '所有接口的错误格式：{"error":{"code","message","fields":[{"field","message"}]}}',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'shequ_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const ctx: AppContext = {
    db: opts.db,
    config: opts.config,
    ctx: (request) => ({ ip: request.ip, now: opts.now }),
    security,
    auditKeys: opts.auditKeys ?? null,
  };
  for (const routes of [
    systemRoutes,
    authRoutes,
    regionRoutes,
    userRoutes,
    auditRoutes,
    tokenRoutes,
    workerRoutes,
    importRoutes,
    policyRoutes,
    staffingRoutes,
    gradeRoutes,
    trainingRoutes,
    assessmentRoutes,
    lifecycleRoutes,
    recruitmentRoutes,
    secretaryRoutes,
    contractRoutes,
    careRoutes,
    statsRoutes,
    exitRoutes,
    termRoutes,
    dashboardRoutes,
    twoFactorRoutes,
    backupRoutes,
    ...(opts.extraRoutes ?? []),
  ]) {
    await app.register(async (scope) => (routes as RouteModule)(scope.withTypeProvider<TypeBoxTypeProvider>(), ctx));
  }

  const webRoot = opts.webRoot === undefined ? join(projectRoot(), 'web', 'dist') : opts.webRoot;
  const hasWeb = webRoot !== null && existsSync(join(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });

  app.setNotFoundHandler((request, reply) => {
    // API paths and missing files (anything with an extension, e.g. a stale /assets/x.js) get a real 404.
    if (
      request.url.startsWith('/api/') ||
      !hasWeb ||
      request.method !== 'GET' ||
      /\.[a-z0-9]+$/i.test(request.url.split('?')[0])
    ) {
      return reply.status(404).send(errorBody('NOT_FOUND', '接口不存在'));
    }
    // The web app routes on the client: every other page path gets index.html.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
