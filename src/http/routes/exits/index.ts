import multipart from '@fastify/multipart';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { invalid } from '../../../domain/errors.js';
import { EXIT_FILE_MAX_BYTES } from '../../../domain/exit.js';
import {
  exitDocumentReader,
  exitDocumentUploader,
  exitRequestApprover,
  exitRequestCreator,
  exitRequestLister,
  exitRequestReader,
  exitRequestReturner,
} from '../../../services/exit.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import {
  ApproveBody,
  BinaryFile,
  CreateBody,
  DocParams,
  DocumentSchema,
  IdParams,
  ListQuery,
  ListSchema,
  RequestSchema,
  ReturnBody,
} from './schema.js';

type Id = { Params: Static<typeof IdParams> };
type Doc = { Params: Static<typeof DocParams> };
const tags = ['exits'];
const noFile = () => invalid('file', '请以 multipart/form-data 上传一个文件（字段名 file）', 'FILE_REQUIRED');

/** F-EXIT exit requests with documents and the county's approval (issue 6). */
export default async function exitRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  // one byte over the limit is read so that a too-large file is told apart from one of exactly 5 MB
  await app.register(multipart, { limits: { fileSize: EXIT_FILE_MAX_BYTES + 1, files: 1, fields: 5, parts: 6 } });

  app.get<{ Querystring: Static<typeof ListQuery> }>('/api/exit-requests', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags,
      summary: '离岗申请（待审批在前，含各状态数量）',
      querystring: ListQuery,
      response: { 200: ListSchema, ...errorResponses },
    },
    handler: (request) => exitRequestLister(db, actorOf(request), request.query),
  });
  app.post<Id & { Body: Static<typeof CreateBody> }>('/api/workers/:id/exit-requests', {
    config: { access: 'exit.propose' },
    schema: {
      tags,
      summary: '提出离岗申请（类型、日期、原因、材料；县级社会工作部可直接批准）',
      params: IdParams,
      body: CreateBody,
      response: { 200: RequestSchema, ...errorResponses },
    },
    handler: (request) => exitRequestCreator(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
  app.get<Id>('/api/exit-requests/:id', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags,
      summary: '一份离岗申请及其材料',
      params: IdParams,
      response: { 200: RequestSchema, ...errorResponses },
    },
    handler: (request) => exitRequestReader(db, actorOf(request), request.params.id),
  });
  app.post<Id & { Body: Static<typeof ApproveBody> }>('/api/exit-requests/:id/approve', {
    config: { access: 'exit.approve' },
    schema: {
      tags,
      summary: '批准离岗：人员按申请日期离岗',
      params: IdParams,
      body: ApproveBody,
      response: { 200: RequestSchema, ...errorResponses },
    },
    handler: (request) => exitRequestApprover(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
  app.post<Id & { Body: Static<typeof ReturnBody> }>('/api/exit-requests/:id/return', {
    config: { access: 'exit.approve' },
    schema: {
      tags,
      summary: '退回离岗申请（写明原因）',
      params: IdParams,
      body: ReturnBody,
      response: { 200: RequestSchema, ...errorResponses },
    },
    handler: (request) => exitRequestReturner(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
  app.post<Doc>('/api/exit-requests/:id/documents/:documentId/file', {
    config: { access: 'exit.propose' },
    schema: {
      tags,
      summary: '上传材料文件（multipart，字段 file；pdf/jpg/png/docx/xlsx，不超过 5 MB）',
      consumes: ['multipart/form-data'],
      params: DocParams,
      response: { 200: DocumentSchema, ...errorResponses },
    },
    handler: async (request) => {
      if (!request.isMultipart()) throw noFile();
      const part = await request.file({ throwFileSizeLimit: false });
      if (!part) throw noFile();
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw invalid('file', '文件超过 5 MB', 'FILE_TOO_LARGE');
      return exitDocumentUploader(
        db,
        actorOf(request),
        request.params.id,
        request.params.documentId,
        { fileName: part.filename ?? '', bytes },
        ctx(request),
      );
    },
  });
  app.get<Doc>('/api/exit-requests/:id/documents/:documentId/file', {
    config: { access: 'lifecycle.read' },
    schema: {
      tags,
      summary: '下载材料文件（记入审计日志）',
      params: DocParams,
      response: { 200: BinaryFile, ...errorResponses },
    },
    handler: async (request, reply) => {
      const f = await exitDocumentReader(
        db,
        actorOf(request),
        request.params.id,
        request.params.documentId,
        ctx(request),
      );
      return reply
        .header('content-type', f.mime)
        .header(
          'content-disposition',
          `attachment; filename="${encodeURIComponent(f.fileName)}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .send(f.content);
    },
  });
}
