/**
 * SQL of the bulk worker import: new workers by COPY (ids allocated from the identity sequence first, so
 * that their periods, positions and qualifications can be COPYed too), reading the records an import
 * updates, and updating them by `unnest`.
 */
import type { ValidWorker } from '../../domain/worker.js';
import { copyLine, type Queryable } from '../database.js';
import { WORKER_BASE_COLS, WORKER_COLS, WORKER_FROM, type WorkerRow, workerRepository } from './worker.repository.js';

const WORKER_COPY_COLS = [
  'id',
  'region_code',
  'name',
  'id_number',
  'gender',
  'birth_date',
  'ethnicity',
  'phone',
  'category',
  'position',
  'status',
  'hired_on',
  'political_status',
  'education',
  'education_fulltime',
  'major',
  'social_work_major',
  'home_region_code',
  'veteran',
  'graduate_entrant',
  'graduate_year',
  'qualification',
] as const;

/**
 * Worker rows per COPY statement. The statement-level trigger that keeps the statistics roll-up
 * (stats_worker_insert, migration 008) builds the roll-up keys of all the statement's new rows in memory
 * at once (~85 per worker: 17 dimensions × 5 regions above it): for 5,000 workers that grew PGlite's
 * WebAssembly heap, which never shrinks, from 128 to 221 MB; for 1,000 to 154 MB, and no slower per row
 * (bench/RESULTS.md). The other tables' triggers keep one id per row and take the whole chunk. On
 * PostgreSQL that memory is the server's and freed after the statement, and one statement per chunk
 * measured faster, so the import sets no limit there.
 */
export const WORKER_COPY_ROWS = 1000;

/** Lines of `rows` mapped by `f`, joined into chunks of about 1 MB (fewer, larger writes to the server). */
function* chunksOf<T>(rows: readonly T[], f: (r: T, i: number) => unknown[]): Generator<string> {
  let buf = '';
  for (let i = 0; i < rows.length; i++) {
    buf += copyLine(f(rows[i], i));
    if (buf.length > 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

export const workerImportRepository = {
  /** `n` new worker ids from the table's identity sequence, ascending (sequences ignore transactions). */
  async allocateIds(db: Queryable, n: number): Promise<number[]> {
    if (n === 0) return [];
    const rows = await db.query<{ id: number }>(
      `select nextval(s.seq) as id from (select pg_get_serial_sequence('worker', 'id')::regclass as seq) s, generate_series(1, $1::int)`,
      [n],
    );
    return rows.map((r) => r.id).sort((a, b) => a - b);
  },

  /**
   * Inserts validated workers with their first employment period, position and qualification, under
   * the ids given (from `allocateIds`): four COPYs where the connection has them, else `insertMany`
   * (which takes ids from the sequence itself). Returns the ids in input order. `perStatement`: worker
   * rows per COPY (tests cross its edges with a small one).
   */
  async insertNew(
    tx: Queryable,
    ws: ValidWorker[],
    ids: Promise<number[]>,
    perStatement = WORKER_COPY_ROWS,
  ): Promise<number[]> {
    if (ws.length === 0) return [];
    if (!tx.copyFrom) return workerRepository.insertMany(tx, ws);
    const id = await ids;
    if (id.length !== ws.length) throw new Error(`allocated ${id.length} ids for ${ws.length} workers`);
    // The worker rows in statements of at most WORKER_COPY_ROWS: see there.
    for (let s = 0; s < ws.length; s += perStatement) {
      await tx.copyFrom(
        'worker',
        WORKER_COPY_COLS,
        chunksOf(ws.slice(s, s + perStatement), (w, i) => [
          id[s + i],
          w.regionCode,
          w.name,
          w.idNumber,
          w.gender,
          w.birthDate,
          w.ethnicity,
          w.phone,
          w.category,
          w.position,
          w.status,
          w.startDate,
          w.politicalStatus,
          w.education,
          w.educationFulltime,
          w.major,
          w.socialWorkMajor,
          w.homeRegionCode,
          w.veteran,
          w.graduateEntrant,
          w.graduateYear,
          w.qualification?.level ?? null,
        ]),
      );
    }
    await tx.copyFrom(
      'worker_period',
      ['worker_id', 'region_code', 'start_date', 'origin'],
      chunksOf(ws, (w, i) => [id[i], w.regionCode, w.startDate, w.origin]),
    );
    await tx.copyFrom(
      'worker_position',
      ['worker_id', 'region_code', 'position', 'start_date', 'term'],
      chunksOf(ws, (w, i) => [id[i], w.regionCode, w.position, w.startDate, w.term]),
    );
    const q: [number, NonNullable<ValidWorker['qualification']>][] = [];
    ws.forEach((w, i) => {
      if (w.qualification) q.push([id[i], w.qualification]);
    });
    if (q.length)
      await tx.copyFrom(
        'worker_qualification',
        ['worker_id', 'level', 'certificate_no', 'obtained_on'],
        chunksOf(q, ([i, x]) => [i, x.level, x.certificateNo, x.obtainedOn]),
      );
    return id;
  },

  /** Takes back workers this transaction inserted (a later row of the file turned out to duplicate them). */
  async removeNew(tx: Queryable, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    for (const t of ['worker_qualification', 'worker_position', 'worker_period'])
      await tx.query(`delete from ${t} where worker_id = any($1::bigint[])`, [ids]);
    await tx.query('delete from worker where id = any($1::bigint[])', [ids]);
  },

  /**
   * Records by id, only inside the scope prefix. `lock`: locked until the transaction ends, in id order
   * (as the grade review locks them, so two bulk writers never wait on each other in a cycle), so that
   * an edit made meanwhile is either before these rows are read or waits for the import.
   */
  async byIdsInScope(db: Queryable, scope: string, ids: number[], lock = false): Promise<WorkerRow[]> {
    const out: WorkerRow[] = [];
    for (let i = 0; i < ids.length; i += 5000) {
      out.push(
        ...(await db.query<WorkerRow>(
          lock
            ? // The lock sits on the worker alone (see workerRepository.byIdInScope).
              `select ${WORKER_BASE_COLS}, w.version
               from (select w.*, w.xmin::text as version from worker w where w.id = any($1::bigint[]) and w.region_code like $2 || '%'
                     order by w.id for no key update) w
               join region r on r.code = w.region_code left join region s on s.code = r.parent_code and s.level = 'street'`
            : `select ${WORKER_COLS} ${WORKER_FROM} where w.id = any($1::bigint[]) and w.region_code like $2 || '%'`,
          [ids.slice(i, i + 5000), scope],
        )),
      );
    }
    return out;
  },

  /** Writes the editable fields of `ws[k]` onto worker `ids[k]`, in batches of one statement each. */
  async updateMany(tx: Queryable, ids: number[], ws: ValidWorker[]): Promise<void> {
    for (let i = 0; i < ws.length; i += 5000) {
      const b = ws.slice(i, i + 5000);
      const col = <T>(f: (w: ValidWorker) => T) => b.map(f);
      await tx.query(
        `update worker w set name = t.name, ethnicity = t.ethnicity, political_status = t.political_status, education = t.education,
           education_fulltime = t.education_fulltime, major = t.major, social_work_major = t.social_work_major, phone = t.phone,
           home_region_code = t.home_region_code, veteran = t.veteran, graduate_entrant = t.graduate_entrant,
           graduate_year = t.graduate_year, updated_at = now()
         from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::varchar[],
           $10::varchar[], $11::boolean[], $12::boolean[], $13::int[])
           as t(id, name, ethnicity, political_status, education, education_fulltime, major, social_work_major, phone, home_region_code,
           veteran, graduate_entrant, graduate_year)
         where w.id = t.id`,
        [
          ids.slice(i, i + 5000),
          col((w) => w.name),
          col((w) => w.ethnicity),
          col((w) => w.politicalStatus),
          col((w) => w.education),
          col((w) => w.educationFulltime),
          col((w) => w.major),
          col((w) => w.socialWorkMajor),
          col((w) => w.phone),
          col((w) => w.homeRegionCode),
          col((w) => w.veteran),
          col((w) => w.graduateEntrant),
          col((w) => w.graduateYear),
        ],
      );
    }
  },
};
