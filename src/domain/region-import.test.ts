import { describe, expect, it } from 'vitest';
import { type RegionImportRow, validateRegionRows } from './region-import.js';

const row = (n: number, code: string, name = '测试社区', extra: Partial<RegionImportRow> = {}): RegionImportRow => ({
  row: n,
  code,
  name,
  parentCode: '',
  urbanRuralClass: '',
  year: '',
  urbanResidentPopulation: '',
  totalResidentPopulation: '',
  ...extra,
});

const existing = new Set([
  '000000000000',
  '530000000000',
  '532800000000',
  '532822000000',
  '532822101000',
  '532822101001',
]);

describe('region import rows', () => {
  it('accepts a new street and its community in one file, parents first', () => {
    const { valid, errors } = validateRegionRows(
      [row(3, '532822199001', '新社区', { urbanRuralClass: '111' }), row(2, '532822199000', '新街道')],
      existing,
    );
    expect(errors).toEqual([]);
    expect(valid.map((v) => [v.code, v.level, v.parentCode, v.committeeType])).toEqual([
      ['532822199000', 'street', '532822000000', null],
      ['532822199001', 'community', '532822199000', 'residents'],
    ]);
  });

  it('reports every bad row with its column', () => {
    const { valid, errors } = validateRegionRows(
      [
        row(2, '53282210100', '短代码'),
        row(3, '532822101001', '已存在'),
        row(4, '532822101050', ''),
        row(5, '532822101051', '重复'),
        row(6, '532822101051', '重复'),
        row(7, '532822777001', '无上级'),
        row(8, '532822101052', '错上级', { parentCode: '532822102000' }),
        row(9, '532822101053', '错分类', { urbanRuralClass: '999' }),
        row(10, '532822101054', '人口', {
          year: '2026',
          urbanResidentPopulation: '5000',
          totalResidentPopulation: '4000',
        }),
        row(11, '532822101055', '人口', { urbanResidentPopulation: '-1' }),
      ],
      existing,
    );
    expect(errors).toEqual([
      { row: 2, column: '区划代码', message: '区划代码“53282210100”应为 12 位数字' },
      { row: 3, column: '区划代码', message: '区划代码 532822101001 已存在' },
      { row: 4, column: '名称', message: '名称不能为空' },
      { row: 6, column: '区划代码', message: '区划代码 532822101051 与第 5 行重复' },
      { row: 7, column: '上级代码', message: '上级区划 532822777000 不存在，请先导入上级或在本文件中一并提供' },
      { row: 8, column: '上级代码', message: '上级代码应为 532822101000（由区划代码推出）' },
      { row: 9, column: '城乡分类代码', message: '城乡分类代码应为 111、112、121、122、123、210、220 之一' },
      { row: 10, column: '常住人口', message: '常住人口不能少于城镇常住人口' },
      { row: 11, column: '年份', message: '填写人口时须填写年份（1949–2200）' },
      { row: 11, column: '城镇常住人口', message: '城镇常住人口应为非负整数' },
    ]);
    expect(valid.map((v) => v.code)).toEqual(['532822101051']);
  });

  it('an urban-rural class on a street is refused', () => {
    const { errors } = validateRegionRows([row(2, '532822199000', '街道', { urbanRuralClass: '111' })], existing);
    expect(errors).toEqual([{ row: 2, column: '城乡分类代码', message: '城乡分类代码只适用于社区（村）级区划' }]);
  });

  it('population with thousands separators is read', () => {
    const { valid } = validateRegionRows(
      [
        row(2, '532822101060', '社区', {
          year: '2026',
          urbanResidentPopulation: '5,200',
          totalResidentPopulation: '6,000',
        }),
      ],
      existing,
    );
    expect(valid[0].population).toEqual({ year: 2026, urban: 5200, total: 6000 });
  });
});
