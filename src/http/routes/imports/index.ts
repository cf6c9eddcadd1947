/**
 * The worker roster as spreadsheets: the import template, the import (multipart upload) with its
 * downloadable error report, and the streamed export of any filtered list.
 */
import { createReadStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { workerExporter } from '../../../services/worker-export.service.js';
import {
  checkImportRegion,
  errorReportPath,
  keepErrorReport,
  workerImporter,
} from '../../../services/worker-import.service.js';
import { buildWorkerTemplate } from '../../../services/worker-template.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { withUploadedSheet } from '../../upload.js';
import { ExportQuery, ImportQuery, ImportResult, ReportParams, XlsxFile } from './schema.js';

/** Largest upload accepted. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const download = (reply: FastifyReply, fileName: string) =>
  reply
    .header('content-type', XLSX)
    .header(
      'content-disposition',
      `attachment; filename="${encodeURIComponent(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );

export default async function importRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 20 } });
  let template: Buffer | null = null;

  app.get('/api/workers/template.xlsx', {
    config: { access: 'worker.read' },
    schema: {
      tags: ['workers'],
      summary: '人员导入模板（.xlsx，含下拉选项和填写说明）',
      response: { 200: XlsxFile, ...errorResponses },
    },
    handler: async (_request, reply) => {
      template ??= await buildWorkerTemplate();
      return download(reply, '社区工作者导入模板.xlsx').send(template);
    },
  });

  app.post<{ Querystring: Static<typeof ImportQuery> }>('/api/imports/workers', {
    config: { access: 'worker.import' },
    schema: {
      tags: ['workers'],
      summary: '从 .xlsx/.csv 导入人员（multipart，字段 file；逐行校验，默认全部成功才写入）',
      consumes: ['multipart/form-data'],
      querystring: ImportQuery,
      response: { 200: ImportResult, ...errorResponses },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const q = request.query;
      // The default region is checked before the upload is read, so a refusal costs nothing.
      await checkImportRegion(db, actor, q.region);
      return withUploadedSheet(request, MAX_UPLOAD_BYTES, async (path, fileName) => {
        const result = await workerImporter(
          db,
          actor,
          path,
          { dryRun: q.dryRun, mode: q.mode, update: q.update, region: q.region, fileName },
          ctx(request),
        );
        const reportId = await keepErrorReport(actor, result);
        return { ...result, reportId };
      });
    },
  });

  app.get<{ Params: Static<typeof ReportParams> }>('/api/imports/workers/:reportId/errors.xlsx', {
    config: { access: 'worker.import' },
    schema: {
      tags: ['workers'],
      summary: '导入错误报告（原表加“错误说明”列，错误单元格标红；仅上传者可下载，保留 1 小时）',
      params: ReportParams,
      response: { 200: XlsxFile, ...errorResponses },
    },
    handler: async (request, reply) => {
      const path = errorReportPath(actorOf(request), request.params.reportId);
      return download(reply, '导入错误说明.xlsx').send(createReadStream(path));
    },
  });

  app.get<{ Querystring: Static<typeof ExportQuery> }>('/api/workers/export.xlsx', {
    config: { access: 'worker.export' },
    schema: {
      tags: ['workers'],
      summary: '导出人员名册（.xlsx，流式；默认脱敏，reveal=true 需权限；记入审计）',
      querystring: ExportQuery,
      response: { 200: XlsxFile, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { reveal, ...filter } = request.query;
      const exp = await workerExporter(db, actorOf(request), filter, { reveal }, ctx(request));
      const out = new PassThrough();
      exp.write(out).catch((e: unknown) => {
        request.log.error({ err: e }, 'worker export failed');
        out.destroy(e as Error);
      });
      return download(reply, exp.fileName).header('x-total-count', String(exp.total)).send(out);
    },
  });
}
