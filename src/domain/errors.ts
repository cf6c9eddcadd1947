/**
 * One domain error type with a stable code, a Chinese message (English beside it) and the offending
 * fields. Services throw these; the HTTP layer maps `kind` to a status code.
 */
export type ErrorKind =
  | 'validation' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'locked' // 423
  | 'rate_limited' // 429
  | 'unavailable'; // 503 (with Retry-After)

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly fields: FieldError[];
  readonly messageEn: string | undefined;

  constructor(kind: ErrorKind, code: string, message: string, fields: FieldError[] = [], messageEn?: string) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.fields = fields;
    this.messageEn = messageEn;
  }
}

export const invalid = (field: string, message: string, code = 'VALIDATION'): DomainError =>
  new DomainError('validation', code, message, [{ field, message }]);

export const invalidFields = (fields: FieldError[], code = 'VALIDATION'): DomainError =>
  new DomainError('validation', code, fields.length === 1 ? fields[0].message : '请求参数有误', fields);

export const forbidden = (message = '无权执行此操作', code = 'FORBIDDEN'): DomainError =>
  new DomainError('forbidden', code, message, [], 'Forbidden');

export const outOfScope = (): DomainError =>
  new DomainError('forbidden', 'OUT_OF_SCOPE', '该区划不在您的管辖范围内', [], 'Region outside your scope');

export const notFound = (what = '记录', code = 'NOT_FOUND'): DomainError =>
  new DomainError('not_found', code, `${what}不存在或不在您的管辖范围内`, [], 'Not found');

export const conflict = (message: string, code = 'CONFLICT', field?: string): DomainError =>
  new DomainError('conflict', code, message, field ? [{ field, message }] : []);
