/**
 * Each API request takes its turn in the database's line when it arrives (PGlite only; the rules are in
 * src/db/connection-queue.ts): it waits for a place among the requests in progress, in order of
 * arrival and for a bounded time (else 503 BUSY with Retry-After; an upload longer), and its statements are then served
 * before those of any later request. Static files of the web app do not queue.
 */
import type { FastifyInstance } from 'fastify';
import type { Turn } from '../../db/connection-queue.js';
import type { Database } from '../../db/database.js';

declare module 'fastify' {
  interface FastifyRequest {
    dbTurn: Turn | null;
  }
}

export function installDbQueue(app: FastifyInstance, db: Database): void {
  app.decorateRequest('dbTurn', null);
  // Registered before the authentication hook, whose session lookup is most requests' first statement.
  // The database is asked for its queue per request, not while the app is built (gen:api builds it
  // without one); PostgreSQL has none.
  app.addHook('onRequest', (request, reply, done) => {
    const queue = db.queue;
    if (!queue || !request.url.startsWith('/api/')) return done();
    const turn = queue.turn();
    request.dbTurn = turn;
    // However the request ends, its place is given back (leave is idempotent).
    reply.raw.once('close', () => queue.leave(turn));
    // An upload (an import) may wait longer for its place than a page's request.
    const bulk = /^multipart\/form-data/i.test(request.headers['content-type'] ?? '');
    queue.admit(turn, bulk).then(
      () => queue.within(turn, () => done()),
      (e: Error) => done(e),
    );
  });
  // Again before the handler: a body is read from the socket's events, where the turn is not carried.
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.dbTurn) db.queue!.within(request.dbTurn, () => done());
    else done();
  });
  // A streamed answer (an .xlsx export) gives its place back when the stream starts: its remaining
  // statements keep their turn in the connection's line, but a slow download does not keep others out.
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (request.dbTurn && typeof (payload as { pipe?: unknown } | null)?.pipe === 'function')
      db.queue!.leave(request.dbTurn);
    done(null, payload);
  });
  app.addHook('onResponse', (request, _reply, done) => {
    if (request.dbTurn) db.queue!.leave(request.dbTurn);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    if (request.dbTurn) db.queue!.leave(request.dbTurn);
    done();
  });
}
