/**
 * SQL of the training roll-up (src/db/migrations/014_training_rollup.sql): status counts per child
 * region from the counts per (position, latest completion year, hire year), and the few workers whose
 * latest completion is dated after the day (the reader corrects for them).
 */
import type { Queryable } from '../database.js';
import { type ComplianceRow, hi, lo } from './training.repository.js';

/** One position's rule on the day (src/domain/training-rollup.ts `RolledRule`). */
export interface RolledRuleRow {
  position: string;
  everyYears: number;
  windowStart: number;
  dueSoon: boolean;
}

export const trainingRollupRepository = {
  /**
   * Status counts per child region (the first `childDigits` digits of the code) of the subtree `prefix`,
   * from the roll-up rows of the children (one range of the primary key): the arithmetic of `statusFromYears` in SQL. A position
   * without a rule is notApplicable.
   */
  async statusCounts(
    db: Queryable,
    prefix: string,
    childDigits: number,
    rules: RolledRuleRow[],
  ): Promise<{ child: string; status: string; n: number }[]> {
    return db.query(
      `select left(t.region_code, $3::int) as child,
         case when r.position is null then 'notApplicable'
              when t.last_year >= r.ws then 'compliant'
              when t.hire_year < r.ws and t.last_year < r.ws - r.every then 'overdue'
              when r.due then 'dueSoon' else 'pending' end as status,
         sum(t.n)::int as n
       from training_rollup t
       left join unnest($4::text[], $5::int[], $6::int[], $7::bool[]) as r(position, every, ws, due) on r.position = t.position
       where t.digits = $3::int and t.region_code between $1 and $2 and t.n <> 0
       group by 1, 2`,
      [
        lo(prefix),
        hi(prefix),
        childDigits,
        rules.map((r) => r.position),
        rules.map((r) => r.everyYears),
        rules.map((r) => r.windowStart),
        rules.map((r) => r.dueSoon),
      ],
    );
  },

  /** The roll-up's keys (position, latest completion year, hire year) and counts per child region of the subtree, as stored. */
  async keys(
    db: Queryable,
    prefix: string,
    childDigits: number,
  ): Promise<{ child: string; position: string; last_year: number; hire_year: number; n: number }[]> {
    return db.query(
      `select left(t.region_code, $3::int) as child, t.position, t.last_year, t.hire_year, sum(t.n)::int as n
       from training_rollup t where t.digits = $3::int and t.region_code between $1 and $2 and t.n <> 0
       group by 1, 2, 3, 4`,
      [lo(prefix), hi(prefix), childDigits],
    );
  },

  /** Serving workers of the subtree with a completion dated after `date`, with every completion date (newest first). */
  async completedAfter(db: Queryable, prefix: string, date: string): Promise<ComplianceRow[]> {
    return db.query<ComplianceRow>(
      `select w.id, w.region_code, w.position, w.hired_on,
         (select string_agg(e.completed_on::text, ',' order by e.completed_on desc) from training_enrolment e
          where e.worker_id = w.id and e.status = 'completed') as dates
       from worker w
       where w.id in (select e.worker_id from training_enrolment e where e.status = 'completed' and e.completed_on > $3::date)
         and w.region_code between $1 and $2 and w.status in ('active', 'probation')`,
      [lo(prefix), hi(prefix), date],
    );
  },

  /** Serving workers of a region as the statistics roll-up counts them (stats_rollup, 008_stats.sql). */
  async servingCount(db: Queryable, regionCode: string): Promise<number> {
    const [row] = await db.query<{ n: number }>(
      `select coalesce(sum(n), 0)::int as n from stats_rollup where region_code = $1 and dim = 'total'`,
      [regionCode],
    );
    return row.n;
  },

  /** Refills the roll-up (after a bulk load with its triggers disabled). */
  async rebuild(db: Queryable): Promise<void> {
    await db.query('select training_rollup_rebuild()');
  },
};
