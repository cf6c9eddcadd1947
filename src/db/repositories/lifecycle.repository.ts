/**
 * SQL of the worker life cycle (issue 6): probation, retirement and the secretaries the incentive
 * considers. Subtrees are code ranges (`between prefix000… and prefix999…`) inside the caller's scope.
 */
import type { Queryable } from '../database.js';

export interface LifecycleWorkerRow {
  id: number;
  name: string;
  region_code: string;
  region_name: string;
  street_name: string | null;
  gender: 'male' | 'female';
  birth_date: string;
  position: string;
  status: string;
  hired_on: string;
  exit_type: string | null;
  exit_date: string | null;
  exit_reason: string | null;
}

const COLS = `w.id, w.name, w.region_code, r.name as region_name, s.name as street_name, w.gender, w.birth_date, w.position, w.status,
  w.hired_on, w.exit_type, w.exit_date, w.exit_reason`;
const FROM = `from worker w join region r on r.code = w.region_code left join region s on s.code = r.parent_code and s.level = 'street'`;
const range = (prefix: string): [string, string] => [prefix.padEnd(12, '0'), prefix.padEnd(12, '9')];

export interface ProbationReviewRow {
  worker_id: number;
  result: 'pass' | 'fail';
  decided_on: string;
  due_on: string;
  opinion: string;
  decided_by: string;
}

export const lifecycleRepository = {
  /** Workers on probation in a subtree, earliest start first. */
  async onProbation(db: Queryable, prefix: string): Promise<LifecycleWorkerRow[]> {
    return db.query<LifecycleWorkerRow>(
      `select ${COLS} ${FROM} where w.region_code between $1 and $2 and w.status = 'probation' order by w.hired_on, w.id`,
      range(prefix),
    );
  },

  /** Serving workers born on or before `bornTo` (the earliest who can reach retirement age in the window). */
  async servingBornBy(db: Queryable, prefix: string, bornTo: string): Promise<LifecycleWorkerRow[]> {
    return db.query<LifecycleWorkerRow>(
      `select ${COLS} ${FROM} where w.region_code between $1 and $2 and w.status <> 'exited' and w.birth_date <= $3::date order by w.birth_date, w.id`,
      [...range(prefix), bornTo],
    );
  },

  /** Workers who left by retirement, most recent first; optionally within [from, to]. */
  async retired(db: Queryable, prefix: string, from: string | null, to: string | null): Promise<LifecycleWorkerRow[]> {
    return db.query<LifecycleWorkerRow>(
      `select ${COLS} ${FROM} where w.region_code between $1 and $2 and w.status = 'exited' and w.exit_type = 'retirement'
         and ($3::date is null or w.exit_date >= $3::date) and ($4::date is null or w.exit_date <= $4::date)
       order by w.exit_date desc, w.id limit 5000`,
      [...range(prefix), from, to],
    );
  },

  /** Serving workers holding one of `positions` now. */
  async servingInPositions(db: Queryable, prefix: string, positions: readonly string[]): Promise<LifecycleWorkerRow[]> {
    return db.query<LifecycleWorkerRow>(
      `select ${COLS} ${FROM} where w.region_code between $1 and $2 and w.status <> 'exited' and w.position = any($3::text[]) order by w.region_code, w.id`,
      [...range(prefix), positions],
    );
  },

  /** Employment periods and positions of many workers. */
  async historyOf(db: Queryable, ids: readonly number[]) {
    const [periods, positions] = await Promise.all([
      db.query<{
        worker_id: number;
        region_code: string;
        start_date: string;
        end_date: string | null;
        end_type: string | null;
      }>(
        'select worker_id, region_code, start_date, end_date, end_type from worker_period where worker_id = any($1::bigint[]) order by worker_id, start_date, id',
        [ids],
      ),
      db.query<{
        worker_id: number;
        position: string;
        start_date: string;
        end_date: string | null;
        term: string | null;
      }>(
        'select worker_id, position, start_date, end_date, term from worker_position where worker_id = any($1::bigint[]) order by worker_id, start_date, id',
        [ids],
      ),
    ]);
    return { periods, positions };
  },

  async probationReviewOf(db: Queryable, workerId: number): Promise<ProbationReviewRow | null> {
    return (
      (
        await db.query<ProbationReviewRow>(
          'select worker_id, result, decided_on, due_on, opinion, decided_by from probation_review where worker_id = $1',
          [workerId],
        )
      )[0] ?? null
    );
  },

  async insertProbationReview(tx: Queryable, r: ProbationReviewRow & { region_code: string }): Promise<void> {
    await tx.query(
      'insert into probation_review (worker_id, region_code, result, decided_on, due_on, opinion, decided_by) values ($1, $2, $3, $4, $5, $6, $7)',
      [r.worker_id, r.region_code, r.result, r.decided_on, r.due_on, r.opinion, r.decided_by],
    );
  },
};
