import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { auditVerifier } from '../../../services/audit.service.js';
import {
  auditCheckpointExporter,
  EXPORT_FORMAT,
  MAX_EXPORTED_CHECKPOINTS,
} from '../../../services/audit-checkpoint.service.js';
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

const Hex64 = Type.String({ pattern: '^[0-9a-f]{64}$' });
const CheckpointSchema = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    at: Type.String({ format: 'date-time', maxLength: 30 }),
    lastId: Type.Integer({ minimum: 0 }),
    lastHash: Hex64,
    entryCount: Type.Integer({ minimum: 0 }),
    keyId: Type.String({ pattern: '^[0-9a-f]{16}$' }),
    mac: Hex64,
  },
  { additionalProperties: false },
);

/** The exported checkpoint file, as written by the export and as read back by the verification. */
const ExportBody = Type.Object(
  {
    format: Type.Literal(EXPORT_FORMAT),
    version: Type.Literal(1),
    exportedAt: Type.String({ format: 'date-time', maxLength: 30 }),
    note: Type.String({ maxLength: 500 }),
    checkpoints: Type.Array(CheckpointSchema, { minItems: 1, maxItems: Math.min(MAX_EXPORTED_CHECKPOINTS, 500) }),
  },
  { additionalProperties: false },
);

const Report = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  entries: Type.Integer(),
  lastEntryId: Nullable(Type.Integer()),
  firstBrokenId: Nullable(Type.Integer()),
  reason: Nullable(Type.String()),
  checkpoints: Type.Object({
    database: Type.Integer(),
    file: Type.Integer(),
    verified: Type.Integer(),
    latest: Nullable(
      Type.Object({
        id: Type.Integer(),
        at: Type.String(),
        lastId: Type.Integer(),
        entryCount: Type.Integer(),
        source: StrEnum(['database', 'file'] as const),
      }),
    ),
  }),
  problems: Type.Array(
    Type.Object({
      code: StrEnum([
        'CHAIN_BROKEN',
        'CHECKPOINT_MISMATCH',
        'CHECKPOINT_ENTRY_MISSING',
        'MISSING_TAIL',
        'CHECKPOINT_BAD_SIGNATURE',
        'CHECKPOINT_UNKNOWN_KEY',
      ] as const),
      message: Type.String(),
      entryId: Nullable(Type.Integer()),
      checkpointId: Nullable(Type.Integer()),
      source: Nullable(StrEnum(['database', 'file'] as const)),
    }),
  ),
  problemCount: Type.Integer(),
  warnings: Type.Array(Type.String()),
});

export default async function auditRoutes(app: FastifyInstance, { db, ctx, auditKeys }: AppContext) {
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
      summary: '校验审计哈希链与检查点',
      response: { 200: Report, ...errorResponses },
    },
    handler: async (request) => auditVerifier(db, actorOf(request), { keys: auditKeys }),
  });

  app.post<{ Body: Static<typeof ExportBody> }>('/api/audit/verify', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: '校验审计哈希链与检查点，并对照导出的检查点文件（可发现连同检查点表一起被截断的末尾）',
      body: ExportBody,
      response: { 200: Report, ...errorResponses },
    },
    handler: async (request) =>
      auditVerifier(db, actorOf(request), { keys: auditKeys, external: request.body.checkpoints }),
  });

  app.post('/api/audit/checkpoints/export', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: '写入并导出最新的审计检查点（保存在数据库以外，校验时对照）',
      response: { 200: ExportBody, ...errorResponses },
    },
    handler: async (request, reply) => {
      const doc = await auditCheckpointExporter(db, actorOf(request), auditKeys, ctx(request));
      const name = `shequ-audit-checkpoint-${doc.checkpoints[0].lastId}.json`;
      return reply.header('content-disposition', `attachment; filename="${name}"`).send(doc);
    },
  });
}
