import type { Static, TSchema } from '@sinclair/typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  FastifyTypeProvider,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
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

/**
 * Request and reply types from the routes' TypeBox schemas (@sinclair/typebox 0.34, which the
 * published @fastify/type-provider-typebox 6 no longer reads: it expects the `typebox` 1.x package).
 */
export interface TypeBoxTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
  serializer: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
}

/**
 * The Fastify instance a route module registers on: the TypeBox type provider infers each handler's
 * params, query, body and reply from the route's schemas, so no request type is written twice.
 */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** One routes/<capability>/index.ts: registers that capability's routes. */
export type RouteModule = (app: App, ctx: AppContext) => Promise<void>;
