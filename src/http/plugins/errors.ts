/** One error shape for every failure: `{"error":{"code","message","fields":[{"field","message"}]}}`. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, type ErrorKind } from '../../domain/errors.js';
import { fieldErrors } from './validation.js';

export const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  rate_limited: 429,
  unavailable: 503,
};

export const errorBody = (code: string, message: string, fields: { field: string; message: string }[] = []) => ({
  error: { code, message, fields },
});

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError, request, reply) => {
    if (err instanceof DomainError) {
      const retry = (err as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retry) reply.header('retry-after', String(retry));
      return reply.status(STATUS[err.kind]).send(errorBody(err.code, err.message, err.fields));
    }
    const e = err as FastifyError;
    if (e.validation) {
      const fields = fieldErrors(e.validation as never, e.validationContext);
      const message = fields.length === 1 ? `${fields[0].field}：${fields[0].message}` : '请求参数有误';
      return reply.status(400).send(errorBody('VALIDATION', message, fields));
    }
    switch (e.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply
          .status(400)
          .send(
            errorBody('MALFORMED_JSON', '请求体不是有效的 JSON', [{ field: 'body', message: '请求体不是有效的 JSON' }]),
          );
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply
          .status(400)
          .send(errorBody('BODY_TOO_LARGE', '请求体过大', [{ field: 'body', message: '请求体过大' }]));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply
          .status(415)
          .send(
            errorBody('UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容类型', [
              { field: 'content-type', message: '请使用 application/json' },
            ]),
          );
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return reply.status(400).send(errorBody('BAD_REQUEST', '请求长度不正确'));
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(e.statusCode).send(errorBody('BAD_REQUEST', '请求有误', []));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', '服务器内部错误，请稍后再试'));
  });
}
