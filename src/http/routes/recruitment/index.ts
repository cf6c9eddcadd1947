import multipart from '@fastify/multipart';
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { applicantAdder, applicantHirer, applicantImporter, applicantOfferer, applicantUpdater, planCreator, planLister, planReader } from '../../../services/recruitment.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import { withUploadedSheet } from '../../upload.js';
import { ApplicantBody, ApplicantPatch, CreatedSchema, HireBody, HireSchema, IdParams, ImportResultSchema, OfferSchema, PlanBody, PlanListSchema, PlanViewSchema, RegionQuery } from './schema.js';

type Id = { Params: Static<typeof IdParams> };
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** F-RECRUIT open recruitment and F-VET vetting (issue 6). */
export default async function recruitmentRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 10 } });

  app.get<{ Querystring: Static<typeof RegionQuery> }>('/api/recruitment/plans', {
    config: { access: 'recruitment.read' },
    schema: { tags: ['recruitment'], summary: '招聘计划列表', querystring: RegionQuery, response: { 200: PlanListSchema, ...errorResponses } },
    handler: (request) => planLister(db, actorOf(request), request.query),
  });

  app.post<{ Body: Static<typeof PlanBody> }>('/api/recruitment/plans', {
    config: { access: 'recruitment.manage' },
    schema: { tags: ['recruitment'], summary: '制定招聘计划（岗位、资格条件、成绩权重、优待加分）', body: PlanBody, response: { 200: PlanViewSchema, ...errorResponses } },
    handler: (request) => planCreator(db, actorOf(request), request.body, ctx(request)),
  });

  app.get<Id>('/api/recruitment/plans/:id', {
    config: { access: 'recruitment.read' },
    schema: { tags: ['recruitment'], summary: '招聘计划：各岗位报名人员的资格审查、成绩、排名', params: IdParams, response: { 200: PlanViewSchema, ...errorResponses } },
    handler: (request) => planReader(db, actorOf(request), request.params.id),
  });

  app.post<Id & { Body: Static<typeof ApplicantBody> }>('/api/recruitment/plans/:id/applicants', {
    config: { access: 'recruitment.manage' },
    schema: { tags: ['recruitment'], summary: '录入报名人员', params: IdParams, body: ApplicantBody, response: { 200: CreatedSchema, ...errorResponses } },
    handler: (request) => applicantAdder(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });

  app.post<Id>('/api/recruitment/plans/:id/applicants/import', {
    config: { access: 'recruitment.manage' },
    schema: {
      tags: ['recruitment'],
      summary: '从 .xlsx 导入报名人员（multipart，字段 file；逐行校验，全部正确才写入）',
      consumes: ['multipart/form-data'],
      params: IdParams,
      response: { 200: ImportResultSchema, ...errorResponses },
    },
    handler: async (request) => {
      return withUploadedSheet(request, MAX_UPLOAD_BYTES, (path, fileName) => applicantImporter(db, actorOf(request), request.params.id, path, { ...ctx(request), fileName }));
    },
  });

  app.patch<Id & { Body: Static<typeof ApplicantPatch> }>('/api/recruitment/applicants/:id', {
    config: { access: 'recruitment.manage' },
    schema: { tags: ['recruitment'], summary: '录入成绩、政治把关结论', params: IdParams, body: ApplicantPatch, response: { 200: PlanViewSchema, ...errorResponses } },
    handler: (request) => applicantUpdater(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });

  app.post<Id>('/api/recruitment/applicants/:id/offer', {
    config: { access: 'recruitment.manage' },
    schema: { tags: ['recruitment'], summary: '发出录用通知（排名在岗位人数内、政治把关通过）', params: IdParams, response: { 200: OfferSchema, ...errorResponses } },
    handler: (request) => applicantOfferer(db, actorOf(request), request.params.id, ctx(request)),
  });

  app.post<Id & { Body: Static<typeof HireBody> }>('/api/recruitment/applicants/:id/hire', {
    config: { access: 'recruitment.manage' },
    schema: { tags: ['recruitment'], summary: '聘用：在岗位所在社区建立试用期人员档案（沿用报名信息）', params: IdParams, body: HireBody, response: { 200: HireSchema, ...errorResponses } },
    handler: (request) => applicantHirer(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });
}
