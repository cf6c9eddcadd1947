import { createReadStream } from 'node:fs';
import multipart from '@fastify/multipart';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  applicantAdder,
  applicantHirer,
  applicantImporter,
  applicantOfferer,
  applicantUpdater,
  ImportRowsInvalid,
  planCloser,
  planCreator,
  planLister,
  planReader,
  planTemplateInfo,
  tieDecider,
} from '../../../services/recruitment.service.js';
import { applicantErrorReportPath, buildApplicantTemplate } from '../../../services/recruitment-sheets.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { withUploadedSheet } from '../../upload.js';
import { versionOf } from '../../versioning.js';
import { XlsxFile } from '../imports/schema.js';
import {
  ApplicantBody,
  ApplicantPatch,
  CloseBody,
  CreatedSchema,
  HireBody,
  HireSchema,
  IdParams,
  ImportErrorSchema,
  ImportResultSchema,
  OfferSchema,
  PlanBody,
  PlanListSchema,
  PlanViewSchema,
  RegionQuery,
  ReportParams,
  TieBody,
} from './schema.js';

type Id = { Params: Static<typeof IdParams> };
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const download = (reply: FastifyReply, fileName: string) =>
  reply
    .header('content-type', XLSX)
    .header(
      'content-disposition',
      `attachment; filename="${encodeURIComponent(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );

/** F-RECRUIT open recruitment and F-VET vetting (issue 6). */
export default async function recruitmentRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 10 } });

  app.get<{ Querystring: Static<typeof RegionQuery> }>('/api/recruitment/plans', {
    config: { access: 'recruitment.read' },
    schema: {
      tags: ['recruitment'],
      summary: '招聘计划列表',
      querystring: RegionQuery,
      response: { 200: PlanListSchema, ...errorResponses },
    },
    handler: (request) => planLister(db, actorOf(request), request.query),
  });

  app.post<{ Body: Static<typeof PlanBody> }>('/api/recruitment/plans', {
    config: { access: 'recruitment.manage' },
    schema: {
      tags: ['recruitment'],
      summary: '制定招聘计划（岗位、资格条件、成绩权重、优待加分）',
      body: PlanBody,
      response: { 200: PlanViewSchema, ...errorResponses },
    },
    handler: (request) => planCreator(db, actorOf(request), request.body, ctx(request)),
  });

  app.get<Id>('/api/recruitment/plans/:id', {
    config: { access: 'recruitment.read' },
    schema: {
      tags: ['recruitment'],
      summary: '招聘计划：各岗位报名人员的资格审查、成绩、排名',
      params: IdParams,
      response: { 200: PlanViewSchema, ...errorResponses },
    },
    handler: (request) => planReader(db, actorOf(request), request.params.id),
  });

  app.post<Id & { Body: Static<typeof ApplicantBody> }>('/api/recruitment/plans/:id/applicants', {
    config: { access: 'recruitment.manage' },
    schema: {
      tags: ['recruitment'],
      summary: '录入报名人员',
      params: IdParams,
      body: ApplicantBody,
      response: { 200: CreatedSchema, ...errorResponses },
    },
    handler: (request) => applicantAdder(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });

  app.post<Id>('/api/recruitment/plans/:id/applicants/import', {
    config: { access: 'recruitment.manage' },
    schema: {
      tags: ['recruitment'],
      summary: '从 .xlsx 导入报名人员（multipart，字段 file；逐行校验，全部正确才写入）',
      consumes: ['multipart/form-data'],
      params: IdParams,
      response: { 200: ImportResultSchema, ...errorResponses, 400: ImportErrorSchema },
    },
    handler: async (request, reply) => {
      try {
        return await withUploadedSheet(request, MAX_UPLOAD_BYTES, (path, fileName) =>
          applicantImporter(db, actorOf(request), request.params.id, path, { ...ctx(request), fileName }),
        );
      } catch (e) {
        // the one error that carries more than the common shape: the annotated sheet to download
        if (e instanceof ImportRowsInvalid)
          return reply
            .status(400)
            .send({ error: { code: e.code, message: e.message, fields: e.fields, reportId: e.reportId } });
        throw e;
      }
    },
  });

  app.get<Id>('/api/recruitment/plans/:id/template.xlsx', {
    config: { access: 'recruitment.manage' },
    schema: {
      tags: ['recruitment'],
      summary: '报名人员导入模板（.xlsx：下拉选项含本计划的报考社区，附填写说明）',
      params: IdParams,
      response: { 200: XlsxFile, ...errorResponses },
    },
    handler: async (request, reply) => {
      const info = await planTemplateInfo(db, actorOf(request), request.params.id);
      return download(reply, `${info.title}-报名人员导入模板.xlsx`).send(
        await buildApplicantTemplate(info.title, info.postNames),
      );
    },
  });

  app.get<{ Params: Static<typeof ReportParams> }>('/api/recruitment/imports/:reportId/errors.xlsx', {
    config: { access: 'recruitment.manage' },
    schema: {
      tags: ['recruitment'],
      summary: '报名人员导入错误报告（原表标出每处错误；仅上传者可下载，保留 1 小时）',
      params: ReportParams,
      response: { 200: XlsxFile, ...errorResponses },
    },
    handler: async (request, reply) =>
      download(reply, '报名人员导入错误说明.xlsx').send(
        createReadStream(applicantErrorReportPath(actorOf(request), request.params.reportId)),
      ),
  });

  app.post<Id & { Body: Static<typeof CloseBody> }>('/api/recruitment/plans/:id/close', {
    config: { access: 'recruitment.manage' },
    schema: {
      tags: ['recruitment'],
      summary: '结束招聘计划（此后不再报名、录入成绩或发录用通知；显示各岗位已聘、未聘）',
      params: IdParams,
      body: CloseBody,
      response: { 200: PlanViewSchema, ...errorResponses },
    },
    handler: (request) => planCloser(db, actorOf(request), request.params.id, request.body ?? {}, ctx(request)),
  });

  app.post<Id & { Body: Static<typeof TieBody> }>('/api/recruitment/plans/:id/ties', {
    config: { access: 'recruitment.manage' },
    schema: {
      tags: ['recruitment'],
      summary: '决定跨越岗位末位的并列（如按加试成绩）：取得岗位的人员及依据',
      params: IdParams,
      body: TieBody,
      response: { 200: PlanViewSchema, ...errorResponses },
    },
    handler: (request) => tieDecider(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });

  app.patch<Id & { Body: Static<typeof ApplicantPatch> }>('/api/recruitment/applicants/:id', {
    config: { access: 'recruitment.manage' },
    schema: {
      tags: ['recruitment'],
      summary: '录入成绩、政治把关结论',
      params: IdParams,
      body: ApplicantPatch,
      response: { 200: PlanViewSchema, ...errorResponses },
    },
    handler: (request) =>
      applicantUpdater(
        db,
        actorOf(request),
        request.params.id,
        { ...request.body, version: versionOf(request) },
        ctx(request),
      ),
  });

  app.post<Id>('/api/recruitment/applicants/:id/offer', {
    config: { access: 'recruitment.manage' },
    schema: {
      tags: ['recruitment'],
      summary: '发出录用通知（排名在岗位人数内、政治把关通过）',
      params: IdParams,
      response: { 200: OfferSchema, ...errorResponses },
    },
    handler: (request) => applicantOfferer(db, actorOf(request), request.params.id, ctx(request)),
  });

  app.post<Id & { Body: Static<typeof HireBody> }>('/api/recruitment/applicants/:id/hire', {
    config: { access: 'recruitment.manage' },
    schema: {
      tags: ['recruitment'],
      summary: '聘用：在岗位所在社区建立试用期人员档案（沿用报名信息）',
      params: IdParams,
      body: HireBody,
      response: { 200: HireSchema, ...errorResponses },
    },
    handler: (request) => applicantHirer(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
}
