import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { AuditKeyring } from '../domain/audit-checkpoint.js';
import type { RequestContext } from '../services/audit.service.js';

/** What every route module receives: the database, settings, and a request → audit context helper. */
export interface AppContext {
  db: Database;
  config: Config;
  ctx: (request: FastifyRequest) => RequestContext;
  /** The audit checkpoint keys (null: none configured; checkpoints are then neither written nor checked). */
  auditKeys: AuditKeyring | null;
}
