import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { WorkerSort } from '../../../db/repositories/worker.repository.js';
import {
  workerCreator,
  workerExiter,
  workerHistoryReader,
  workerPositionChanger,
  workerQualificationAdder,
  workerReader,
  workerSearcher,
  workerTransferrer,
  workerUpdater,
} from '../../../services/worker.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { versionOf, withEtag } from '../../versioning.js';
import {
  CreateBody,
  DetailSchema,
  ExitBody,
  HistorySchema,
  IdParams,
  PatchBody,
  PositionBody,
  QualificationBody,
  ReadQuery,
  SearchQuery,
  TransferBody,
  WorkerSchema,
} from './schema.js';

type Id = { Params: Static<typeof IdParams> };
const One = Type.Object({ worker: WorkerSchema });

export default async function workerRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<{ Querystring: Static<typeof SearchQuery> }>('/api/workers', {
    config: { access: 'worker.read' },
    schema: {
      tags: ['workers'],
      summary: '人员检索（本辖区，身份证号与手机号脱敏）',
      querystring: SearchQuery,
      response: {
        200: Type.Object({
          items: Type.Array(WorkerSchema),
          total: Type.Integer(),
          totalExact: Type.Boolean({ description: 'false: total is a lower bound (10,000+)' }),
        }),
        ...errorResponses,
      },
    },
    handler: (request) =>
      workerSearcher(
        db,
        actorOf(request),
        { ...request.query, sort: request.query.sort as WorkerSort | undefined },
        ctx(request),
      ),
  });

  app.post<{ Body: Static<typeof CreateBody> }>('/api/workers', {
    config: { access: 'worker.manage' },
    schema: { tags: ['workers'], summary: '新建人员档案', body: CreateBody, response: { 200: One, ...errorResponses } },
    handler: (request) => workerCreator(db, actorOf(request), request.body, ctx(request)),
  });

  app.get<Id & { Querystring: Static<typeof ReadQuery> }>('/api/workers/:id', {
    config: { access: 'worker.read' },
    schema: {
      tags: ['workers'],
      summary: '人员档案（reveal=true 显示完整号码，需权限并记入审计；ETag 为版本号）',
      params: IdParams,
      querystring: ReadQuery,
      response: { 200: DetailSchema, ...errorResponses },
    },
    handler: (request, reply) =>
      withEtag(
        reply,
        workerReader(db, actorOf(request), request.params.id, { reveal: request.query.reveal }, ctx(request)),
        (r) => r.worker.version,
      ),
  });

  app.patch<Id & { Body: Static<typeof PatchBody> }>('/api/workers/:id', {
    config: { access: 'worker.manage' },
    schema: {
      tags: ['workers'],
      summary: '修改人员基本信息（带 version 或 If-Match 时，记录已被他人修改则 409）',
      params: IdParams,
      body: PatchBody,
      response: { 200: One, ...errorResponses },
    },
    handler: (request, reply) =>
      withEtag(
        reply,
        workerUpdater(
          db,
          actorOf(request),
          request.params.id,
          { ...request.body, version: versionOf(request) },
          ctx(request),
        ),
        (r) => r.worker.version,
      ),
  });

  app.get<Id>('/api/workers/:id/history', {
    config: { access: 'worker.read' },
    schema: {
      tags: ['workers'],
      summary: '档案变更记录',
      params: IdParams,
      response: { 200: HistorySchema, ...errorResponses },
    },
    handler: (request) => workerHistoryReader(db, actorOf(request), request.params.id, ctx(request)),
  });

  app.post<Id & { Body: Static<typeof TransferBody> }>('/api/workers/:id/transfer', {
    config: { access: 'worker.transfer' },
    schema: {
      tags: ['workers'],
      summary: '调动（年限累计）',
      params: IdParams,
      body: TransferBody,
      response: { 200: One, ...errorResponses },
    },
    handler: (request, reply) =>
      withEtag(
        reply,
        workerTransferrer(
          db,
          actorOf(request),
          request.params.id,
          { ...request.body, version: versionOf(request) },
          ctx(request),
        ),
        (r) => r.worker.version,
      ),
  });

  app.post<Id & { Body: Static<typeof ExitBody> }>('/api/workers/:id/exit', {
    config: { access: 'exit.approve' },
    schema: {
      tags: ['workers'],
      summary: '县级社会工作部直接登记离岗（罢免、解聘、辞职、退休、死亡；其他角色提交离岗申请）',
      params: IdParams,
      body: ExitBody,
      response: { 200: One, ...errorResponses },
    },
    handler: (request, reply) =>
      withEtag(
        reply,
        workerExiter(
          db,
          actorOf(request),
          request.params.id,
          { ...request.body, version: versionOf(request) },
          ctx(request),
        ),
        (r) => r.worker.version,
      ),
  });

  app.post<Id & { Body: Static<typeof PositionBody> }>('/api/workers/:id/positions', {
    config: { access: 'worker.manage' },
    schema: {
      tags: ['workers'],
      summary: '任职变动',
      params: IdParams,
      body: PositionBody,
      response: { 200: Type.Object({ worker: WorkerSchema, category: Type.String() }), ...errorResponses },
    },
    handler: (request, reply) =>
      withEtag(
        reply,
        workerPositionChanger(
          db,
          actorOf(request),
          request.params.id,
          { ...request.body, version: versionOf(request) },
          ctx(request),
        ),
        (r) => r.worker.version,
      ),
  });

  app.post<Id & { Body: Static<typeof QualificationBody> }>('/api/workers/:id/qualifications', {
    config: { access: 'worker.manage' },
    schema: {
      tags: ['workers'],
      summary: '登记职业水平证书',
      params: IdParams,
      body: QualificationBody,
      response: { 200: One, ...errorResponses },
    },
    handler: (request, reply) =>
      withEtag(
        reply,
        workerQualificationAdder(
          db,
          actorOf(request),
          request.params.id,
          { ...request.body, version: versionOf(request) },
          ctx(request),
        ),
        (r) => r.worker.version,
      ),
  });
}
