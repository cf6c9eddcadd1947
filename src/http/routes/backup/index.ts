import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { archiveStream, backupCreator } from '../../../services/backup.service.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { errorResponses } from '../../schemas.js';

const Archive = Type.Unsafe<unknown>({
  type: 'string',
  format: 'binary',
  description: '数据目录的一致副本（.tar.gz）',
});

export default async function backupRoutes(app: FastifyInstance, { db, ctx, auditKeys }: AppContext) {
  // The embedded database's directory belongs to the server process while it runs, so the copy is
  // made here; PostgreSQL deployments back up with pg_dump (409 BACKUP_USE_PG_DUMP says so).
  app.post('/api/system/backup', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['system'],
      summary: '备份数据库（内嵌数据库：服务运行时的一致副本；记入审计日志；仅全国级系统管理员）',
      response: { 200: Archive, ...errorResponses },
    },
    handler: async (request, reply) => {
      const b = await backupCreator(db, actorOf(request), auditKeys, ctx(request));
      return reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="${b.fileName}"`)
        .header('cache-control', 'no-store')
        .header('content-length', String(b.archive.size))
        .send(archiveStream(b.archive));
    },
  });
}
