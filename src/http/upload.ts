/**
 * One spreadsheet upload (multipart, field `file`, .xlsx or .csv) saved to a temporary file for the
 * time of `use`, then removed: the shared step of the worker, attendance and applicant imports.
 * Refusals (no file, another type, too large) are 400s naming the field `file`.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { invalid } from '../domain/errors.js';

export const noSheet = () =>
  invalid('file', '请以 multipart/form-data 上传一个 .xlsx 或 .csv 文件（字段名 file）', 'FILE_REQUIRED');

export async function withUploadedSheet<T>(
  request: FastifyRequest,
  maxBytes: number,
  use: (path: string, fileName: string | undefined) => Promise<T>,
): Promise<T> {
  if (!request.isMultipart()) throw noSheet();
  const part = await request.file();
  if (!part) throw noSheet();
  const ext = extname(part.filename ?? '').toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') {
    part.file.resume();
    throw invalid('file', '只接受 .xlsx 或 .csv 文件', 'FILE_TYPE');
  }
  const dir = await mkdtemp(join(tmpdir(), 'shequ-upload-'));
  try {
    const path = join(dir, `upload${ext}`);
    await pipeline(part.file, createWriteStream(path));
    if (part.file.truncated) throw invalid('file', `文件超过 ${maxBytes / 1024 / 1024} MB`, 'FILE_TOO_LARGE');
    return await use(path, part.filename);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
