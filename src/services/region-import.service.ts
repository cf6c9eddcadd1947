/** `shequ import regions FILE`: every row validated, every error reported, all or nothing. */
import type { Database } from '../db/database.js';
import { regionRepository } from '../db/repositories/region.repository.js';
import { forbidden } from '../domain/errors.js';
import { type Actor, can } from '../domain/permissions.js';
import { type ImportError, REGION_COLUMNS, type RegionImportRow, validateRegionRows } from '../domain/region-import.js';
import { type RequestContext, writeAudit } from './audit.service.js';
import { type Cell, cellText, findHeader, readRows } from './spreadsheet.js';

const LABELS = {
  code: ['区划代码', '代码', '统计用区划代码', 'code', '行政区划代码'],
  name: ['名称', '区划名称', '单位名称', 'name'],
  parentCode: ['上级代码', '上级区划代码', 'parent', 'parentcode', 'parent_code'],
  urbanRuralClass: ['城乡分类代码', '城乡分类', 'urbanruralclass', 'urban_rural_class'],
  year: ['年份', '年度', 'year'],
  urbanResidentPopulation: ['城镇常住人口', 'urbanresidentpopulation', 'urban_resident_population'],
  totalResidentPopulation: ['常住人口', 'totalresidentpopulation', 'total_resident_population'],
};

export interface RegionImportResult {
  total: number;
  valid: number;
  errors: ImportError[];
  committed: boolean;
}

export function rowsToRegionRows(rows: Cell[][]): { rows: RegionImportRow[]; errors: ImportError[] } {
  const header = findHeader<keyof typeof LABELS>(rows, LABELS, ['code', 'name']);
  if (!header) {
    return {
      rows: [],
      errors: [
        {
          row: 1,
          column: REGION_COLUMNS.code,
          message: `找不到表头：需要“${REGION_COLUMNS.code}”和“${REGION_COLUMNS.name}”两列`,
        },
      ],
    };
  }
  const out: RegionImportRow[] = [];
  for (let i = header.headerRow + 1; i < rows.length; i++) {
    const cells = rows[i];
    const get = (k: keyof typeof LABELS) => {
      const c = header.columns[k];
      return c === undefined ? '' : cellText(cells[c]);
    };
    if (cells.every((c) => cellText(c) === '')) continue; // blank rows are not data
    out.push({
      row: i + 1,
      code: get('code'),
      name: get('name'),
      parentCode: get('parentCode'),
      urbanRuralClass: get('urbanRuralClass'),
      year: get('year'),
      urbanResidentPopulation: get('urbanResidentPopulation'),
      totalResidentPopulation: get('totalResidentPopulation'),
    });
  }
  return { rows: out, errors: [] };
}

export async function regionImporter(
  db: Database,
  actor: Actor,
  path: string,
  opts: { dryRun?: boolean } = {},
  ctx: RequestContext = {},
): Promise<RegionImportResult> {
  if (!can(actor, 'region.import')) throw forbidden();
  const parsed = rowsToRegionRows(await readRows(path));
  if (parsed.errors.length) return { total: 0, valid: 0, errors: parsed.errors, committed: false };
  const codes = [...new Set(parsed.rows.flatMap((r) => [r.code, r.parentCode]).filter(Boolean))];
  // Parents implied by the codes must be looked up too.
  const implied = parsed.rows.map((r) => (/^\d{12}$/.test(r.code) ? r.code : '')).filter(Boolean);
  const existing = await regionRepository.existingCodes(db, [...codes, ...implied.flatMap(ancestorsOf)]);
  const { valid, errors } = validateRegionRows(parsed.rows, existing);
  // Out-of-scope rows are refused like bad rows.
  for (const v of valid) {
    if (!v.code.startsWith(actor.scope))
      errors.push({
        row: parsed.rows.find((r) => r.code === v.code)!.row,
        column: REGION_COLUMNS.code,
        message: '该区划不在您的管辖范围内',
      });
  }
  errors.sort((a, b) => a.row - b.row);
  const result = {
    total: parsed.rows.length,
    valid: parsed.rows.length - new Set(errors.map((e) => e.row)).size,
    errors,
    committed: false,
  };
  if (errors.length || opts.dryRun || valid.length === 0) return result;
  await db.transaction(async (tx) => {
    await regionRepository.insertMany(tx, valid);
    for (const v of valid)
      if (v.population)
        await regionRepository.upsertPopulation(tx, v.code, v.population.year, v.population.urban, v.population.total);
    await writeAudit(
      tx,
      actor,
      {
        action: 'region.import',
        entityType: 'region',
        entityId: null,
        regionCode: actor.regionCode,
        after: { count: valid.length, codes: valid.slice(0, 50).map((v) => v.code) },
      },
      ctx,
    );
  });
  return { ...result, committed: true };
}

function ancestorsOf(code: string): string[] {
  return [
    `${code.slice(0, 2)}0000000000`,
    `${code.slice(0, 4)}00000000`,
    `${code.slice(0, 6)}000000`,
    `${code.slice(0, 9)}000`,
    '000000000000',
  ];
}
