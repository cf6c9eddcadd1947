import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  consequenceDecider,
  consequencesBatchDecider,
  faultToleranceRecorder,
  planApprover,
  planCreator,
  planLister,
  planReader,
  scoresSaver,
  workerAssessmentReader,
} from '../../../services/assessment.service.js';
import {
  AddressLimiter,
  DEVICE_COOKIE,
  publicCommunityReader,
  publicProfileSaver,
  publicRatingSubmitter,
  ratingReviewer,
  ratingSettingsReader,
  ratingSettingsSaver,
} from '../../../services/voice.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { ErrorSchema, errorResponses } from '../../schemas.js';
import {
  ApprovedSchema,
  BatchDecidedSchema,
  BatchDecisionBody,
  CodeParams,
  ConsequenceSchema,
  DecisionBody,
  FaultToleranceBody,
  FaultToleranceSchema,
  IdParams,
  PlanCreateBody,
  PlanCreatedSchema,
  PlanDetailSchema,
  PlanListSchema,
  ProfileBody,
  ProfileSchema,
  PublicCommunitySchema,
  RatingBody,
  RatingSavedSchema,
  RegionQuery,
  ReviewBody,
  ScoresBody,
  ScoresSavedSchema,
  SettingsBody,
  SettingsSchema,
  WorkerAssessmentsSchema,
} from './schema.js';

type Id = { Params: Static<typeof IdParams> };
type Code = { Params: Static<typeof CodeParams> };

/** F-ASSESS 年度考核 and F-SUPERVISE 居民评价 (issue 5). */
export default async function assessmentRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get('/api/assessment-plans', {
    config: { access: 'assessment.read' },
    schema: {
      tags: ['assessment'],
      summary: '年度考核方案列表（本辖区及所在县）',
      response: { 200: PlanListSchema, ...errorResponses },
    },
    handler: (request) => planLister(db, actorOf(request)),
  });

  app.post<{ Body: Static<typeof PlanCreateBody> }>('/api/assessment-plans', {
    config: { access: 'assessment.plan' },
    schema: {
      tags: ['assessment'],
      summary: '县级下达年度考核方案（规则取自当时生效的政策并冻结）',
      body: PlanCreateBody,
      response: { 200: PlanCreatedSchema, ...errorResponses },
    },
    handler: (request) => planCreator(db, actorOf(request), request.body, ctx(request)),
  });

  app.get<Id & { Querystring: Static<typeof RegionQuery> }>('/api/assessment-plans/:id', {
    config: { access: 'assessment.read' },
    schema: {
      tags: ['assessment'],
      summary: '考核方案：规则、优秀名额、评分表、结果运用、容错纠错',
      params: IdParams,
      querystring: RegionQuery,
      response: { 200: PlanDetailSchema, ...errorResponses },
    },
    handler: (request) => planReader(db, actorOf(request), request.params.id, request.query),
  });

  app.put<Id & { Body: Static<typeof ScoresBody> }>('/api/assessment-plans/:id/scores', {
    config: { access: 'assessment.score' },
    schema: {
      tags: ['assessment'],
      summary: '录入评分（多行一并保存，全部成功或全部不保存；审定后 409）',
      params: IdParams,
      body: ScoresBody,
      response: { 200: ScoresSavedSchema, ...errorResponses },
    },
    handler: (request) => scoresSaver(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });

  app.post<Id>('/api/assessment-plans/:id/approve', {
    config: { access: 'assessment.plan' },
    schema: {
      tags: ['assessment'],
      summary: '审定并锁定考核结果，拟定结果运用（有未评分或超出优秀上限时 409）',
      params: IdParams,
      response: { 200: ApprovedSchema, ...errorResponses },
    },
    handler: (request) => planApprover(db, actorOf(request), request.params.id, ctx(request)),
  });

  app.post<Id & { Body: Static<typeof FaultToleranceBody> }>('/api/assessment-plans/:id/fault-tolerance', {
    config: { access: 'assessment.decide' },
    schema: {
      tags: ['assessment'],
      summary: '容错纠错认定（记录理由；免予执行不利的结果运用）',
      params: IdParams,
      body: FaultToleranceBody,
      response: { 200: FaultToleranceSchema, ...errorResponses },
    },
    handler: (request) => faultToleranceRecorder(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });

  app.post<Id & { Body: Static<typeof DecisionBody> }>('/api/assessment-consequences/:id/decision', {
    config: { access: 'assessment.decide' },
    schema: {
      tags: ['assessment'],
      summary: '确认（执行）或否决一项结果运用',
      params: IdParams,
      body: DecisionBody,
      response: { 200: Type.Object({ item: ConsequenceSchema }), ...errorResponses },
    },
    handler: (request) => consequenceDecider(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });

  app.post<Id & { Body: Static<typeof BatchDecisionBody> }>('/api/assessment-plans/:id/consequences/decision', {
    config: { access: 'assessment.decide' },
    schema: {
      tags: ['assessment'],
      summary: '一次确认或否决某一类全部待确认的结果运用（本辖区内）',
      params: IdParams,
      body: BatchDecisionBody,
      response: { 200: BatchDecidedSchema, ...errorResponses },
    },
    handler: (request) => consequencesBatchDecider(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });

  app.get<Id>('/api/workers/:id/assessments', {
    config: { access: 'worker.read' },
    schema: {
      tags: ['assessment'],
      summary: '某人历年考核结果（等次、得分、依据、结果运用、容错纠错）',
      params: IdParams,
      response: { 200: WorkerAssessmentsSchema, ...errorResponses },
    },
    handler: (request) => workerAssessmentReader(db, actorOf(request), request.params.id),
  });

  app.put<Id & { Body: Static<typeof ProfileBody> }>('/api/workers/:id/public-profile', {
    config: { access: 'voice.manage' },
    schema: {
      tags: ['assessment'],
      summary: '职责公开、服务承诺（社区公开页面显示）',
      params: IdParams,
      body: ProfileBody,
      response: { 200: ProfileSchema, ...errorResponses },
    },
    handler: (request) => publicProfileSaver(db, actorOf(request), request.params.id, request.body, ctx(request)),
  });

  app.get<Code>('/api/regions/:code/rating-settings', {
    config: { access: 'voice.manage' },
    schema: {
      tags: ['assessment'],
      summary: '社区公开页面：链接、验证码设置、当前测评期与票数',
      params: CodeParams,
      response: { 200: SettingsSchema, ...errorResponses },
    },
    handler: (request) => ratingSettingsReader(db, actorOf(request), request.params.code, ctx(request)),
  });

  app.put<Code & { Body: Static<typeof SettingsBody> }>('/api/regions/:code/rating-settings', {
    config: { access: 'voice.manage' },
    schema: {
      tags: ['assessment'],
      summary: '开启或关闭居民测评验证码',
      params: CodeParams,
      body: SettingsBody,
      response: { 200: SettingsSchema, ...errorResponses },
    },
    handler: (request) => ratingSettingsSaver(db, actorOf(request), request.params.code, request.body, ctx(request)),
  });

  app.post<Code & { Body: Static<typeof ReviewBody> }>('/api/regions/:code/ratings/review', {
    config: { access: 'assessment.decide' },
    schema: {
      tags: ['assessment'],
      summary: '县级审核未计入的居民评价（一组：计入或作废）',
      params: CodeParams,
      body: ReviewBody,
      response: { 200: SettingsSchema, ...errorResponses },
    },
    handler: (request) => ratingReviewer(db, actorOf(request), request.params.code, request.body, ctx(request)),
  });

  // ---- public (no sign-in): the community page residents reach by link or QR code
  const limiter = new AddressLimiter(20, 10 * 60_000);
  const deviceCookie = { httpOnly: true, sameSite: 'lax' as const, path: '/api/public', maxAge: 400 * 24 * 3600 };

  app.get<Code>('/api/public/communities/:code', {
    config: { access: 'public' },
    schema: {
      tags: ['public'],
      summary: '社区公开页面（免登录）：工作人员职责与承诺、测评期与票数',
      security: [],
      params: CodeParams,
      response: { 200: PublicCommunitySchema, 400: ErrorSchema, 404: ErrorSchema },
    },
    handler: async (request, reply) => {
      const page = await publicCommunityReader(db, request.params.code, ctx(request), request.cookies[DEVICE_COOKIE]);
      if (!request.cookies[DEVICE_COOKIE]) reply.setCookie(DEVICE_COOKIE, randomUUID(), deviceCookie);
      return page;
    },
  });

  app.post<Code & { Body: Static<typeof RatingBody> }>('/api/public/communities/:code/ratings', {
    config: { access: 'public' },
    schema: {
      tags: ['public'],
      summary: '居民满意度测评（免登录；每台设备每个测评期一次）',
      security: [],
      params: CodeParams,
      body: RatingBody,
      response: { 200: RatingSavedSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema },
    },
    handler: (request) =>
      publicRatingSubmitter(
        db,
        request.params.code,
        request.body,
        { device: request.cookies[DEVICE_COOKIE], address: request.ip, limiter },
        ctx(request),
      ),
  });
}
