/** SQL of grades (F-GRADE): what the engine needs of each worker, read in pages, and the yearly review. */

import type { Queryable } from '../database.js';
import { type AssessmentYear, assessmentYearsOf } from './assessment-years.js';

export interface GradeWorkerRow {
  id: number;
  name: string;
  region_code: string;
  category: string;
  position: string;
  status: string;
  education: string | null;
  grade: number | null;
  grade_effective_from: string | null;
}

export interface WorkerHistory {
  periods: Map<number, { region_code: string; start_date: string; end_date: string | null; end_type: string | null }[]>;
  positions: Map<number, { position: string; start_date: string; end_date: string | null }[]>;
  qualifications: Map<number, { level: string; obtained_on: string }[]>;
  /** Approved annual assessment results (F-ASSESS), oldest first. */
  assessments: Map<number, AssessmentYear[]>;
  /** Dated changes of education (worker_attribute_change), in the order they were recorded. */
  educationChanges: Map<number, { oldValue: string | null; newValue: string | null; effectiveOn: string }[]>;
}

export interface GradeReviewRow {
  id: number;
  region_code: string;
  effective_date: string;
  status: 'draft' | 'committed';
  items: { workerId: number; name: string; from: number | null; to: number; reason: string }[];
  unchanged: number;
  created_by: string;
  created_at: Date;
  committed_at: Date | null;
}

const W_COLS =
  'w.id, w.name, w.region_code, w.category, w.position, w.status, w.education, w.grade, w.grade_effective_from';

function group<R extends { worker_id: number }>(rows: R[]): Map<number, Omit<R, 'worker_id'>[]> {
  const out = new Map<number, Omit<R, 'worker_id'>[]>();
  for (const { worker_id, ...rest } of rows) {
    const list = out.get(worker_id);
    if (list) list.push(rest);
    else out.set(worker_id, [rest]);
  }
  return out;
}

export const gradeRepository = {
  /**
   * Serving workers (not exited) of a subtree, a page at a time in (region_code, id) order — the
   * order of the `worker_region_order` index, so a county of a national database reads only its rows.
   */
  async workersPage(
    db: Queryable,
    prefix: string,
    after: { regionCode: string; id: number } | null,
    limit: number,
  ): Promise<GradeWorkerRow[]> {
    return db.query<GradeWorkerRow>(
      `select ${W_COLS} from worker w
       where w.region_code between $1 and $2 and w.status <> 'exited' and (w.region_code, w.id) > ($3::varchar, $4::bigint)
       order by w.region_code, w.id limit ${limit}`,
      [prefix.padEnd(12, '0'), prefix.padEnd(12, '9'), after?.regionCode ?? '', after?.id ?? 0],
    );
  },

  /** Workers by id, whatever their status, in id order. */
  async workersByIds(db: Queryable, ids: readonly number[]): Promise<GradeWorkerRow[]> {
    return db.query<GradeWorkerRow>(`select ${W_COLS} from worker w where w.id = any($1::bigint[]) order by w.id`, [
      ids as number[],
    ]);
  },

  async workerById(db: Queryable, id: number): Promise<GradeWorkerRow | null> {
    return (await db.query<GradeWorkerRow>(`select ${W_COLS} from worker w where w.id = $1`, [id]))[0] ?? null;
  },

  /** Employment periods, positions, qualifications, approved assessments and education changes of many workers. */
  async historyOf(db: Queryable, ids: number[]): Promise<WorkerHistory> {
    const [periods, positions, qualifications, assessments, education] = await Promise.all([
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
      db.query<{ worker_id: number; position: string; start_date: string; end_date: string | null }>(
        'select worker_id, position, start_date, end_date from worker_position where worker_id = any($1::bigint[]) order by worker_id, start_date, id',
        [ids],
      ),
      db.query<{ worker_id: number; level: string; obtained_on: string }>(
        'select worker_id, level, obtained_on from worker_qualification where worker_id = any($1::bigint[]) order by worker_id, obtained_on, id',
        [ids],
      ),
      assessmentYearsOf(db, ids),
      db.query<{ worker_id: number; oldValue: string | null; newValue: string | null; effectiveOn: string }>(
        `select worker_id, old_value as "oldValue", new_value as "newValue", effective_on as "effectiveOn" from worker_attribute_change
         where worker_id = any($1::bigint[]) and attribute = 'education' order by worker_id, id`,
        [ids],
      ),
    ]);
    return {
      periods: group(periods),
      positions: group(positions),
      qualifications: group(qualifications),
      assessments,
      educationChanges: group(education),
    };
  },

  async insertReview(
    tx: Queryable,
    r: {
      regionCode: string;
      effectiveDate: string;
      items: GradeReviewRow['items'];
      unchanged: number;
      createdBy: string;
    },
  ): Promise<number> {
    const [row] = await tx.query<{ id: number }>(
      `insert into grade_review (region_code, effective_date, items, unchanged, created_by) values ($1, $2, $3::jsonb, $4, $5) returning id`,
      [r.regionCode, r.effectiveDate, JSON.stringify(r.items), r.unchanged, r.createdBy],
    );
    return row.id;
  },

  /** A review inside the scope prefix, locked for the commit. */
  async reviewForUpdate(tx: Queryable, scope: string, id: number): Promise<GradeReviewRow | null> {
    return (
      (
        await tx.query<GradeReviewRow>(
          `select id, region_code, effective_date, status, items, unchanged, created_by, created_at, committed_at
           from grade_review where id = $1 and region_code like $2 || '%' for update`,
          [id, scope],
        )
      )[0] ?? null
    );
  },

  /** The current grade of the workers a review changes, locked. */
  async gradesForUpdate(
    tx: Queryable,
    ids: number[],
  ): Promise<{ id: number; grade: number | null; status: string; region_code: string }[]> {
    return tx.query(
      'select id, grade, status, region_code from worker where id = any($1::bigint[]) order by id for update',
      [ids],
    );
  },

  async setGrades(tx: Queryable, changes: { id: number; grade: number }[], effectiveFrom: string): Promise<void> {
    await tx.query(
      `update worker w set grade = t.grade, grade_effective_from = $3::date, updated_at = now()
       from unnest($1::bigint[], $2::int[]) as t(id, grade) where w.id = t.id`,
      [changes.map((c) => c.id), changes.map((c) => c.grade), effectiveFrom],
    );
  },

  async markCommitted(tx: Queryable, id: number): Promise<void> {
    await tx.query(`update grade_review set status = 'committed', committed_at = now() where id = $1`, [id]);
  },
};
