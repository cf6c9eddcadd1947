import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { AuditKeyring } from '../domain/audit-checkpoint.js';
import type { RequestContext } from '../services/audit.service.js';
import type { SecurityState } from '../services/security.service.js';

/** What every route module receives: the database, settings, and a request → audit context helper. */
export interface AppContext {
  db: Database;
  config: Config;
  ctx: (request: FastifyRequest) => RequestContext;
  /** What the server noticed about its own setup (an untrusted proxy), for the administrator's warnings. */
  security: SecurityState;
  /** The audit checkpoint keys (null: none configured; checkpoints are then neither written nor checked). */
  auditKeys: AuditKeyring | null;
}
