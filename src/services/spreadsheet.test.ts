import { describe, expect, it } from 'vitest';
import { cellText, columnLetter, decodeText, findHeader, normalizeHeader, parseCsv } from './spreadsheet.js';

describe('spreadsheet helpers', () => {
  it('parses quoted CSV with CRLF, commas and doubled quotes', () => {
    expect(parseCsv('区划代码,名称\r\n532822101001,"沿河社区,""一"""\r\n')).toEqual([
      ['区划代码', '名称'],
      ['532822101001', '沿河社区,"一"'],
    ]);
  });

  it('decodes UTF-8 with BOM and falls back to GBK', () => {
    expect(decodeText(Buffer.from('\uFEFF名称', 'utf8'))).toBe('名称');
    // "名称" in GBK
    expect(decodeText(Buffer.from([0xc3, 0xfb, 0xb3, 0xc6]))).toBe('名称');
  });

  it('matches headers despite spaces, full-width characters and notes', () => {
    expect(normalizeHeader(' 区划 代码（必填）')).toBe(normalizeHeader('区划代码'));
    expect(normalizeHeader('ＣＯＤＥ')).toBe('code');
  });

  it('finds the header row below title rows, in any column order', () => {
    const rows = [['勐海县区划表'], [], ['名称', null, '区划代码'], ['沿河社区', null, 532822101001]];
    expect(findHeader(rows, { code: ['区划代码'], name: ['名称'] }, ['code', 'name'])).toEqual({
      headerRow: 2,
      columns: { code: 2, name: 0 },
    });
    expect(findHeader<'code' | 'name'>(rows, { code: ['代码x'], name: ['名称'] }, ['code'])).toBeNull();
  });

  it('reads a code typed as a number without exponent', () => {
    expect(cellText(532822101001)).toBe('532822101001');
    expect(cellText('  沿河 ')).toBe('沿河');
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(27)).toBe('AB');
  });
});
