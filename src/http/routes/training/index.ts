/**
 * Training (issue 5): programs, enrolment, attendance (also as a spreadsheet), compliance with the rule
 * in force and its export, a worker's own training, the trainer pool, resource library, mentor pairs
 * and all-post certification. Thin: each route calls one service.
 */
import multipart from '@fastify/multipart';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { forbidden } from '../../../domain/errors.js';
import { can } from '../../../domain/permissions.js';
import {
  allPostCreator,
  allPostLister,
  attendanceRecorder,
  complianceExportRows,
  complianceReader,
  enrolmentAdder,
  mentorPairCreator,
  mentorPairLister,
  programCreator,
  programLister,
  programReader,
  resourceCreator,
  resourceLister,
  trainerCreator,
  trainerLister,
  visibleProgram,
  workerTrainingReader,
} from '../../../services/training.service.js';
import {
  attendanceImporter,
  attendanceTemplate,
  complianceWorkbook,
} from '../../../services/training-sheets.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { withUploadedSheet } from '../../upload.js';
import { XlsxFile } from '../imports/schema.js';
import {
  AllPostBody,
  AllPostSchema,
  AttendanceBody,
  AttendanceImportQuery,
  AttendanceImportResult,
  ComplianceExportQuery,
  ComplianceQuery,
  ComplianceSchema,
  EnrolBody,
  EnrolResult,
  IdParams,
  MentorBody,
  MentorSchema,
  ProgramBody,
  ProgramDetail,
  ProgramListQuery,
  ProgramSchema,
  RegionQuery,
  ResourceBody,
  ResourceQuery,
  ResourceSchema,
  TrainerBody,
  TrainerSchema,
  WorkerTrainingSchema,
} from './schema.js';

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const download = (reply: FastifyReply, fileName: string) =>
  reply
    .header('content-type', XLSX)
    .header(
      'content-disposition',
      `attachment; filename="${encodeURIComponent(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );

type Id = { Params: Static<typeof IdParams> };
const tags = ['training'];

export default async function trainingRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 20 } });

  app.get<{ Querystring: Static<typeof ProgramListQuery> }>('/api/training/programs', {
    config: { access: 'training.read' },
    schema: {
      tags,
      summary: '培训班列表（本辖区举办的及上级举办的；可按日期区间、层级、类型筛选）',
      querystring: ProgramListQuery,
      response: { 200: Type.Object({ items: Type.Array(ProgramSchema) }), ...errorResponses },
    },
    handler: (request) => programLister(db, actorOf(request), request.query),
  });

  app.post<{ Body: Static<typeof ProgramBody> }>('/api/training/programs', {
    config: { access: 'training.manage' },
    schema: {
      tags,
      summary: '新建培训班（F-TRAIN）',
      body: ProgramBody,
      response: { 200: Type.Object({ item: ProgramSchema }), ...errorResponses },
    },
    handler: (request) => programCreator(db, actorOf(request), request.body, ctx(request)),
  });

  app.get<Id>('/api/training/programs/:id', {
    config: { access: 'training.read' },
    schema: {
      tags,
      summary: '培训班及本辖区报名、出勤、结业情况',
      params: IdParams,
      response: { 200: ProgramDetail, ...errorResponses },
    },
    handler: (request) => programReader(db, actorOf(request), request.params.id),
  });

  app.post<Id & { Body: Static<typeof EnrolBody> }>('/api/training/programs/:id/enrolments', {
    config: { access: 'training.manage' },
    schema: {
      tags,
      summary: '报名：逐个（workerIds）或按条件全部（filter）；已报名的跳过',
      params: IdParams,
      body: EnrolBody,
      response: { 200: EnrolResult, ...errorResponses },
    },
    handler: (request) => enrolmentAdder(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });

  app.post<Id & { Body: Static<typeof AttendanceBody> }>('/api/training/programs/:id/attendance', {
    config: { access: 'training.manage' },
    schema: {
      tags,
      summary: '登记出勤与结业（全部正确才写入）',
      params: IdParams,
      body: AttendanceBody,
      response: { 200: Type.Object({ updated: Type.Integer() }), ...errorResponses },
    },
    handler: (request) => attendanceRecorder(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });

  app.get<Id>('/api/training/programs/:id/attendance.xlsx', {
    config: { access: 'training.read' },
    schema: {
      tags,
      summary: '考勤表模板（列出本辖区报名人员）',
      params: IdParams,
      response: { 200: XlsxFile, ...errorResponses },
    },
    handler: async (request, reply) =>
      download(reply, '考勤表.xlsx').send(await attendanceTemplate(db, actorOf(request), request.params.id)),
  });

  app.post<Id & { Querystring: Static<typeof AttendanceImportQuery> }>('/api/training/programs/:id/attendance/import', {
    config: { access: 'training.manage' },
    schema: {
      tags,
      summary: '导入考勤表（multipart，字段 file；逐行校验，任何一行有错则全部不写入；dryRun 只校验）',
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: AttendanceImportQuery,
      response: { 200: AttendanceImportResult, ...errorResponses },
    },
    handler: async (request) => {
      // The program is checked before the upload is read, so a refusal costs nothing.
      const actor = actorOf(request);
      if (!can(actor, 'training.manage')) throw forbidden();
      await visibleProgram(db, actor, request.params.id);
      return withUploadedSheet(request, MAX_UPLOAD_BYTES, (path, fileName) =>
        attendanceImporter(
          db,
          actor,
          request.params.id,
          path,
          { dryRun: request.query.dryRun, fileName },
          ctx(request),
        ),
      );
    },
  });

  app.get<{ Querystring: Static<typeof ComplianceQuery> }>('/api/training/compliance', {
    config: { access: 'training.read' },
    schema: {
      tags,
      summary: '培训达标情况（F-TRAIN-RULE）：已达标、即将到期、待培训、逾期，逐人给出规则、周期与计算过程',
      querystring: ComplianceQuery,
      response: { 200: ComplianceSchema, ...errorResponses },
    },
    handler: (request) => complianceReader(db, actorOf(request), request.query, ctx(request)),
  });

  app.get<{ Querystring: Static<typeof ComplianceExportQuery> }>('/api/training/compliance.xlsx', {
    config: { access: 'training.read' },
    schema: {
      tags,
      summary: '导出培训达标情况（.xlsx，记入审计）',
      querystring: ComplianceExportQuery,
      response: { 200: XlsxFile, ...errorResponses },
    },
    handler: async (request, reply) => {
      const data = await complianceExportRows(db, actorOf(request), request.query, ctx(request));
      return download(reply, `${data.region.name}培训达标情况${data.date}.xlsx`).send(await complianceWorkbook(data));
    },
  });

  app.get<Id>('/api/workers/:id/training', {
    config: { access: 'worker.read' },
    schema: {
      tags,
      summary: '某人的培训达标情况（含规则与计算过程）和培训记录',
      params: IdParams,
      response: { 200: WorkerTrainingSchema, ...errorResponses },
    },
    handler: (request) => workerTrainingReader(db, actorOf(request), request.params.id, ctx(request)),
  });

  app.get('/api/training/trainers', {
    config: { access: 'training.read' },
    schema: {
      tags,
      summary: '师资库（本辖区及上级的，F-FACULTY）',
      response: { 200: Type.Object({ items: Type.Array(TrainerSchema) }), ...errorResponses },
    },
    handler: (request) => trainerLister(db, actorOf(request)),
  });

  app.post<{ Body: Static<typeof TrainerBody> }>('/api/training/trainers', {
    config: { access: 'training.faculty' },
    schema: {
      tags,
      summary: '添加师资（市级及以上）',
      body: TrainerBody,
      response: { 200: Type.Object({ item: TrainerSchema }), ...errorResponses },
    },
    handler: (request) => trainerCreator(db, actorOf(request), request.body, ctx(request)),
  });

  app.get<{ Querystring: Static<typeof ResourceQuery> }>('/api/training/resources', {
    config: { access: 'training.read' },
    schema: {
      tags,
      summary: '资源库：文档、链接、社区工作法案例（F-FACULTY）',
      querystring: ResourceQuery,
      response: { 200: Type.Object({ items: Type.Array(ResourceSchema) }), ...errorResponses },
    },
    handler: (request) => resourceLister(db, actorOf(request), request.query),
  });

  app.post<{ Body: Static<typeof ResourceBody> }>('/api/training/resources', {
    config: { access: 'training.faculty' },
    schema: {
      tags,
      summary: '添加资源（市级及以上）',
      body: ResourceBody,
      response: { 200: Type.Object({ item: ResourceSchema }), ...errorResponses },
    },
    handler: (request) => resourceCreator(db, actorOf(request), request.body, ctx(request)),
  });

  app.get<{ Querystring: Static<typeof RegionQuery> }>('/api/training/mentors', {
    config: { access: 'training.read' },
    schema: {
      tags,
      summary: '导师帮带结对（F-MENTOR）',
      querystring: RegionQuery,
      response: { 200: Type.Object({ items: Type.Array(MentorSchema) }), ...errorResponses },
    },
    handler: (request) => mentorPairLister(db, actorOf(request), request.query),
  });

  app.post<{ Body: Static<typeof MentorBody> }>('/api/training/mentors', {
    config: { access: 'training.manage' },
    schema: {
      tags,
      summary: '新建导师帮带结对',
      body: MentorBody,
      response: { 200: Type.Object({ item: MentorSchema }), ...errorResponses },
    },
    handler: (request) => mentorPairCreator(db, actorOf(request), request.body, ctx(request)),
  });

  app.get<{ Querystring: Static<typeof RegionQuery> }>('/api/training/all-post', {
    config: { access: 'training.read' },
    schema: {
      tags,
      summary: '全岗通认证（F-ALLPOST）',
      querystring: RegionQuery,
      response: { 200: Type.Object({ items: Type.Array(AllPostSchema) }), ...errorResponses },
    },
    handler: (request) => allPostLister(db, actorOf(request), request.query),
  });

  app.post<{ Body: Static<typeof AllPostBody> }>('/api/training/all-post', {
    config: { access: 'training.manage' },
    schema: {
      tags,
      summary: '登记全岗通认证',
      body: AllPostBody,
      response: { 200: Type.Object({ item: AllPostSchema }), ...errorResponses },
    },
    handler: (request) => allPostCreator(db, actorOf(request), request.body, ctx(request)),
  });
}
