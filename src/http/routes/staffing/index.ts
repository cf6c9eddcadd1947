import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { staffingAdjuster, staffingHistoryReader, staffingReader } from '../../../services/staffing.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { AdjustmentBody, AdjustmentSchema, CodeParams, HistorySchema, StaffingSchema, YearQuery } from './schema.js';

type Code = { Params: Static<typeof CodeParams> };

export default async function staffingRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<Code & { Querystring: Static<typeof YearQuery> }>('/api/regions/:code/staffing', {
    config: { access: 'policy.read' },
    schema: {
      tags: ['staffing'],
      summary: '配备标准：职数、实有、缺口、每万人配比及下级（F-NORM）',
      params: CodeParams,
      querystring: YearQuery,
      response: { 200: StaffingSchema, ...errorResponses },
    },
    handler: (request) => staffingReader(db, actorOf(request), request.params.code, request.query, ctx(request)),
  });

  app.get<Code>('/api/regions/:code/staffing/history', {
    config: { access: 'policy.read' },
    schema: {
      tags: ['staffing'],
      summary: '逐年职数与实有人数，及职数调整记录',
      params: CodeParams,
      response: { 200: HistorySchema, ...errorResponses },
    },
    handler: (request) => staffingHistoryReader(db, actorOf(request), request.params.code, ctx(request)),
  });

  app.post<Code & { Body: Static<typeof AdjustmentBody> }>('/api/regions/:code/staffing/adjustments', {
    config: { access: 'staffing.adjust' },
    schema: {
      tags: ['staffing'],
      summary: '调整某年职数（替代计算值，记录调整人、时间和理由）',
      params: CodeParams,
      body: AdjustmentBody,
      response: { 200: Type.Object({ item: AdjustmentSchema }), ...errorResponses },
    },
    handler: (request) => staffingAdjuster(db, actorOf(request), request.params.code, request.body, ctx(request)),
  });
}
