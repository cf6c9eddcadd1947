/**
 * Request validation: bodies are strict (no type coercion, unknown fields refused); query strings and
 * path parameters are coerced from text. Ajv errors become field errors with Chinese messages.
 */

import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';
import type { FastifyInstance } from 'fastify';
import type { FieldError } from '../../domain/errors.js';

// ajv-formats is CommonJS whose typings do not survive NodeNext's default-import wrapping.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv;

function makeAjv(coerce: boolean) {
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: coerce ? 'array' : false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

export function installValidation(app: FastifyInstance): void {
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
}

const TYPE_NAMES: Record<string, string> = {
  string: '字符串',
  integer: '整数',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: '空值',
};

/** Ajv errors → `[{field, message}]` with one entry per offending field. */
export function fieldErrors(errors: ErrorObject[], part: string | undefined): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const path = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
    let field = path;
    let message: string;
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required':
        field = path ? `${path}.${p.missingProperty}` : String(p.missingProperty);
        message = '缺少必填字段';
        break;
      case 'additionalProperties':
        field = path ? `${path}.${p.additionalProperty}` : String(p.additionalProperty);
        message = '不允许的字段';
        break;
      case 'type':
        message = `类型错误，应为${String(p.type)
          .split(',')
          .map((t) => TYPE_NAMES[t] ?? t)
          .join('或')}`;
        break;
      case 'minLength':
        message = p.limit === 1 ? '不能为空' : `长度不能少于 ${p.limit} 个字符`;
        break;
      case 'maxLength':
        message = `长度不能超过 ${p.limit} 个字符`;
        break;
      case 'minimum':
        message = `不能小于 ${p.limit}`;
        break;
      case 'maximum':
        message = `不能大于 ${p.limit}`;
        break;
      case 'pattern':
        message = '格式不正确';
        break;
      case 'minItems':
        message = `至少应有 ${p.limit} 项`;
        break;
      case 'maxItems':
        message = `不能超过 ${p.limit} 项`;
        break;
      case 'format':
        message =
          p.format === 'date'
            ? '日期格式应为 YYYY-MM-DD'
            : p.format === 'date-time'
              ? '时间格式应为 ISO 8601'
              : '格式不正确';
        break;
      case 'enum':
      case 'const':
        message = `取值不在允许范围内${Array.isArray(p.allowedValues) ? `（可选：${p.allowedValues.join('、')}）` : ''}`;
        break;
      case 'anyOf':
      case 'oneOf':
        continue; // the branch errors say more
      default:
        message = e.message ?? '取值不正确';
    }
    if (!field) field = part ?? 'body';
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message });
  }
  return out;
}
