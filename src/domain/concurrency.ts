/**
 * Optimistic concurrency: a record read through the API carries a version (an opaque string of digits,
 * also sent as the ETag); a write may send it back (`version` in the body or `If-Match`) and is then
 * refused with 409 when someone else changed the record in between. Writes without a version are still
 * serialised by a row lock in the service, so nothing is lost either way — the version only tells the
 * clerk that the form they filled in was based on an older record.
 */
import { conflict, type DomainError, invalid } from './errors.js';

/** Shown to the clerk when their form was based on an older record. */
export const STALE_MESSAGE = '该记录已被他人修改，请刷新后重试';

/** A version as the API writes it: digits (a row's xmin, or a time in microseconds), at most a bigint's 19. */
export const VERSION_PATTERN = '^[0-9]{1,19}$';
const VERSION = new RegExp(VERSION_PATTERN);

export const staleVersion = (): DomainError => conflict(STALE_MESSAGE, 'STALE_VERSION', 'version');

/** Refuses the write when the client sent a version and the record has moved on since. */
export function checkVersion(current: string, expected: string | undefined): void {
  if (expected !== undefined && expected !== current) throw staleVersion();
}

/** The ETag of a version (strong; the version is the row's own). */
export const etagOf = (version: string): string => `"${version}"`;

/**
 * The version an `If-Match` header asks for: `"123"` or `W/"123"`; `*` (any version) and an absent
 * header ask for none. Lists of tags and anything else are refused: we answer for one record.
 */
export function ifMatchVersion(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const h = header.trim();
  if (h === '*') return undefined;
  const m = /^(?:W\/)?"([^"]*)"$/.exec(h);
  if (!m || !VERSION.test(m[1]))
    throw invalid('If-Match', '请求头 If-Match 应为读取记录时得到的 ETag（如 "12345"），或 *');
  return m[1];
}

/**
 * The version a write asks for, from the body's `version` and the `If-Match` header; when both are
 * sent they must agree (a client that says two things is refused rather than guessed at).
 */
export function expectedVersion(body: unknown, header: string | undefined): string | undefined {
  const fromHeader = ifMatchVersion(header);
  if (body === undefined || body === null) return fromHeader;
  if (typeof body !== 'string' || !VERSION.test(body)) throw invalid('version', '版本号应为读取记录时得到的数字串');
  if (fromHeader !== undefined && fromHeader !== body)
    throw invalid('version', '请求头 If-Match 与请求体中的 version 不一致');
  return body;
}
