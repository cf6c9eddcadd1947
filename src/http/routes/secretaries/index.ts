import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  filingLister,
  filingReviewer,
  filingSubmitter,
  reserveDecider,
  reserveLister,
  reserveNominator,
} from '../../../services/secretary.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import {
  DecideBody,
  FilingListSchema,
  FilingSchema,
  IdParams,
  NominateBody,
  RegionQuery,
  ReserveListSchema,
  ReserveResultSchema,
  ReviewBody,
  SubmitBody,
} from './schema.js';

type Id = { Params: Static<typeof IdParams> };

/** F-FILING secretary filing and F-RESERVE the reserve talent pool (issue 6). */
export default async function secretaryRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<{ Querystring: Static<typeof RegionQuery> }>('/api/secretaries/filings', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags: ['secretaries'],
      summary: '社区党组织书记备案情况（含未备案名单、任职届数）',
      querystring: RegionQuery,
      response: { 200: FilingListSchema, ...errorResponses },
    },
    handler: (request) => filingLister(db, actorOf(request), request.query),
  });
  app.post<Id & { Body: Static<typeof SubmitBody> }>('/api/workers/:id/filing', {
    config: { access: 'filing.submit' },
    schema: {
      tags: ['secretaries'],
      summary: '报送书记备案（退回后可再次报送）',
      params: IdParams,
      body: SubmitBody,
      response: { 200: FilingSchema, ...errorResponses },
    },
    handler: (request) => filingSubmitter(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
  app.post<Id & { Body: Static<typeof ReviewBody> }>('/api/secretaries/filings/:id/review', {
    config: { access: 'filing.review' },
    schema: {
      tags: ['secretaries'],
      summary: '组织部门审核备案：予以备案或退回（写明原因）',
      params: IdParams,
      body: ReviewBody,
      response: { 200: FilingSchema, ...errorResponses },
    },
    handler: (request) => filingReviewer(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
  app.get<{ Querystring: Static<typeof RegionQuery> }>('/api/secretaries/reserve', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags: ['secretaries'],
      summary: '书记后备人才库',
      querystring: RegionQuery,
      response: { 200: ReserveListSchema, ...errorResponses },
    },
    handler: (request) => reserveLister(db, actorOf(request), request.query),
  });
  app.post<Id & { Body: Static<typeof NominateBody> }>('/api/workers/:id/reserve', {
    config: { access: 'reserve.manage' },
    schema: {
      tags: ['secretaries'],
      summary: '推荐列入后备人才库',
      params: IdParams,
      body: NominateBody,
      response: { 200: ReserveResultSchema, ...errorResponses },
    },
    handler: (request) => reserveNominator(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
  app.post<Id & { Body: Static<typeof DecideBody> }>('/api/secretaries/reserve/:id/decide', {
    config: { access: 'reserve.manage' },
    schema: {
      tags: ['secretaries'],
      summary: '后备人选结论：已选任或调出',
      params: IdParams,
      body: DecideBody,
      response: { 200: ReserveResultSchema, ...errorResponses },
    },
    handler: (request) => reserveDecider(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
}
