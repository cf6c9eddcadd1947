import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  budgetReader,
  gradeReviewCommitter,
  gradeReviewPreviewer,
  workerGradeReader,
  workerPayReader,
} from '../../../services/grade.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';
import {
  BudgetSchema,
  CodeParams,
  CommitSchema,
  DateQuery,
  GradeSchema,
  IdParams,
  PaySchema,
  ReviewBody,
  ReviewSchema,
  YearQuery,
} from './schema.js';

type Id = { Params: Static<typeof IdParams> };

export default async function gradeRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<Id & { Querystring: Static<typeof DateQuery> }>('/api/workers/:id/grade', {
    config: { access: 'pay.read' },
    schema: {
      tags: ['grades'],
      summary: '岗位等级及逐步说明（F-GRADE）',
      params: IdParams,
      querystring: DateQuery,
      response: { 200: GradeSchema, ...errorResponses },
    },
    handler: (request) => workerGradeReader(db, actorOf(request), request.params.id, request.query, ctx(request)),
  });

  app.get<Id & { Querystring: Static<typeof DateQuery> }>('/api/workers/:id/pay', {
    config: { access: 'pay.read' },
    schema: {
      tags: ['grades'],
      summary: '月薪酬及其组成与算式（F-PAY）',
      params: IdParams,
      querystring: DateQuery,
      response: { 200: PaySchema, ...errorResponses },
    },
    handler: (request) => workerPayReader(db, actorOf(request), request.params.id, request.query, ctx(request)),
  });

  app.get<{ Params: Static<typeof CodeParams>; Querystring: Static<typeof YearQuery> }>('/api/regions/:code/budget', {
    config: { access: 'policy.read' },
    schema: {
      tags: ['grades'],
      summary: '区划全年人员经费测算（F-BUDGET）',
      params: CodeParams,
      querystring: YearQuery,
      response: { 200: BudgetSchema, ...errorResponses },
    },
    handler: (request) => budgetReader(db, actorOf(request), request.params.code, request.query, ctx(request)),
  });

  app.post<{ Body: Static<typeof ReviewBody> }>('/api/grade-reviews', {
    config: { access: 'grade.review' },
    schema: {
      tags: ['grades'],
      summary: '年度等级评定：预览（保存为草稿）',
      body: ReviewBody,
      response: { 200: ReviewSchema, ...errorResponses },
    },
    handler: (request) => gradeReviewPreviewer(db, actorOf(request), request.body, ctx(request)),
  });

  app.post<Id>('/api/grade-reviews/:id/commit', {
    config: { access: 'grade.review' },
    schema: {
      tags: ['grades'],
      summary: '年度等级评定：提交（一个事务，逐人记入审计；只能提交一次）',
      params: IdParams,
      response: { 200: CommitSchema, ...errorResponses },
    },
    handler: (request) => gradeReviewCommitter(db, actorOf(request), request.params.id, ctx(request)),
  });
}
