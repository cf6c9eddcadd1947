/** SQL of the worker registry. Scope (a region-code prefix) is always part of the query. */
import type { ValidWorker } from '../../domain/worker.js';
import type { Queryable } from '../database.js';
import { escapeLike } from './like.js';

export interface WorkerRow {
  id: number;
  region_code: string;
  region_name: string;
  street_name: string | null;
  name: string;
  id_number: string;
  gender: string;
  birth_date: string;
  ethnicity: string | null;
  phone: string | null;
  category: string;
  position: string;
  status: string;
  hired_on: string;
  political_status: string | null;
  education: string | null;
  education_fulltime: string | null;
  major: string | null;
  social_work_major: boolean;
  home_region_code: string | null;
  veteran: boolean;
  graduate_entrant: boolean;
  graduate_year: number | null;
  qualification: string | null;
  exit_type: string | null;
  exit_date: string | null;
  exit_reason: string | null;
  user_id: number | null;
  created_at: Date;
  updated_at: Date;
  /**
   * The row's version for optimistic concurrency: its xmin (the transaction that last wrote it), so
   * every write that touches the row moves it, whichever path made it. Opaque; compared for equality only.
   */
  version: string;
}

/** The columns of a worker row without its version (for queries that select from a subquery named w). */
export const WORKER_BASE_COLS = `w.id, w.region_code, r.name as region_name, s.name as street_name, w.name, w.id_number, w.gender, w.birth_date,
  w.ethnicity, w.phone, w.category, w.position, w.status, w.hired_on, w.political_status, w.education, w.education_fulltime,
  w.major, w.social_work_major, w.home_region_code, w.veteran, w.graduate_entrant, w.graduate_year, w.qualification,
  w.exit_type, w.exit_date, w.exit_reason, w.user_id, w.created_at, w.updated_at`;
export const WORKER_COLS = `${WORKER_BASE_COLS}, w.xmin::text as version`;
export const WORKER_FROM = `from worker w join region r on r.code = w.region_code left join region s on s.code = r.parent_code and s.level = 'street'`;

export interface WorkerFilter {
  scope: string;
  /** A subtree inside the scope (its prefix). */
  prefix?: string;
  q?: string;
  category?: string;
  position?: string;
  status?: string;
  gender?: string;
  education?: string;
  politicalStatus?: string;
  qualification?: string;
  veteran?: boolean;
  graduateEntrant?: boolean;
  /** Age range on `today`: born on or before / after the computed dates. */
  bornFrom?: string;
  bornTo?: string;
  /** A worker account sees only the record linked to it. */
  selfUserId?: number;
}

/** Lists count exactly up to this many rows, then say "at least". */
export const COUNT_CAP = 10_000;

export const WORKER_SORTS = {
  region: 'w.region_code, w.id',
  name: 'w.name, w.id',
  birthDate: 'w.birth_date, w.id',
  hiredOn: 'w.hired_on, w.id',
  id: 'w.id',
} as const;
export type WorkerSort = keyof typeof WORKER_SORTS;

function where(f: WorkerFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    parts.push(sql.replaceAll('?', `$${params.length}`));
  };
  // Subtrees as ranges of 12-digit codes: a plain index serves them and returns rows in code order.
  const prefix = f.prefix?.startsWith(f.scope) ? f.prefix : f.scope;
  if (f.prefix && !f.prefix.startsWith(f.scope) && !f.scope.startsWith(f.prefix)) parts.push('false');
  if (prefix !== '') {
    params.push(prefix.padEnd(12, '0'), prefix.padEnd(12, '9'));
    parts.push(`w.region_code between $${params.length - 1} and $${params.length}`);
  }
  if (f.q) add(`(w.name like '%' || ? || '%')`, escapeLike(f.q));
  if (f.category) add('w.category = ?', f.category);
  if (f.position) add('w.position = ?', f.position);
  if (f.status) add('w.status = ?', f.status);
  else parts.push(`w.status <> 'exited'`);
  if (f.gender) add('w.gender = ?', f.gender);
  if (f.education) add('w.education = ?', f.education);
  if (f.politicalStatus) add('w.political_status = ?', f.politicalStatus);
  if (f.qualification === 'none') parts.push('w.qualification is null');
  else if (f.qualification) add('w.qualification = ?', f.qualification);
  if (f.veteran !== undefined) add('w.veteran = ?', f.veteran);
  if (f.graduateEntrant !== undefined) add('w.graduate_entrant = ?', f.graduateEntrant);
  if (f.bornFrom) add('w.birth_date >= ?::date', f.bornFrom);
  if (f.bornTo) add('w.birth_date <= ?::date', f.bornTo);
  if (f.selfUserId !== undefined) add('w.user_id = ?', f.selfUserId);
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
}

export const workerRepository = {
  /**
   * A page of workers and the number matching. The count stops at `countCap` (exact below it): an
   * exact count of a province's million rows costs ~300 ms, and a list is not where one reads it
   * (the statistics are).
   */
  async search(
    db: Queryable,
    f: WorkerFilter,
    sort: WorkerSort,
    desc: boolean,
    limit: number,
    offset: number,
    countCap = COUNT_CAP,
  ): Promise<{ rows: WorkerRow[]; total: number; totalExact: boolean }> {
    const w = where(f);
    const order = WORKER_SORTS[sort]
      .split(', ')
      .map((c) => `${c}${desc ? ' desc' : ''}`)
      .join(', ');
    // One statement: the page first, then its regions (joined before the limit, the planner may
    // merge-join the whole region table to the matches: tens of ms on a province data set), and the
    // capped count as an uncorrelated subquery — one round trip and one pooled connection per search.
    const countSql = `select count(*)::int from (select 1 from worker w where ${w.sql} limit ${countCap + 1}) c`;
    const page = await db.query<WorkerRow & { total_n: number }>(
      `select ${WORKER_BASE_COLS}, w.version, (${countSql}) as total_n
       from (select w.*, w.xmin::text as version from worker w where ${w.sql} order by ${order} limit ${limit} offset ${offset}) w
       join region r on r.code = w.region_code left join region s on s.code = r.parent_code and s.level = 'street'
       order by ${order}`,
      w.params,
    );
    // An empty page (past the end, a count-only call with limit 0, or nothing matches) carries no count:
    // ask for it alone, unless the first page of a real limit is empty (then nothing matches).
    const n = page.length
      ? page[0].total_n
      : offset === 0 && limit > 0
        ? 0
        : (await db.query<{ n: number }>(countSql.replace('count(*)::int', 'count(*)::int as n'), w.params))[0].n;
    const rows = page.map(({ total_n: _, ...row }) => row as WorkerRow);
    return { rows, total: Math.min(n, countCap), totalExact: n <= countCap };
  },

  /** Streams a filtered list in pages of `batch` by id (exports). */
  async *scan(db: Queryable, f: WorkerFilter, batch = 5000): AsyncGenerator<WorkerRow[]> {
    const w = where(f);
    let after = 0;
    for (;;) {
      const rows = await db.query<WorkerRow>(
        `select ${WORKER_COLS} ${WORKER_FROM} where ${w.sql} and w.id > $${w.params.length + 1} order by w.id limit ${batch}`,
        [...w.params, after],
      );
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1].id;
    }
  },

  /**
   * One worker inside the scope. `lock`: the row stays locked until the transaction ends, so writers of
   * the same person queue and each reads what the previous one wrote (FOR NO KEY UPDATE: the lock an
   * UPDATE of the row takes anyway; rows that merely reference the worker are not held up). The lock sits in a
   * subquery of the worker alone: with the regions joined in the locking statement, PostgreSQL rechecks
   * a row that a concurrent transfer moved against the old region's row and drops it (a false 404).
   */
  async byIdInScope(db: Queryable, scope: string, id: number, lock = false): Promise<WorkerRow | null> {
    const sql = lock
      ? `select ${WORKER_BASE_COLS}, w.version
         from (select w.*, w.xmin::text as version from worker w where w.id = $1 and w.region_code like $2 || '%' for no key update) w
         join region r on r.code = w.region_code left join region s on s.code = r.parent_code and s.level = 'street'`
      : `select ${WORKER_COLS} ${WORKER_FROM} where w.id = $1 and w.region_code like $2 || '%'`;
    return (await db.query<WorkerRow>(sql, [id, scope]))[0] ?? null;
  },

  /** Active (not exited) records holding these ID numbers, anywhere — the caller decides what to reveal. */
  async activeByIdNumbers(
    db: Queryable,
    idNumbers: string[],
  ): Promise<{ id: number; id_number: string; region_code: string }[]> {
    if (idNumbers.length === 0) return [];
    return db.query(
      `select id, id_number, region_code from worker where id_number = any($1::varchar[]) and status <> 'exited'`,
      [idNumbers],
    );
  },

  /**
   * Inserts validated workers with their first employment period, position and qualification, by
   * `unnest` in batches (no per-row round trips). Returns the new ids in input order.
   */
  async insertMany(tx: Queryable, ws: ValidWorker[]): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < ws.length; i += 5000) {
      const b = ws.slice(i, i + 5000);
      const col = <T>(f: (w: ValidWorker) => T) => b.map(f);
      const rows = await tx.query<{ id: number; ord: number }>(
        `insert into worker (region_code, name, id_number, gender, birth_date, ethnicity, phone, category, position, status, hired_on,
           political_status, education, education_fulltime, major, social_work_major, home_region_code, veteran, graduate_entrant,
           graduate_year, qualification)
         select region_code, name, id_number, gender, birth_date, ethnicity, phone, category, position, status, hired_on,
           political_status, education, education_fulltime, major, social_work_major, home_region_code, veteran, graduate_entrant,
           graduate_year, qualification
         from unnest($1::varchar[], $2::text[], $3::varchar[], $4::text[], $5::date[], $6::text[], $7::varchar[], $8::text[], $9::text[],
           $10::text[], $11::date[], $12::text[], $13::text[], $14::text[], $15::text[], $16::boolean[], $17::varchar[], $18::boolean[],
           $19::boolean[], $20::int[], $21::text[])
           with ordinality as t(region_code, name, id_number, gender, birth_date, ethnicity, phone, category, position, status, hired_on,
           political_status, education, education_fulltime, major, social_work_major, home_region_code, veteran, graduate_entrant,
           graduate_year, qualification, ord)
         order by ord
         returning id`,
        [
          col((w) => w.regionCode),
          col((w) => w.name),
          col((w) => w.idNumber),
          col((w) => w.gender),
          col((w) => w.birthDate),
          col((w) => w.ethnicity),
          col((w) => w.phone),
          col((w) => w.category),
          col((w) => w.position),
          col((w) => w.status),
          col((w) => w.startDate),
          col((w) => w.politicalStatus),
          col((w) => w.education),
          col((w) => w.educationFulltime),
          col((w) => w.major),
          col((w) => w.socialWorkMajor),
          col((w) => w.homeRegionCode),
          col((w) => w.veteran),
          col((w) => w.graduateEntrant),
          col((w) => w.graduateYear),
          col((w) => w.qualification?.level ?? null),
        ],
      );
      // Identity values follow the ordered insert; sort to be independent of RETURNING order.
      const batchIds = rows.map((r) => r.id).sort((a, b) => a - b);
      await tx.query(
        `insert into worker_period (worker_id, region_code, start_date, origin)
         select * from unnest($1::bigint[], $2::varchar[], $3::date[], $4::text[])`,
        [batchIds, col((w) => w.regionCode), col((w) => w.startDate), col((w) => w.origin)],
      );
      await tx.query(
        `insert into worker_position (worker_id, region_code, position, start_date, term)
         select * from unnest($1::bigint[], $2::varchar[], $3::text[], $4::date[], $5::text[])`,
        [batchIds, col((w) => w.regionCode), col((w) => w.position), col((w) => w.startDate), col((w) => w.term)],
      );
      const q = b.map((w, k) => [batchIds[k], w.qualification] as const).filter(([, x]) => x !== null);
      if (q.length) {
        await tx.query(
          `insert into worker_qualification (worker_id, level, certificate_no, obtained_on)
           select * from unnest($1::bigint[], $2::text[], $3::text[], $4::date[])`,
          [
            q.map(([id]) => id),
            q.map(([, x]) => x!.level),
            q.map(([, x]) => x!.certificateNo),
            q.map(([, x]) => x!.obtainedOn),
          ],
        );
      }
      ids.push(...batchIds);
    }
    return ids;
  },

  async periods(db: Queryable, workerId: number) {
    return db.query<{
      id: number;
      region_code: string;
      region_name: string;
      start_date: string;
      end_date: string | null;
      origin: string;
      end_type: string | null;
      end_reason: string | null;
    }>(
      `select p.id, p.region_code, r.name as region_name, p.start_date, p.end_date, p.origin, p.end_type, p.end_reason
       from worker_period p join region r on r.code = p.region_code where p.worker_id = $1 order by p.start_date, p.id`,
      [workerId],
    );
  },

  async positions(db: Queryable, workerId: number) {
    return db.query<{
      id: number;
      region_code: string;
      position: string;
      start_date: string;
      end_date: string | null;
      term: string | null;
    }>(
      'select id, region_code, position, start_date, end_date, term from worker_position where worker_id = $1 order by start_date, id',
      [workerId],
    );
  },

  async qualifications(db: Queryable, workerId: number) {
    return db.query<{ id: number; level: string; certificate_no: string | null; obtained_on: string }>(
      'select id, level, certificate_no, obtained_on from worker_qualification where worker_id = $1 order by obtained_on, id',
      [workerId],
    );
  },
};
