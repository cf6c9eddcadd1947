/** SQL of the bulk worker import: reading the records an import updates, and updating them by `unnest`. */
import type { ValidWorker } from '../../domain/worker.js';
import type { Queryable } from '../database.js';
import { WORKER_COLS, WORKER_FROM, type WorkerRow } from './worker.repository.js';

export const workerImportRepository = {
  /** Records by id, only inside the scope prefix. */
  async byIdsInScope(db: Queryable, scope: string, ids: number[]): Promise<WorkerRow[]> {
    const out: WorkerRow[] = [];
    for (let i = 0; i < ids.length; i += 5000) {
      out.push(...(await db.query<WorkerRow>(`select ${WORKER_COLS} ${WORKER_FROM} where w.id = any($1::bigint[]) and w.region_code like $2 || '%'`, [ids.slice(i, i + 5000), scope])));
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
