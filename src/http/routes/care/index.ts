import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { cadreCreator, cadreLister, careCreator, careLister, careUpdater } from '../../../services/care.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import {
  CadreBody,
  CadreListSchema,
  CareBody,
  CareListSchema,
  CarePatch,
  CareSchema,
  CreatedSchema,
  IdParams,
  ListQuery,
  RegionQuery,
} from './schema.js';

type Id = { Params: Static<typeof IdParams> };

/** F-CARE, F-SUPERVISE, honours and candidacies, and F-CADRE (issue 6). */
export default async function careRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<{ Querystring: Static<typeof ListQuery> }>('/api/care', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags: ['care'],
      summary: '关爱与监督记录：谈心谈话、经济责任审计、健康体检、节日慰问、困难诉求、表彰、代表委员人选',
      querystring: ListQuery,
      response: { 200: CareListSchema, ...errorResponses },
    },
    handler: (request) => careLister(db, actorOf(request), request.query, ctx(request)),
  });
  app.post<Id & { Body: Static<typeof CareBody> }>('/api/workers/:id/care', {
    config: { access: 'care.manage' },
    schema: {
      tags: ['care'],
      summary: '登记一条关爱或监督记录',
      params: IdParams,
      body: CareBody,
      response: { 200: CareSchema, ...errorResponses },
    },
    handler: (request) => careCreator(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
  app.patch<Id & { Body: Static<typeof CarePatch> }>('/api/care/:id', {
    config: { access: 'care.manage' },
    schema: {
      tags: ['care'],
      summary: '完成（体检等）或答复、解决困难诉求',
      params: IdParams,
      body: CarePatch,
      response: { 200: CareSchema, ...errorResponses },
    },
    handler: (request) => careUpdater(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
  app.get<{ Querystring: Static<typeof RegionQuery> }>('/api/cadres', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags: ['care'],
      summary: '下派干部与新录用公务员社区锻炼（不计入社区工作者）',
      querystring: RegionQuery,
      response: { 200: CadreListSchema, ...errorResponses },
    },
    handler: (request) => cadreLister(db, actorOf(request), request.query),
  });
  app.post<{ Body: Static<typeof CadreBody> }>('/api/cadres', {
    config: { access: 'care.manage' },
    schema: {
      tags: ['care'],
      summary: '登记下派干部或新录用公务员的社区锻炼',
      body: CadreBody,
      response: { 200: CreatedSchema, ...errorResponses },
    },
    handler: (request) => cadreCreator(db, actorOf(request), request.body, ctx(request)),
  });
}
