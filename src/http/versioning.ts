/**
 * The HTTP side of optimistic concurrency (src/domain/concurrency.ts): the schema of a `version` field,
 * the version a write asks for (body `version` and/or `If-Match`), and the ETag of what a route returns.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, expectedVersion, VERSION_PATTERN } from '../domain/concurrency.js';

export const Version = Type.String({
  pattern: VERSION_PATTERN,
  description:
    '读取记录时得到的版本号（与 ETag 相同）；写入时原样传回（或用 If-Match 请求头），记录已被他人修改则返回 409',
});

/** The version a write asks for; undefined when the client sent none (the write is then only serialised). */
export const versionOf = (request: FastifyRequest): string | undefined => {
  const header = request.headers['if-match'];
  return expectedVersion(
    (request.body as { version?: unknown } | undefined)?.version,
    Array.isArray(header) ? header.join(', ') : header,
  );
};

/** Awaits a service's result, sends the record's version (picked from it) as the ETag, and passes it on. */
export async function withEtag<T>(reply: FastifyReply, result: Promise<T>, version: (r: T) => string): Promise<T> {
  const r = await result;
  reply.header('etag', etagOf(version(r)));
  return r;
}
