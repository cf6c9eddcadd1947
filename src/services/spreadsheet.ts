/**
 * Reading the spreadsheets offices really send: .xlsx (streamed with exceljs) or .csv (UTF-8 with or
 * without BOM, or GBK as saved by Chinese Excel). Rows come back as arrays of plain cell values.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { fastXlsxRows, XlsxUnsupported } from './xlsx-fast-reader.js';

export type Cell = string | number | boolean | Date | null;

/** A cell's value as plain data: rich text joined, formulas replaced by their result, hyperlinks by their text. */
export function plainCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('result' in o) return plainCell(o.result);
    if ('text' in o) return plainCell(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

/** All rows of the first worksheet (xlsx) or of the CSV file; row i of the result is spreadsheet row i + 1. */
export async function readRows(path: string): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  for await (const r of streamRows(path)) rows[r.number - 1] = r.cells;
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

/** UTF-8 (BOM stripped) when it decodes cleanly, otherwise GBK. */
export function decodeText(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(buf);
  }
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field === '' ? null : field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field === '' ? null : field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field === '' ? null : field);
    rows.push(row);
  }
  return rows;
}

/** Header text normalised for matching: full-width → half-width, no spaces, lower case, no （） notes. */
export function normalizeHeader(v: Cell): string {
  return String(v ?? '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000*]/g, '')
    .replace(/\(.*?\)/g, '')
    .toLowerCase();
}

/**
 * Finds the header row (title rows above it are common) as the first of the first 20 rows that names
 * every required column; returns the row index and column index per key.
 */
export function findHeader<K extends string>(
  rows: Cell[][],
  labels: Record<K, string[]>,
  required: K[],
): { headerRow: number; columns: Partial<Record<K, number>> } | null {
  const wanted = Object.fromEntries(
    Object.entries(labels).map(([k, ls]) => [k, (ls as string[]).map((l) => normalizeHeader(l))]),
  ) as Record<K, string[]>;
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    const columns: Partial<Record<K, number>> = {};
    rows[r].forEach((cell, c) => {
      const h = normalizeHeader(cell);
      if (!h) return;
      for (const key of Object.keys(wanted) as K[])
        if (columns[key] === undefined && wanted[key].includes(h)) columns[key] = c;
    });
    if (required.every((k) => columns[k] !== undefined)) return { headerRow: r, columns };
  }
  return null;
}

/** Cell as trimmed text; integral numbers without exponent (codes typed as numbers). */
export function cellText(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** Column letter for messages (0 → A). */
export function columnLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * The rows of the first worksheet one at a time (xlsx streamed by exceljs; csv parsed whole), with
 * their 1-based spreadsheet row number. Cell i of `cells` is column i (0 = A); blank rows may be skipped.
 * Cells are plain values: an ID number Excel stored as a number arrives as a number.
 */
export async function* streamRows(path: string): AsyncGenerator<{ number: number; cells: Cell[] }> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') {
    const rows = parseCsv(decodeText(readFileSync(path)));
    for (let i = 0; i < rows.length; i++) yield { number: i + 1, cells: rows[i] };
    return;
  }
  if (ext !== '.xlsx') throw new Error(`unsupported file type ${ext}`);
  // The hand-written scanner reads 100k rows several times faster than exceljs; exceljs takes over
  // for what the scanner does not handle (zip64, encryption …). SHEQU_XLSX_READER=exceljs forces it.
  if (process.env.SHEQU_XLSX_READER !== 'exceljs') {
    let started = false;
    try {
      for await (const row of fastXlsxRows(path)) {
        started = true;
        yield row;
      }
      return;
    } catch (e) {
      if (started || !(e instanceof XlsxUnsupported)) throw e;
    }
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const cells: Cell[] = new Array(Math.max(values.length - 1, 0));
      for (let i = 1; i < values.length; i++) cells[i - 1] = plainCell(values[i]);
      yield { number: row.number, cells };
    }
    break; // first worksheet only
  }
}
