/**
 * SQL of the staffing norm (F-NORM): regions with their urban population, headcount grouped by region
 * and category, and quota adjustments. Subtrees are ranges of 12-digit codes (`between p||'000…' and
 * p||'999…'`), which a plain btree serves under any collation.
 */
import type { Queryable } from '../database.js';

export interface RegionPopulationRow {
  code: string;
  parent_code: string | null;
  level: string;
  name: string;
  /** The region's own row for the year; null when it has none (then its children's sum counts). */
  urban_resident_population: number | null;
}

export interface HeadcountRow {
  /** The code prefix the rows are grouped by (a child region's digits). */
  code: string;
  category: string;
  n: number;
}

export interface AdjustmentRow {
  id: number;
  region_code: string;
  region_name: string;
  year: number;
  quota: number;
  reason: string;
  created_by: string;
  created_at: Date;
}

const lo = (prefix: string) => prefix.padEnd(12, '0');
const hi = (prefix: string) => prefix.padEnd(12, '9');

export const staffingRepository = {
  /** Every region of a subtree (prefix) with its own urban population row for the year, in code order. */
  async regionsWithPopulation(db: Queryable, prefix: string, year: number): Promise<RegionPopulationRow[]> {
    return db.query<RegionPopulationRow>(
      `select r.code, r.parent_code, r.level, r.name, p.urban_resident_population
       from region r left join region_population p on p.region_code = r.code and p.year = $3
       where r.code between $1 and $2 order by r.code`,
      [lo(prefix), hi(prefix), year],
    );
  },

  /**
   * Serving workers (active and on probation) of a subtree, by category and by the first `digits`
   * digits of their region (a child region's prefix), in one grouped query. With `asOf` (a past
   * year-end), the workers whose employment period covered that date instead.
   */
  async headcount(db: Queryable, prefix: string, digits: number, asOf?: string): Promise<HeadcountRow[]> {
    if (asOf) {
      return db.query<HeadcountRow>(
        `select substr(p.region_code, 1, $3::int) as code, w.category, count(distinct p.worker_id)::int as n
         from worker_period p join worker w on w.id = p.worker_id
         where p.region_code between $1 and $2 and p.start_date <= $4::date and (p.end_date is null or p.end_date > $4::date)
         group by 1, 2`,
        [lo(prefix), hi(prefix), digits, asOf],
      );
    }
    return db.query<HeadcountRow>(
      `select substr(region_code, 1, $3::int) as code, category, count(*)::int as n
       from worker where region_code between $1 and $2 and status in ('active', 'probation')
       group by 1, 2`,
      [lo(prefix), hi(prefix), digits],
    );
  },

  /** Adjustments of the given regions (and, with `prefix`, of every region in that subtree), for one year or all years, newest first. */
  async adjustments(db: Queryable, f: { codes?: string[]; prefix?: string; year?: number }): Promise<AdjustmentRow[]> {
    return db.query<AdjustmentRow>(
      `select a.id, a.region_code, r.name as region_name, a.year, a.quota, a.reason, a.created_by, a.created_at
       from staffing_adjustment a join region r on r.code = a.region_code
       where (a.region_code = any($1::varchar[]) or ($2::text is not null and a.region_code between $2 and $3))
         and ($4::int is null or a.year = $4)
       order by a.year desc, a.id desc`,
      [
        f.codes ?? [],
        f.prefix === undefined ? null : lo(f.prefix),
        f.prefix === undefined ? null : hi(f.prefix),
        f.year ?? null,
      ],
    );
  },

  /** Years with a population row for the region or any region below it. */
  async populationYears(db: Queryable, prefix: string): Promise<number[]> {
    const rows = await db.query<{ year: number }>(
      'select distinct year from region_population where region_code between $1 and $2 order by year',
      [lo(prefix), hi(prefix)],
    );
    return rows.map((r) => r.year);
  },

  async insertAdjustment(
    tx: Queryable,
    a: { regionCode: string; year: number; quota: number; reason: string; createdBy: string },
  ): Promise<AdjustmentRow> {
    const [row] = await tx.query<{ id: number }>(
      'insert into staffing_adjustment (region_code, year, quota, reason, created_by) values ($1, $2, $3, $4, $5) returning id',
      [a.regionCode, a.year, a.quota, a.reason, a.createdBy],
    );
    return (await staffingRepository.adjustments(tx, { codes: [a.regionCode], year: a.year })).find(
      (x) => x.id === row.id,
    )!;
  },
};
