import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { effectivePolicyReader, policyCreator, policyLister } from '../../../services/policy.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { CreateBody, EffectiveQuery, EffectiveSchema, ListQuery, PolicyDocumentViewSchema } from './schema.js';

export default async function policyRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<{ Querystring: Static<typeof ListQuery> }>('/api/policies', {
    config: { access: 'policy.read' },
    schema: {
      tags: ['policies'],
      summary: '适用于某区划的各级政策文件（所有版本，新的在前）',
      querystring: ListQuery,
      response: { 200: Type.Object({ items: Type.Array(PolicyDocumentViewSchema) }), ...errorResponses },
    },
    handler: (request) => policyLister(db, actorOf(request), request.query),
  });

  app.get<{ Querystring: Static<typeof EffectiveQuery> }>('/api/policies/effective', {
    config: { access: 'policy.read' },
    schema: {
      tags: ['policies'],
      summary: '某区划某日生效的政策（逐级合并）及其来源',
      querystring: EffectiveQuery,
      response: { 200: EffectiveSchema, ...errorResponses },
    },
    handler: (request) => effectivePolicyReader(db, actorOf(request), request.query, ctx(request)),
  });

  app.post<{ Body: Static<typeof CreateBody> }>('/api/policies', {
    config: { access: 'policy.edit' },
    schema: {
      tags: ['policies'],
      summary: '发布新版本政策（旧版本保留；省级设等级序列、培训、激励，市县设薪酬、经费、配备标准）',
      body: CreateBody,
      response: { 200: Type.Object({ item: PolicyDocumentViewSchema }), ...errorResponses },
    },
    handler: (request) => policyCreator(db, actorOf(request), request.body, ctx(request)),
  });
}
