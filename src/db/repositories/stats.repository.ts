/**
 * SQL of the statistics (F-STATS): counted rows `(child, dim, bucket, n)` from the live roll-up
 * (stats_rollup, kept by triggers in 008_stats.sql) or by counting the workers of a subtree directly
 * — as they are now, or as the history (periods, positions, qualifications) says they were on a past
 * date — and the workers behind one figure (drill-down), and the year-end snapshots.
 */
import type { CountRow } from '../../domain/stats.js';
import type { Queryable } from '../database.js';
import { WORKER_COLS, WORKER_FROM, type WorkerRow } from './worker.repository.js';

const lo = (prefix: string) => prefix.padEnd(12, '0');
/** Digits of a street code: children of this length are a county's. */
const PREFIX_LENGTH_STREET = 9;
const hi = (prefix: string) => prefix.padEnd(12, '9');
const pad = (code: string) => code.padEnd(12, '0');

/** Last day of a 'YYYY-MM' month. */
const monthEnd = (ym: string) => {
  const d = new Date(Date.UTC(+ym.slice(0, 4), +ym.slice(5, 7), 0));
  return d.toISOString().slice(0, 10);
};

/**
 * The workers counted on a date, one row each, with the attributes the figures use. Live: the worker
 * table as it is (not exited). History: the employment period that covered the date gives the region,
 * the position held that day gives position and category, qualifications obtained by then give the
 * level, the grade counts from its effective date, education and political status come from their dated
 * changes (worker_attribute_change); the other attributes (gender, ethnicity, social-work major, veteran,
 * graduate entrant) are the record's values, which do not change over a career.
 * Parameters: $1, $2 the code range, $3 the date.
 */
/**
 * A dated attribute's value on $3 as a lateral row (found, v): the latest change effective by then gives
 * its new value, else the earliest later change its old value; no change at all → no row (the current value).
 */
const attributeOn = (attribute: 'education' | 'political_status') =>
  `select true as found, case when c.effective_on <= $3::date then c.new_value else c.old_value end as v
   from worker_attribute_change c where c.worker_id = w.id and c.attribute = '${attribute}'
   order by (c.effective_on <= $3::date) desc, case when c.effective_on <= $3::date then c.effective_on end desc nulls last,
     case when c.effective_on <= $3::date then c.id end desc nulls last, c.effective_on, c.id limit 1`;

export function populationSql(live: boolean): string {
  if (live)
    return `select w.id, w.region_code, w.category, w.position, w.status, w.gender, w.ethnicity, w.political_status, w.education,
        w.social_work_major, w.qualification, w.grade, w.veteran, w.graduate_entrant, w.birth_date, w.hired_on
      from worker w where w.region_code between $1 and $2 and w.status <> 'exited' and $3::date is not null`;
  return `select w.id, per.region_code, case when coalesce(pos.position, w.position) = 'staff' then 'staff' else 'committee' end as category,
        coalesce(pos.position, w.position) as position, case when w.status = 'exited' then 'active' else w.status end as status,
        w.gender, w.ethnicity, case when ps.found then ps.v else w.political_status end as political_status,
        case when ed.found then ed.v else w.education end as education, w.social_work_major, q.level as qualification,
        case when w.grade_effective_from is null or w.grade_effective_from <= $3::date then w.grade end as grade,
        w.veteran, w.graduate_entrant, w.birth_date, w.hired_on
      from (select distinct on (p.worker_id) p.worker_id, p.region_code from worker_period p
            where p.region_code between $1 and $2 and p.start_date <= $3::date and (p.end_date is null or p.end_date > $3::date)
            order by p.worker_id, p.start_date desc) per
      join worker w on w.id = per.worker_id
      left join lateral (select x.position from worker_position x where x.worker_id = w.id and x.start_date <= $3::date
                         and (x.end_date is null or x.end_date > $3::date) order by x.start_date desc, x.id desc limit 1) pos on true
      left join lateral (select x.level from worker_qualification x where x.worker_id = w.id and x.obtained_on <= $3::date
                         order by case x.level when 'senior' then 3 when 'intermediate' then 2 else 1 end desc limit 1) q on true
      left join lateral (${attributeOn('education')}) ed on true
      left join lateral (${attributeOn('political_status')}) ps on true`;
}

// The dimensions of one counted worker (the same keys as stats_keys() in 008_stats.sql, by day).
const DIMS = `(values ('total', ''), ('category', w.category), ('position', w.position), ('status', w.status), ('gender', w.gender),
    ('ethnicity', coalesce(w.ethnicity, '')), ('political', coalesce(w.political_status, '')), ('education', coalesce(w.education, '')),
    ('socialWorkMajor', w.social_work_major::text), ('qualification', coalesce(w.qualification, 'none')), ('grade', coalesce(w.grade::text, '')),
    ('veteran', w.veteran::text), ('graduate', w.graduate_entrant::text), ('birth', w.birth_date::text), ('hired', w.hired_on::text)) k(dim, bucket)`;

export interface SnapshotRow {
  id: number;
  region_code: string;
  year: number;
  as_of: string;
  figures: unknown;
  approved_by: string;
  approved_at: Date;
}

export const statsRepository = {
  /**
   * In one statement (one snapshot): the revision of each worker region code of a code range
   * (worker_region_rev, 017_county_stats.sql; every code that holds a worker has one), in code order, and
   * the serving workers' pay versions (`payVersionsOf`) of every region code of the range whose revision
   * is not the one given for it in `knownCodes`/`knownRevs`, in (region_code, id) order.
   */
  async payRevisions(db: Queryable, lo: string, hi: string, knownCodes: string[], knownRevs: string[]) {
    const rows = await db.query<{ region_code: string; rev: string | null; id: number | null; version: string | null }>(
      `with r as (select region_code, rev from worker_region_rev where region_code between $1 and $2)
       select r.region_code, r.rev::text as rev, null::bigint as id, null::text as version from r
       union all
       (select w.region_code, null, w.id, w.xmin::text || ':' || coalesce(wr.rev::text, '')
        from worker w left join worker_rev wr on wr.worker_id = w.id
        where w.region_code = any(array(
            select r.region_code from r left join unnest($3::varchar[], $4::bigint[]) as k(code, rev) on k.code = r.region_code
            where k.rev is distinct from r.rev))
          and w.status <> 'exited'
        order by w.region_code, w.id)`,
      [lo, hi, knownCodes, knownRevs],
    );
    const revs: { region_code: string; rev: string }[] = [];
    const versions: { id: number; region_code: string; version: string }[] = [];
    for (const r of rows) {
      if (r.id === null) revs.push({ region_code: r.region_code, rev: r.rev! });
      else versions.push({ id: r.id, region_code: r.region_code, version: r.version! });
    }
    // Union branches come back in no promised order: put each list in its own.
    revs.sort((a, b) => (a.region_code < b.region_code ? -1 : a.region_code > b.region_code ? 1 : 0));
    versions.sort((a, b) => (a.region_code < b.region_code ? -1 : a.region_code > b.region_code ? 1 : a.id - b.id));
    return { revs, versions };
  },

  /**
   * Serving workers of the given region codes with the version of what their pay depends on: the worker
   * row's xmin and the revision of their history (worker_rev, 013_worker_rev.sql), in (region_code, id) order.
   */
  async payVersionsOf(db: Queryable, codes: string[]): Promise<{ id: number; region_code: string; version: string }[]> {
    return db.query(
      `select w.id, w.region_code, w.xmin::text || ':' || coalesce(r.rev::text, '') as version
       from worker w left join worker_rev r on r.worker_id = w.id
       where w.region_code = any($1::varchar[]) and w.status <> 'exited'
       order by w.region_code, w.id`,
      [codes],
    );
  },

  /**
   * The latest approved assessment year (≤ `maxYear`) with entries in the subtree, and its entries
   * counted per child prefix and result ('unrated' for 不定等次).
   */
  async assessmentDistribution(
    db: Queryable,
    prefix: string,
    digits: number,
    maxYear: number,
  ): Promise<{ year: number | null; rows: { child: string; result: string; n: number }[] }> {
    const rows = await db.query<{ year: number; child: string; result: string; n: number }>(
      `with y as (
         select max(p.year) as year from assessment_plan p
         where p.status = 'approved' and p.year <= $3
           and exists (select 1 from assessment_entry e where e.plan_id = p.id and e.region_code between $1 and $2)
       )
       select y.year, substr(e.region_code, 1, $4::int) as child, case when e.rated then e.result else 'unrated' end as result, count(*)::int as n
       from y
       join assessment_plan p on p.year = y.year and p.status = 'approved'
       join assessment_entry e on e.plan_id = p.id and e.region_code between $1 and $2
       where not e.rated or e.result is not null
       group by 1, 2, 3`,
      [prefix.padEnd(12, '0'), prefix.padEnd(12, '9'), maxYear, digits],
    );
    return { year: rows[0]?.year ?? null, rows };
  },

  /**
   * The entries behind one figure of `assessmentDistribution` (the same latest approved year ≤ `maxYear`
   * in the subtree, the same entries): their number and one page of them ordered by region and worker.
   * `result` is excellent, competent, basic, fail or 'unrated' (不定等次).
   */
  async assessmentDrill(db: Queryable, prefix: string, maxYear: number, result: string, limit: number, offset: number) {
    const cte = `with y as (
         select max(p.year) as year from assessment_plan p
         where p.status = 'approved' and p.year <= $3
           and exists (select 1 from assessment_entry e where e.plan_id = p.id and e.region_code between $1 and $2)
       ), x as (
         select y.year, e.worker_id, e.region_code, e.total::text as total, case when e.rated then e.result else 'unrated' end as result
         from y
         join assessment_plan p on p.year = y.year and p.status = 'approved'
         join assessment_entry e on e.plan_id = p.id and e.region_code between $1 and $2
         where not e.rated or e.result is not null
       )`;
    const params = [lo(prefix), hi(prefix), maxYear, result];
    const [count, rows] = await Promise.all([
      db.query<{ n: number; year: number | null }>(
        `${cte} select (select count(*)::int from x where result = $4) as n, (select year from y) as year`,
        params,
      ),
      db.query<{ worker_id: number; total: string | null }>(
        `${cte} select worker_id, total from x where result = $4 order by region_code, worker_id limit ${limit} offset ${offset}`,
        params,
      ),
    ]);
    return { year: count[0]?.year ?? null, total: count[0]?.n ?? 0, rows };
  },

  /**
   * Counted rows by direct count over a subtree (`prefix`), grouped by the first `digits` digits of
   * the region (the child), birth and hire dates by day; plus joiners and leavers of [start, date].
   */
  async scan(
    db: Queryable,
    prefix: string,
    digits: number,
    date: string,
    start: string,
    live: boolean,
  ): Promise<CountRow[]> {
    const rows = await db.query<CountRow>(
      `select substr(w.region_code, 1, $4::int) as child, k.dim, k.bucket, count(*)::int as n
       from (${populationSql(live)}) w cross join lateral ${DIMS}
       where k.bucket is not null group by 1, 2, 3
       union all
       select substr(region_code, 1, $4::int), 'joined', hired_on::text, count(*)::int from worker
       where region_code between $1 and $2 and hired_on between $5::date and $3::date group by 1, 3
       union all
       select substr(region_code, 1, $4::int), 'exited', exit_date::text, count(*)::int from worker
       where region_code between $1 and $2 and exit_date between $5::date and $3::date group by 1, 3`,
      [lo(prefix), hi(prefix), date, digits, start],
    );
    for (const r of rows) r.child = pad(r.child);
    return rows;
  },

  /**
   * Counted rows of the live roll-up for the given regions (each its own column), plus by day the
   * months the roll-up cannot settle: band-edge months of birth and hire dates, and the date's own
   * month for joiners and leavers. `digits` names each region by its prefix.
   */
  async rollup(
    db: Queryable,
    codes: string[],
    digits: number,
    date: string,
    bands: { age: number[]; service: number[] },
    edges: { birth: string[]; hired: string[] },
  ): Promise<CountRow[]> {
    const month = date.slice(0, 7);
    const prefixes = codes.map((c) => c.slice(0, digits));
    // The subtree of all the regions: one range when they share a parent (they do: they are its children).
    const parent = prefixes.length ? commonPrefix(prefixes) : '';
    const base = [lo(parent), hi(parent), digits];
    // The days the roll-up cannot settle. Above a county: one small range query per edge month, run side by
    // side on the pool's connections (not one join on unnest, not ORed ranges): each is estimated from the
    // column statistics and read index-only off a date-first partial index of serving workers (008).
    // A county (its children are streets): ~100,000 entries of the nation's workers born or hired in those
    // months hold a few of its own, so its ~2,000 serving workers are read instead, index-only off the
    // region-first covering index (017_county_stats.sql), the edge months picked out by ORed date ranges
    // (not to_char() per row: formatting 4,000 dates cost ~10 ms) — with joiners and leavers, one statement.
    const byRegion = digits >= PREFIX_LENGTH_STREET;
    const params: unknown[] = [...base];
    const arg = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const inMonths = (col: string, ms: string[]) =>
      ms.map((m) => `w.${col} between ${arg(`${m}-01`)}::date and ${arg(monthEnd(m))}::date`).join(' or ');
    const byRegionOf = (col: string, dim: string, ms: string[]) =>
      ms.length
        ? [
            `select substr(w.region_code, 1, $3::int) as child, '${dim}' as dim, w.${col}::text as bucket, count(*)::int as n from worker w
             where w.status <> 'exited' and w.region_code between $1 and $2 and (${inMonths(col, ms)}) group by 1, 3`,
          ]
        : [];
    const perMonth = (col: string, dim: string, ms: string[]) =>
      ms.map((m) =>
        db.query<CountRow>(
          `select substr(w.region_code, 1, $3::int) as child, '${dim}' as dim, w.${col}::text as bucket, count(*)::int as n from worker w
           where w.${col} between $4::date and $5::date and w.status <> 'exited' and w.region_code between $1 and $2 group by 1, 3`,
          [...base, `${m}-01`, monthEnd(m)],
        ),
      );
    const edgeSql = byRegion
      ? [...byRegionOf('birth_date', 'birth', edges.birth), ...byRegionOf('hired_on', 'hired', edges.hired)]
      : [];
    const from = arg(`${month}-01`);
    const to = arg(date);
    const daySql = [
      ...edgeSql,
      `select substr(region_code, 1, $3::int) as child, 'joined' as dim, hired_on::text as bucket, count(*)::int as n from worker
         where hired_on between ${from}::date and ${to}::date and region_code between $1 and $2 group by 1, 3`,
      `select substr(region_code, 1, $3::int), 'exited', exit_date::text, count(*)::int from worker
         where exit_date between ${from}::date and ${to}::date and region_code between $1 and $2 group by 1, 3`,
    ].join('\n         union all\n         ');
    const parts = await Promise.all([
      // Birth and hire months are put into bands here (the band of the full years on the date; a month
      // other than the date's own gives the same years for every day of it), edge months left out (read
      // by day below), joiners and leavers only for this year's months: a few rows per child, not thousands.
      db.query<CountRow>(
        `select region_code as child, case dim when 'birth' then 'ageBand' when 'hired' then 'serviceBand' else dim end as dim,
           -- The band = how many edges lie below the full years (edges strictly increase: bandProblem), i.e.
           -- width_bucket(years − 1, edges), the count of edges ≤ years − 1.
           case when dim in ('birth', 'hired') then width_bucket(
             $5::int - substr(bucket, 1, 4)::int - case when substr(bucket, 6, 2)::int > $6::int then 1 else 0 end - 1,
             case when dim = 'birth' then $3::int[] else $4::int[] end)::text
           else bucket end as bucket,
           sum(n)::int as n
         from stats_rollup where region_code = any($1::varchar[]) and n <> 0
           and (dim not in ('joined', 'exited') or bucket >= $2)
           and not (dim = 'birth' and bucket = any($7::text[])) and not (dim = 'hired' and bucket = any($8::text[]))
         group by 1, 2, 3`,
        [
          codes,
          `${date.slice(0, 4)}-01`,
          bands.age,
          bands.service,
          +date.slice(0, 4),
          +date.slice(5, 7),
          edges.birth,
          edges.hired,
        ],
      ),
      db.query<CountRow>(daySql, params),
      ...(byRegion
        ? []
        : [...perMonth('birth_date', 'birth', edges.birth), ...perMonth('hired_on', 'hired', edges.hired)]),
    ]);
    const [rolled, ...dayParts] = parts;
    const days = dayParts.flat();
    const wanted = new Set(codes);
    return [...rolled, ...days.map((r) => ({ ...r, child: pad(r.child) })).filter((r) => wanted.has(r.child))];
  },

  /** Ids of the workers behind one figure (a predicate over the population), a page, and the total. */
  async drill(
    db: Queryable,
    prefix: string,
    date: string,
    live: boolean,
    predicate: { sql: string; params: unknown[] },
    turnover: { start: string } | null,
    limit: number,
    offset: number,
  ) {
    const base = turnover
      ? `select w.id, w.region_code, w.hired_on, w.exit_date from worker w where w.region_code between $1 and $2 and $3::date is not null`
      : populationSql(live);
    let k = 3;
    const where = predicate.sql.replace(/\?/g, () => `$${++k}`);
    const params = [lo(prefix), hi(prefix), date, ...predicate.params];
    const [count, ids] = await Promise.all([
      db.query<{ n: number }>(`select count(*)::int as n from (${base}) w where ${where}`, params),
      db.query<{ id: number }>(
        `select w.id from (${base}) w where ${where} order by w.region_code, w.id limit ${limit} offset ${offset}`,
        params,
      ),
    ]);
    return { total: count[0].n, ids: ids.map((r) => r.id) };
  },

  /** Full rows of the given workers, only those inside the scope prefix. */
  async workersByIds(db: Queryable, scope: string, ids: number[]): Promise<WorkerRow[]> {
    return db.query<WorkerRow>(
      `select ${WORKER_COLS} ${WORKER_FROM} where w.id = any($1::bigint[]) and w.region_code like $2 || '%'`,
      [ids, scope],
    );
  },

  async snapshots(db: Queryable, code: string): Promise<SnapshotRow[]> {
    return db.query<SnapshotRow>(
      'select id, region_code, year, as_of, figures, approved_by, approved_at from stats_snapshot where region_code = $1 order by year desc',
      [code],
    );
  },

  async snapshot(db: Queryable, id: number): Promise<SnapshotRow | null> {
    return (
      (
        await db.query<SnapshotRow>(
          'select id, region_code, year, as_of, figures, approved_by, approved_at from stats_snapshot where id = $1',
          [id],
        )
      )[0] ?? null
    );
  },

  async snapshotOf(db: Queryable, code: string, year: number): Promise<SnapshotRow | null> {
    return (
      (
        await db.query<SnapshotRow>(
          'select id, region_code, year, as_of, figures, approved_by, approved_at from stats_snapshot where region_code = $1 and year = $2',
          [code, year],
        )
      )[0] ?? null
    );
  },

  async insertSnapshot(
    tx: Queryable,
    s: { regionCode: string; year: number; asOf: string; figures: unknown; approvedBy: string },
  ): Promise<SnapshotRow> {
    const [row] = await tx.query<SnapshotRow>(
      `insert into stats_snapshot (region_code, year, as_of, figures, approved_by) values ($1, $2, $3, $4::jsonb, $5)
       returning id, region_code, year, as_of, figures, approved_by, approved_at`,
      [s.regionCode, s.year, s.asOf, JSON.stringify(s.figures), s.approvedBy],
    );
    return row;
  },
};

function commonPrefix(xs: string[]): string {
  let p = xs[0];
  for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1);
  return p;
}
