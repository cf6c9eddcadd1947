/** SQL of care records (F-CARE, F-SUPERVISE, honours) and cadre stints (F-CADRE). Subtrees are code ranges. */
import type { Queryable } from '../database.js';

const range = (prefix: string): [string, string] => [prefix.padEnd(12, '0'), prefix.padEnd(12, '9')];

export interface CareRow {
  id: number;
  worker_id: number;
  name: string;
  region_code: string;
  region_name: string;
  kind: string;
  title: string;
  scheduled_on: string | null;
  done_on: string | null;
  summary: string | null;
  response: string | null;
  resolved_on: string | null;
  created_by: string;
}

export interface CadreRow {
  id: number;
  region_code: string;
  region_name: string;
  name: string;
  id_number: string;
  home_unit: string;
  kind: 'attachment' | 'appointment' | 'newCivilServant';
  role: string | null;
  start_date: string;
  end_date: string | null;
}

const CARE_COLS = `c.id, c.worker_id, w.name, c.region_code, r.name as region_name, c.kind, c.title, c.scheduled_on, c.done_on, c.summary, c.response,
  c.resolved_on, c.created_by`;
const CARE_FROM = 'from care_record c join worker w on w.id = c.worker_id join region r on r.code = c.region_code';

export const careRepository = {
  async list(db: Queryable, prefix: string, kind: string | null): Promise<CareRow[]> {
    return db.query<CareRow>(
      `select ${CARE_COLS} ${CARE_FROM} where c.region_code between $1 and $2 and ($3::text is null or c.kind = $3)
       order by coalesce(c.done_on, c.scheduled_on) desc, c.id desc limit 2000`,
      [...range(prefix), kind],
    );
  },

  async inScope(db: Queryable, scope: string, id: number): Promise<CareRow | null> {
    return (
      (
        await db.query<CareRow>(`select ${CARE_COLS} ${CARE_FROM} where c.id = $1 and c.region_code like $2 || '%'`, [
          id,
          scope,
        ])
      )[0] ?? null
    );
  },

  async insert(
    tx: Queryable,
    c: {
      workerId: number;
      regionCode: string;
      kind: string;
      title: string;
      scheduledOn: string | null;
      doneOn: string | null;
      summary: string | null;
      by: string;
    },
  ): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      `insert into care_record (worker_id, region_code, kind, title, scheduled_on, done_on, summary, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [c.workerId, c.regionCode, c.kind, c.title, c.scheduledOn, c.doneOn, c.summary, c.by],
    );
    return Number(rows[0].id);
  },

  async update(
    tx: Queryable,
    id: number,
    c: { doneOn: string | null; response: string | null; resolvedOn: string | null },
  ): Promise<void> {
    await tx.query(
      'update care_record set done_on = coalesce($2, done_on), response = coalesce($3, response), resolved_on = coalesce($4, resolved_on) where id = $1',
      [id, c.doneOn, c.response, c.resolvedOn],
    );
  },

  /** Honours and candidacies of many workers, oldest first (shown beside the incentive evidence). */
  async honoursOf(db: Queryable, ids: readonly number[]) {
    return db.query<{ worker_id: number; kind: string; title: string; done_on: string }>(
      `select worker_id, kind, title, done_on from care_record where worker_id = any($1::bigint[]) and kind in ('honour', 'candidacy') and done_on is not null order by worker_id, done_on, id`,
      [ids],
    );
  },

  async cadres(db: Queryable, prefix: string): Promise<CadreRow[]> {
    return db.query<CadreRow>(
      `select c.id, c.region_code, r.name as region_name, c.name, c.id_number, c.home_unit, c.kind, c.role, c.start_date, c.end_date
       from cadre_stint c join region r on r.code = c.region_code where c.region_code between $1 and $2 order by c.start_date desc, c.id desc`,
      range(prefix),
    );
  },

  async insertCadre(
    tx: Queryable,
    c: {
      regionCode: string;
      name: string;
      idNumber: string;
      homeUnit: string;
      kind: string;
      role: string | null;
      startDate: string;
      endDate: string | null;
      by: string;
    },
  ): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      `insert into cadre_stint (region_code, name, id_number, home_unit, kind, role, start_date, end_date, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [c.regionCode, c.name, c.idNumber, c.homeUnit, c.kind, c.role, c.startDate, c.endDate, c.by],
    );
    return Number(rows[0].id);
  },
};
