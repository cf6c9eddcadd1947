/**
 * Rules for a region import: every row checked (code, name, parent, duplicates, urban-rural class,
 * population), every problem reported with row and column. Pure: the caller supplies which codes exist.
 */
import {
  committeeTypeOf,
  isRegionCode,
  type Level,
  levelOfCode,
  parentCodeOf,
  URBAN_RURAL_CLASSES,
} from './region-code.js';

export interface RegionImportRow {
  row: number; // spreadsheet row number (1-based)
  code: string;
  name: string;
  parentCode: string;
  urbanRuralClass: string;
  year: string;
  urbanResidentPopulation: string;
  totalResidentPopulation: string;
}

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export interface ValidRegion {
  code: string;
  name: string;
  parentCode: string | null;
  level: Level;
  committeeType: string | null;
  urbanRuralClass: string | null;
  population: { year: number; urban: number; total: number | null } | null;
}

export const REGION_COLUMNS = {
  code: '区划代码',
  name: '名称',
  parentCode: '上级代码',
  urbanRuralClass: '城乡分类代码',
  year: '年份',
  urbanResidentPopulation: '城镇常住人口',
  totalResidentPopulation: '常住人口',
} as const;

const intOf = (s: string): number | null => (/^\d+$/.test(s.replace(/,/g, '')) ? Number(s.replace(/,/g, '')) : null);

export function validateRegionRows(
  rows: RegionImportRow[],
  existing: Set<string>,
): { valid: ValidRegion[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const valid: ValidRegion[] = [];
  const seen = new Map<string, number>();
  const inFile = new Set(rows.map((r) => r.code));
  for (const r of rows) {
    const err = (column: keyof typeof REGION_COLUMNS, message: string) =>
      errors.push({ row: r.row, column: REGION_COLUMNS[column], message });
    const before = errors.length;
    const level = isRegionCode(r.code) ? levelOfCode(r.code) : null;
    if (!r.code) err('code', '区划代码不能为空');
    else if (!isRegionCode(r.code)) err('code', `区划代码“${r.code}”应为 12 位数字`);
    else if (level === 'nation') err('code', '不能导入全国根节点');
    else if (existing.has(r.code)) err('code', `区划代码 ${r.code} 已存在`);
    else if (seen.has(r.code)) err('code', `区划代码 ${r.code} 与第 ${seen.get(r.code)} 行重复`);
    if (isRegionCode(r.code) && !seen.has(r.code)) seen.set(r.code, r.row);

    if (!r.name) err('name', '名称不能为空');
    else if (r.name.length > 100) err('name', '名称不能超过 100 个字符');

    const implied = isRegionCode(r.code) ? parentCodeOf(r.code) : null;
    const parent = r.parentCode || implied;
    if (r.parentCode && !isRegionCode(r.parentCode)) err('parentCode', `上级代码“${r.parentCode}”应为 12 位数字`);
    else if (r.parentCode && implied && r.parentCode !== implied)
      err('parentCode', `上级代码应为 ${implied}（由区划代码推出）`);
    else if (parent && !existing.has(parent) && !inFile.has(parent))
      err('parentCode', `上级区划 ${parent} 不存在，请先导入上级或在本文件中一并提供`);

    if (r.urbanRuralClass) {
      if (!(r.urbanRuralClass in URBAN_RURAL_CLASSES))
        err('urbanRuralClass', `城乡分类代码应为 ${Object.keys(URBAN_RURAL_CLASSES).join('、')} 之一`);
      else if (level && level !== 'community') err('urbanRuralClass', '城乡分类代码只适用于社区（村）级区划');
    }

    let population: ValidRegion['population'] = null;
    if (r.year || r.urbanResidentPopulation || r.totalResidentPopulation) {
      const year = intOf(r.year);
      const urban = intOf(r.urbanResidentPopulation);
      const total = r.totalResidentPopulation ? intOf(r.totalResidentPopulation) : null;
      if (year === null || year < 1949 || year > 2200) err('year', '填写人口时须填写年份（1949–2200）');
      if (urban === null) err('urbanResidentPopulation', '城镇常住人口应为非负整数');
      if (r.totalResidentPopulation && total === null) err('totalResidentPopulation', '常住人口应为非负整数');
      else if (total !== null && urban !== null && total < urban)
        err('totalResidentPopulation', '常住人口不能少于城镇常住人口');
      if (year !== null && urban !== null) population = { year, urban, total };
    }
    if (errors.length === before && level && level !== 'nation') {
      valid.push({
        code: r.code,
        name: r.name,
        parentCode: parent,
        level,
        committeeType: committeeTypeOf(r.code),
        urbanRuralClass: r.urbanRuralClass || null,
        population,
      });
    }
  }
  valid.sort((a, b) => a.code.localeCompare(b.code));
  return { valid, errors };
}
