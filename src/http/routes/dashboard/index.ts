import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { dashboardReader } from '../../../services/dashboard.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { DashboardQuery, DashboardSchema } from './schema.js';

/** 工作台: the signed-in user's home page, composed from the services its tiles link to (issue 7). */
export default async function dashboardRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<{ Querystring: Static<typeof DashboardQuery> }>('/api/dashboard', {
    config: { access: 'session' },
    schema: {
      tags: ['dashboard'],
      summary: '工作台：按角色的配备、待办和本人信息，每个数字附规则和名单页面',
      querystring: DashboardQuery,
      response: { 200: DashboardSchema, ...errorResponses },
    },
    handler: (request) => dashboardReader(db, actorOf(request), request.query, ctx(request)),
  });
}
