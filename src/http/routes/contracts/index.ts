import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  contractCreator,
  contractDueLister,
  contractLister,
  subsidyDecider,
  subsidyLister,
  subsidyRequester,
} from '../../../services/contract.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import {
  ContractBody,
  ContractsSchema,
  DecideBody,
  DueSchema,
  IdParams,
  RegionQuery,
  SubsidiesSchema,
  SubsidyBody,
  SubsidySchema,
} from './schema.js';

type Id = { Params: Static<typeof IdParams> };

/** F-CONTRACT labour contracts, the renewal list and subsidies (issue 6). */
export default async function contractRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<Id>('/api/workers/:id/contracts', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags: ['contracts'],
      summary: '劳动合同（首签、续签）',
      params: IdParams,
      response: { 200: ContractsSchema, ...errorResponses },
    },
    handler: (request) => contractLister(db, actorOf(request), request.params.id),
  });
  app.post<Id & { Body: Static<typeof ContractBody> }>('/api/workers/:id/contracts', {
    config: { access: 'contract.manage' },
    schema: {
      tags: ['contracts'],
      summary: '签订或续签劳动合同（含社会保险、住房公积金）',
      params: IdParams,
      body: ContractBody,
      response: { 200: ContractsSchema, ...errorResponses },
    },
    handler: (request) => contractCreator(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
  app.get<{ Querystring: Static<typeof RegionQuery> }>('/api/lifecycle/contracts/due', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags: ['contracts'],
      summary: '合同续签提醒：已到期、即将到期、未签订',
      querystring: RegionQuery,
      response: { 200: DueSchema, ...errorResponses },
    },
    handler: (request) => contractDueLister(db, actorOf(request), request.query, ctx(request)),
  });
  app.get<{ Querystring: Static<typeof RegionQuery> }>('/api/subsidies', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags: ['contracts'],
      summary: '重大任务、抢险救灾、应急处置补助',
      querystring: RegionQuery,
      response: { 200: SubsidiesSchema, ...errorResponses },
    },
    handler: (request) => subsidyLister(db, actorOf(request), request.query),
  });
  app.post<Id & { Body: Static<typeof SubsidyBody> }>('/api/workers/:id/subsidies', {
    config: { access: 'contract.manage' },
    schema: {
      tags: ['contracts'],
      summary: '申报补助',
      params: IdParams,
      body: SubsidyBody,
      response: { 200: SubsidySchema, ...errorResponses },
    },
    handler: (request) => subsidyRequester(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
  app.post<Id & { Body: Static<typeof DecideBody> }>('/api/subsidies/:id/decide', {
    config: { access: 'subsidy.approve' },
    schema: {
      tags: ['contracts'],
      summary: '审批补助',
      params: IdParams,
      body: DecideBody,
      response: { 200: SubsidySchema, ...errorResponses },
    },
    handler: (request) => subsidyDecider(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
}
