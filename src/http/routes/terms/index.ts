import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  termCloser,
  termCreator,
  termLister,
  termMemberAdder,
  termMemberRemover,
} from '../../../services/term.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import {
  CloseBody,
  CreateBody,
  IdParams,
  ListQuery,
  MemberBody,
  MemberParams,
  TermListSchema,
  TermSchema,
} from './schema.js';

type Id = { Params: Static<typeof IdParams> };
const tags = ['terms'];

/** F-FILING the terms (届) register of communities (issue 6). */
export default async function termRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<{ Querystring: Static<typeof ListQuery> }>('/api/terms', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags,
      summary: '社区“两委”届次登记（可按人员查询）',
      querystring: ListQuery,
      response: { 200: TermListSchema, ...errorResponses },
    },
    handler: (request) => termLister(db, actorOf(request), request.query),
  });
  app.post<{ Body: Static<typeof CreateBody> }>('/api/terms', {
    config: { access: 'term.manage' },
    schema: {
      tags,
      summary: '登记一届（第N届、选举日期；届满日期按政策届期）',
      body: CreateBody,
      response: { 200: TermSchema, ...errorResponses },
    },
    handler: (request) => termCreator(db, actorOf(request), request.body, ctx(request)),
  });
  app.post<Id & { Body: Static<typeof CloseBody> }>('/api/terms/:id/close', {
    config: { access: 'term.manage' },
    schema: {
      tags,
      summary: '结束一届：换届（届满）或提前结束（写明原因）',
      params: IdParams,
      body: CloseBody,
      response: { 200: TermSchema, ...errorResponses },
    },
    handler: (request) => termCloser(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
  app.post<Id & { Body: Static<typeof MemberBody> }>('/api/terms/:id/members', {
    config: { access: 'term.manage' },
    schema: {
      tags,
      summary: '增加本届成员及其职务',
      params: IdParams,
      body: MemberBody,
      response: { 200: TermSchema, ...errorResponses },
    },
    handler: (request) => termMemberAdder(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
  app.delete<{ Params: Static<typeof MemberParams> }>('/api/terms/:id/members/:memberId', {
    config: { access: 'term.manage' },
    schema: {
      tags,
      summary: '移除误登记的成员（保留记录与审计）',
      params: MemberParams,
      response: { 200: TermSchema, ...errorResponses },
    },
    handler: (request) =>
      termMemberRemover(db, actorOf(request), request.params.id, request.params.memberId, ctx(request)),
  });
}
