/** Regions and their population: read within scope, edit, population by year. */
import type { Database, Queryable } from '../db/database.js';
import { type RegionRow, regionRepository } from '../db/repositories/region.repository.js';
import { rowLockRepository } from '../db/repositories/row-lock.repository.js';
import { checkVersion } from '../domain/concurrency.js';
import { forbidden, invalid, notFound, outOfScope } from '../domain/errors.js';
import { type Actor, can, canSeeRegion } from '../domain/permissions.js';
import { isRegionCode, URBAN_RURAL_CLASSES } from '../domain/region-code.js';
import { type RequestContext, writeAudit } from './audit.service.js';

export interface RegionSummary {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  committeeType: string | null;
  urbanRuralClass: string | null;
  childCount: number;
  population: { year: number; urbanResidentPopulation: number } | null;
  version: string;
}

export const presentRegion = (r: RegionRow): RegionSummary => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parent_code,
  committeeType: r.committee_type,
  urbanRuralClass: r.urban_rural_class,
  childCount: r.child_count,
  population:
    r.pop_year === null ? null : { year: r.pop_year, urbanResidentPopulation: r.urban_resident_population ?? 0 },
  version: r.version,
});

/** The region if it exists inside the actor's subtree; 403 when it lies outside, 404 when unknown. */
export async function regionInScope(db: Queryable, actor: Actor, code: string): Promise<RegionRow> {
  if (!isRegionCode(code)) throw invalid('code', '区划代码应为 12 位数字');
  if (!canSeeRegion(actor, code)) throw outOfScope();
  const row = await regionRepository.findInScope(db, actor.scope, code);
  if (!row) throw notFound('区划');
  return row;
}

export async function regionReader(db: Database, actor: Actor, code: string) {
  if (!can(actor, 'region.read')) throw forbidden();
  const region = await regionInScope(db, actor, code);
  const [ancestors, children] = await Promise.all([
    regionRepository.ancestors(db, actor.scope, code),
    regionRepository.children(db, actor.scope, code),
  ]);
  return { region: presentRegion(region), ancestors, children: children.map(presentRegion) };
}

export async function regionUpdater(
  db: Database,
  actor: Actor,
  code: string,
  patch: { name?: string; urbanRuralClass?: string | null; version?: string },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'region.update')) throw forbidden();
  if (patch.name !== undefined && patch.name.trim() === '') throw invalid('name', '名称不能为空');
  if (patch.urbanRuralClass != null && !(patch.urbanRuralClass in URBAN_RURAL_CLASSES)) {
    throw invalid('urbanRuralClass', `城乡分类代码应为 ${Object.keys(URBAN_RURAL_CLASSES).join('、')} 之一`);
  }
  return db.transaction(async (tx) => {
    if (canSeeRegion(actor, code)) await rowLockRepository.lock(tx, 'region', code);
    const before = await regionInScope(tx, actor, code);
    checkVersion(before.version, patch.version);
    if (patch.urbanRuralClass != null && before.level !== 'community') {
      throw invalid('urbanRuralClass', '城乡分类代码只适用于社区（村）级区划');
    }
    await regionRepository.update(tx, code, { name: patch.name?.trim(), urbanRuralClass: patch.urbanRuralClass });
    const after = (await regionRepository.findInScope(tx, actor.scope, code))!;
    await writeAudit(
      tx,
      actor,
      {
        action: 'region.update',
        entityType: 'region',
        entityId: code,
        regionCode: code,
        before: auditable(before),
        after: auditable(after),
      },
      ctx,
    );
    return { region: presentRegion(after) };
  });
}

const auditable = (r: RegionRow) => ({ name: r.name, urbanRuralClass: r.urban_rural_class });

export async function populationReader(db: Database, actor: Actor, code: string) {
  if (!can(actor, 'region.read')) throw forbidden();
  await regionInScope(db, actor, code);
  const rows = await regionRepository.population(db, code);
  return {
    items: rows.map((r) => ({
      year: r.year,
      urbanResidentPopulation: r.urban_resident_population,
      totalResidentPopulation: r.total_resident_population,
    })),
  };
}

export async function populationSetter(
  db: Database,
  actor: Actor,
  code: string,
  year: number,
  input: { urbanResidentPopulation: number; totalResidentPopulation?: number | null },
  ctx: RequestContext = {},
) {
  if (!can(actor, 'population.update')) throw forbidden();
  if (!Number.isInteger(year) || year < 1949 || year > 2200) throw invalid('year', '年份应在 1949 至 2200 之间');
  const total = input.totalResidentPopulation ?? null;
  if (total !== null && total < input.urbanResidentPopulation) {
    throw invalid('totalResidentPopulation', '常住人口不能少于城镇常住人口');
  }
  return db.transaction(async (tx) => {
    // Locked: two settings of the same year at once would both read the same `before`.
    if (canSeeRegion(actor, code)) await rowLockRepository.lock(tx, 'region', code);
    await regionInScope(tx, actor, code);
    const before = await regionRepository.populationOf(tx, code, year);
    await regionRepository.upsertPopulation(tx, code, year, input.urbanResidentPopulation, total);
    const item = { year, urbanResidentPopulation: input.urbanResidentPopulation, totalResidentPopulation: total };
    await writeAudit(
      tx,
      actor,
      {
        action: 'population.set',
        entityType: 'region_population',
        entityId: `${code}/${year}`,
        regionCode: code,
        before: before && {
          year,
          urbanResidentPopulation: before.urban_resident_population,
          totalResidentPopulation: before.total_resident_population,
        },
        after: item,
      },
      ctx,
    );
    return { item };
  });
}
