import type { Queryable } from '../database.js';

export interface RegionRow {
  code: string;
  parent_code: string | null;
  level: string;
  name: string;
  committee_type: string | null;
  urban_rural_class: string | null;
  child_count: number;
  pop_year: number | null;
  urban_resident_population: number | null;
  /** For optimistic concurrency: the row's xmin (moves with every write of the region row). */
  version: string;
}

export interface PopulationRow {
  year: number;
  urban_resident_population: number;
  total_resident_population: number | null;
}

export interface NewRegion {
  code: string;
  parentCode: string | null;
  level: string;
  name: string;
  committeeType: string | null;
  urbanRuralClass: string | null;
}

// Latest population year and the number of children, for summaries.
const SUMMARY = `select r.code, r.parent_code, r.level, r.name, r.committee_type, r.urban_rural_class, r.xmin::text as version,
  (select count(*)::int from region c where c.parent_code = r.code) as child_count,
  p.year as pop_year, p.urban_resident_population
  from region r
  left join lateral (select year, urban_resident_population from region_population rp
                     where rp.region_code = r.code order by year desc limit 1) p on true`;

export const regionRepository = {
  /** One region, only if it lies in the scope prefix (the scope is part of the query). */
  async findInScope(db: Queryable, scope: string, code: string): Promise<RegionRow | null> {
    const rows = await db.query<RegionRow>(`${SUMMARY} where r.code = $1 and r.code like $2 || '%'`, [code, scope]);
    return rows[0] ?? null;
  },

  async exists(db: Queryable, code: string): Promise<{ code: string; level: string; name: string } | null> {
    const rows = await db.query<{ code: string; level: string; name: string }>(
      'select code, level, name from region where code = $1',
      [code],
    );
    return rows[0] ?? null;
  },

  async children(db: Queryable, scope: string, code: string): Promise<RegionRow[]> {
    return db.query<RegionRow>(`${SUMMARY} where r.parent_code = $1 and r.code like $2 || '%' order by r.code`, [
      code,
      scope,
    ]);
  },

  /** Ancestors of `code` that lie inside the scope, top-down. */
  async ancestors(
    db: Queryable,
    scope: string,
    code: string,
  ): Promise<{ code: string; name: string; level: string }[]> {
    return db.query(
      `with recursive up as (
         select code, parent_code, name, level, 0 as depth from region where code = $1
         union all
         select r.code, r.parent_code, r.name, r.level, up.depth + 1 from region r join up on r.code = up.parent_code)
       select code, name, level from up where depth > 0 and code like $2 || '%' order by depth desc`,
      [code, scope],
    );
  },

  async update(db: Queryable, code: string, patch: { name?: string; urbanRuralClass?: string | null }): Promise<void> {
    await db.query(
      `update region set name = coalesce($2, name),
         urban_rural_class = case when $3::boolean then $4 else urban_rural_class end,
         updated_at = now() where code = $1`,
      [code, patch.name ?? null, patch.urbanRuralClass !== undefined, patch.urbanRuralClass ?? null],
    );
  },

  async population(db: Queryable, code: string): Promise<PopulationRow[]> {
    return db.query<PopulationRow>(
      'select year, urban_resident_population, total_resident_population from region_population where region_code = $1 order by year desc',
      [code],
    );
  },

  async populationOf(db: Queryable, code: string, year: number): Promise<PopulationRow | null> {
    const rows = await db.query<PopulationRow>(
      'select year, urban_resident_population, total_resident_population from region_population where region_code = $1 and year = $2',
      [code, year],
    );
    return rows[0] ?? null;
  },

  async upsertPopulation(
    db: Queryable,
    code: string,
    year: number,
    urban: number,
    total: number | null,
  ): Promise<void> {
    await db.query(
      `insert into region_population (region_code, year, urban_resident_population, total_resident_population)
       values ($1, $2, $3, $4)
       on conflict (region_code, year) do update set urban_resident_population = excluded.urban_resident_population,
         total_resident_population = excluded.total_resident_population, updated_at = now()`,
      [code, year, urban, total],
    );
  },

  async existingCodes(db: Queryable, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await db.query<{ code: string }>('select code from region where code = any($1::varchar[])', [codes]);
    return new Set(rows.map((r) => r.code));
  },

  /** Bulk insert (imports, seeding) with one statement per batch. */
  async insertMany(db: Queryable, regions: NewRegion[]): Promise<void> {
    for (let i = 0; i < regions.length; i += 5000) {
      const b = regions.slice(i, i + 5000);
      await db.query(
        `insert into region (code, parent_code, level, name, committee_type, urban_rural_class)
         select * from unnest($1::varchar[], $2::varchar[], $3::text[], $4::text[], $5::text[], $6::varchar[])`,
        [
          b.map((r) => r.code),
          b.map((r) => r.parentCode),
          b.map((r) => r.level),
          b.map((r) => r.name),
          b.map((r) => r.committeeType),
          b.map((r) => r.urbanRuralClass),
        ],
      );
    }
  },

  async count(db: Queryable): Promise<number> {
    return (await db.query<{ n: number }>('select count(*)::int as n from region'))[0].n;
  },
};
