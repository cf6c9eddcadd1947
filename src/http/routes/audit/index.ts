import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { auditSearcher, auditVerifier } from '../../../services/audit.service.js';
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

export default async function auditRoutes(app: FastifyInstance, { db }: AppContext) {
  app.get<{ Querystring: Static<typeof Query> }>('/api/audit', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: '审计日志（本辖区）',
      querystring: Query,
      response: { 200: Type.Object({ items: Type.Array(Entry), total: Type.Integer() }), ...errorResponses },
    },
    handler: async (request) => {
      const { rows, total } = await auditSearcher(db, actorOf(request), request.query);
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          actorType: r.actor_type,
          actorName: r.actor_name,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          regionCode: r.region_code,
          before: r.before,
          after: r.after,
        })),
      };
    },
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
