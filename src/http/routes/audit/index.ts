import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { auditVerifier } from '../../../services/audit.service.js';
import { auditViewer } from '../../../services/audit-view.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses, Nullable, Page, RegionCode, StrEnum } from '../../schemas.js';

const Query = Type.Composite(
  [
    Page,
    Type.Object({
      region: Type.Optional(RegionCode),
      entityType: Type.Optional(Type.String({ maxLength: 50 })),
      action: Type.Optional(Type.String({ maxLength: 50 })),
      actor: Type.Optional(Type.String({ maxLength: 50 })),
      from: Type.Optional(Type.String({ format: 'date' })),
      to: Type.Optional(Type.String({ format: 'date' })),
    }),
  ],
  { additionalProperties: false },
);

const Entry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorType: StrEnum(['user', 'token', 'system'] as const),
  actorName: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  regionCode: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export default async function auditRoutes(app: FastifyInstance, { db, ctx }: AppContext) {
  app.get<{ Querystring: Static<typeof Query> }>('/api/audit', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: '审计日志（本辖区；前后内容中的身份证号与手机号对无权查看的角色脱敏，完整显示的读取记入审计）',
      querystring: Query,
      response: { 200: Type.Object({ items: Type.Array(Entry), total: Type.Integer() }), ...errorResponses },
    },
    handler: (request) => auditViewer(db, actorOf(request), request.query, ctx(request)),
  });

  app.get('/api/audit/verify', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: '校验审计哈希链',
      response: {
        200: Type.Object({
          ok: Type.Boolean(),
          checked: Type.Integer(),
          firstBrokenId: Nullable(Type.Integer()),
          reason: Nullable(Type.String()),
        }),
        ...errorResponses,
      },
    },
    handler: async (request) => {
      const v = await auditVerifier(db, actorOf(request));
      return v.ok
        ? { ok: true, checked: v.checked, firstBrokenId: null, reason: null }
        : { ok: false, checked: v.checked, firstBrokenId: v.firstBrokenId, reason: v.reason };
    },
  });
}
