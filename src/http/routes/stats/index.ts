/** F-STATS statistics: figures, the workers behind a figure, year-end snapshots with differences, trend, the .xlsx report. */
import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  statsExporter,
  statsReader,
  statsSnapshotApprover,
  statsSnapshotLister,
  statsSnapshotReader,
  statsTrendReader,
  statsWorkersReader,
} from '../../../services/stats.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { XlsxFile } from '../imports/schema.js';
import {
  IdParams,
  RegionQuery,
  SnapshotBody,
  SnapshotDetailSchema,
  SnapshotSchema,
  StatsQuery,
  StatsSchema,
  TrendQuery,
  TrendSchema,
  WorkersQuery,
  WorkersSchema,
} from './schema.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default async function statsRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<{ Querystring: Static<typeof StatsQuery> }>('/api/stats', {
    config: { access: 'stats.read' },
    schema: {
      tags: ['stats'],
      summary: '统计：任一区划任一日期的全部指标（分节，含下级区划）（F-STATS）',
      querystring: StatsQuery,
      response: { 200: StatsSchema, ...errorResponses },
    },
    handler: (request) => statsReader(db, actorOf(request), request.query, ctx(request)),
  });

  app.get<{ Querystring: Static<typeof WorkersQuery> }>('/api/stats/workers', {
    config: { access: 'stats.read' },
    schema: {
      tags: ['stats'],
      summary: '某一统计数背后的人员名单（脱敏）',
      querystring: WorkersQuery,
      response: { 200: WorkersSchema, ...errorResponses },
    },
    handler: (request) => statsWorkersReader(db, actorOf(request), request.query, ctx(request)),
  });

  app.get<{ Querystring: Static<typeof TrendQuery> }>('/api/stats/trend', {
    config: { access: 'stats.read' },
    schema: {
      tags: ['stats'],
      summary: '近几年年末人数、职数、每万人配比（已确认的年份取快照）',
      querystring: TrendQuery,
      response: { 200: TrendSchema, ...errorResponses },
    },
    handler: (request) => statsTrendReader(db, actorOf(request), request.query, ctx(request)),
  });

  app.get<{ Querystring: Static<typeof StatsQuery> }>('/api/stats/export.xlsx', {
    config: { access: 'stats.export' },
    schema: {
      tags: ['stats'],
      summary: '统计报表（.xlsx：每节一表，每个下级区划一行，末行合计；记入审计）',
      querystring: StatsQuery,
      response: { 200: XlsxFile, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { buffer, fileName } = await statsExporter(db, actorOf(request), request.query, ctx(request));
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="${encodeURIComponent(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        )
        .send(buffer);
    },
  });

  app.get<{ Querystring: Static<typeof RegionQuery> }>('/api/stats/snapshots', {
    config: { access: 'stats.read' },
    schema: {
      tags: ['stats'],
      summary: '已确认的年末统计快照',
      querystring: RegionQuery,
      response: { 200: Type.Object({ items: Type.Array(SnapshotSchema) }), ...errorResponses },
    },
    handler: (request) => statsSnapshotLister(db, actorOf(request), request.query),
  });

  app.post<{ Body: Static<typeof SnapshotBody> }>('/api/stats/snapshots', {
    config: { access: 'stats.approve' },
    schema: {
      tags: ['stats'],
      summary: '确认年末统计（本级审核，冻结，不可修改）',
      body: SnapshotBody,
      response: { 200: Type.Object({ item: SnapshotSchema }), ...errorResponses },
    },
    handler: (request) => statsSnapshotApprover(db, actorOf(request), request.body, ctx(request)),
  });

  app.get<{ Params: Static<typeof IdParams> }>('/api/stats/snapshots/:id', {
    config: { access: 'stats.read' },
    schema: {
      tags: ['stats'],
      summary: '年末快照及其与现有记录的差异',
      params: IdParams,
      response: { 200: SnapshotDetailSchema, ...errorResponses },
    },
    handler: (request) => statsSnapshotReader(db, actorOf(request), request.params.id, ctx(request)),
  });
}
