import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  incentiveLister,
  probationDecider,
  probationLister,
  retiredLister,
  retirementLister,
  workerRetirementReader,
} from '../../../services/lifecycle.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import {
  IdParams,
  IncentiveListSchema,
  ProbationBody,
  ProbationDecisionSchema,
  ProbationListSchema,
  RegionQuery,
  RetiredListSchema,
  RetiredQuery,
  RetirementListSchema,
  RetirementQuery,
  RetirementSchema,
  YearQuery,
} from './schema.js';

type Id = { Params: Static<typeof IdParams> };

/** Issue 6: probation (F-PROBATION), retirement (F-EXIT) and secretary incentive eligibility (F-INCENTIVE). */
export default async function lifecycleRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<{ Querystring: Static<typeof RegionQuery> }>('/api/lifecycle/probation', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags: ['lifecycle'],
      summary: '试用期人员及期满提醒（F-PROBATION）',
      querystring: RegionQuery,
      response: { 200: ProbationListSchema, ...errorResponses },
    },
    handler: (request) => probationLister(db, actorOf(request), request.query, ctx(request)),
  });

  app.post<Id & { Body: Static<typeof ProbationBody> }>('/api/workers/:id/probation', {
    config: { access: 'probation.decide' },
    schema: {
      tags: ['lifecycle'],
      summary: '试用期考核：合格转为在岗，不合格解除聘用',
      params: IdParams,
      body: ProbationBody,
      response: { 200: ProbationDecisionSchema, ...errorResponses },
    },
    handler: (request) => probationDecider(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });

  app.get<Id>('/api/workers/:id/retirement', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags: ['lifecycle'],
      summary: '法定退休日期及算式（F-EXIT）',
      params: IdParams,
      response: { 200: RetirementSchema, ...errorResponses },
    },
    handler: (request) => workerRetirementReader(db, actorOf(request), request.params.id, ctx(request)),
  });

  app.get<{ Querystring: Static<typeof RetirementQuery> }>('/api/lifecycle/retirements', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags: ['lifecycle'],
      summary: '即将到龄退休人员',
      querystring: RetirementQuery,
      response: { 200: RetirementListSchema, ...errorResponses },
    },
    handler: (request) => retirementLister(db, actorOf(request), request.query, ctx(request)),
  });

  app.get<{ Querystring: Static<typeof RetiredQuery> }>('/api/lifecycle/retired', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags: ['lifecycle'],
      summary: '已退休人员名单',
      querystring: RetiredQuery,
      response: { 200: RetiredListSchema, ...errorResponses },
    },
    handler: (request) => retiredLister(db, actorOf(request), request.query),
  });

  app.get<{ Querystring: Static<typeof YearQuery> }>('/api/lifecycle/incentive', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags: ['lifecycle'],
      summary: '书记进入事业编制的资格（逐项条件及依据，F-INCENTIVE）',
      querystring: YearQuery,
      response: { 200: IncentiveListSchema, ...errorResponses },
    },
    handler: (request) => incentiveLister(db, actorOf(request), request.query, ctx(request)),
  });
}
