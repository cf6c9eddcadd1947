/** SQL of secretary filing (F-FILING) and the reserve talent pool (F-RESERVE). Subtrees are code ranges. */
import type { Queryable } from '../database.js';

const range = (prefix: string): [string, string] => [prefix.padEnd(12, '0'), prefix.padEnd(12, '9')];

export interface SecretaryRow {
  worker_id: number;
  name: string;
  region_code: string;
  region_name: string;
  street_name: string | null;
  position: string;
  position_id: number;
  position_start: string;
  term: string | null;
  /** Secretary position rows ever held (届 served, counted by rows with a distinct term or start). */
  terms_served: number;
  filing_id: number | null;
  filing_status: string | null;
  submitted_on: string | null;
  reviewed_on: string | null;
  return_reason: string | null;
}

export interface FilingRow {
  id: number;
  worker_id: number;
  position_id: number;
  region_code: string;
  status: 'submitted' | 'filed' | 'returned';
  submitted_on: string;
  submitted_by: string;
  note: string | null;
  reviewed_on: string | null;
  reviewed_by: string | null;
  return_reason: string | null;
}

export interface ReserveRow {
  id: number;
  worker_id: number;
  name: string;
  region_code: string;
  region_name: string;
  position: string;
  status: 'nominated' | 'selected' | 'removed';
  nominated_on: string;
  nominated_by: string;
  reason: string;
  decided_on: string | null;
  decided_by: string | null;
  decision_note: string | null;
}

const FILING_COLS =
  'id, worker_id, position_id, region_code, status, submitted_on, submitted_by, note, reviewed_on, reviewed_by, return_reason';

export const secretaryRepository = {
  /** Serving secretaries of a subtree with their current position and its latest filing. */
  async secretaries(db: Queryable, prefix: string, positions: readonly string[]): Promise<SecretaryRow[]> {
    return db.query<SecretaryRow>(
      `select w.id as worker_id, w.name, w.region_code, r.name as region_name, s.name as street_name, w.position,
         p.id as position_id, p.start_date as position_start, p.term,
         (select count(*)::int from worker_position q where q.worker_id = w.id and q.position = any($3::text[])) as terms_served,
         f.id as filing_id, f.status as filing_status, f.submitted_on, f.reviewed_on, f.return_reason
       from worker w
       join region r on r.code = w.region_code
       left join region s on s.code = r.parent_code and s.level = 'street'
       join worker_position p on p.worker_id = w.id and p.end_date is null
       left join lateral (select * from secretary_filing x where x.position_id = p.id order by x.id desc limit 1) f on true
       where w.region_code between $1 and $2 and w.status <> 'exited' and w.position = any($3::text[])
       order by w.region_code, w.id`,
      [...range(prefix), positions],
    );
  },

  async currentPosition(db: Queryable, workerId: number): Promise<{ id: number; position: string } | null> {
    return (
      (
        await db.query<{ id: number; position: string }>(
          'select id, position from worker_position where worker_id = $1 and end_date is null order by start_date desc, id desc limit 1',
          [workerId],
        )
      )[0] ?? null
    );
  },

  async latestFiling(db: Queryable, positionId: number): Promise<FilingRow | null> {
    return (
      (
        await db.query<FilingRow>(
          `select ${FILING_COLS} from secretary_filing where position_id = $1 order by id desc limit 1`,
          [positionId],
        )
      )[0] ?? null
    );
  },

  async filingInScope(db: Queryable, scope: string, id: number): Promise<FilingRow | null> {
    return (
      (
        await db.query<FilingRow>(
          `select ${FILING_COLS} from secretary_filing where id = $1 and region_code like $2 || '%'`,
          [id, scope],
        )
      )[0] ?? null
    );
  },

  async insertFiling(
    tx: Queryable,
    f: { workerId: number; positionId: number; regionCode: string; date: string; by: string; note: string | null },
  ): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      'insert into secretary_filing (worker_id, position_id, region_code, submitted_on, submitted_by, note) values ($1, $2, $3, $4, $5, $6) returning id',
      [f.workerId, f.positionId, f.regionCode, f.date, f.by, f.note],
    );
    return Number(rows[0].id);
  },

  async reviewFiling(
    tx: Queryable,
    id: number,
    status: 'filed' | 'returned',
    date: string,
    by: string,
    reason: string | null,
  ): Promise<void> {
    await tx.query(
      'update secretary_filing set status = $2, reviewed_on = $3, reviewed_by = $4, return_reason = $5 where id = $1',
      [id, status, date, by, reason],
    );
  },

  async reserve(db: Queryable, prefix: string): Promise<ReserveRow[]> {
    return db.query<ReserveRow>(
      `select c.id, c.worker_id, w.name, c.region_code, r.name as region_name, w.position, c.status, c.nominated_on, c.nominated_by, c.reason,
         c.decided_on, c.decided_by, c.decision_note
       from reserve_candidate c join worker w on w.id = c.worker_id join region r on r.code = c.region_code
       where c.region_code between $1 and $2 order by c.status, c.nominated_on desc, c.id desc`,
      range(prefix),
    );
  },

  async reserveInScope(
    db: Queryable,
    scope: string,
    id: number,
  ): Promise<{ id: number; worker_id: number; region_code: string; status: string } | null> {
    return (
      (
        await db.query<{ id: number; worker_id: number; region_code: string; status: string }>(
          "select id, worker_id, region_code, status from reserve_candidate where id = $1 and region_code like $2 || '%'",
          [id, scope],
        )
      )[0] ?? null
    );
  },

  async openNomination(db: Queryable, workerId: number): Promise<boolean> {
    return (
      (await db.query("select 1 from reserve_candidate where worker_id = $1 and status = 'nominated'", [workerId]))
        .length > 0
    );
  },

  async insertReserve(
    tx: Queryable,
    c: { workerId: number; regionCode: string; date: string; by: string; reason: string },
  ): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      'insert into reserve_candidate (worker_id, region_code, nominated_on, nominated_by, reason) values ($1, $2, $3, $4, $5) returning id',
      [c.workerId, c.regionCode, c.date, c.by, c.reason],
    );
    return Number(rows[0].id);
  },

  async decideReserve(
    tx: Queryable,
    id: number,
    status: 'selected' | 'removed',
    date: string,
    by: string,
    note: string | null,
  ): Promise<void> {
    await tx.query(
      'update reserve_candidate set status = $2, decided_on = $3, decided_by = $4, decision_note = $5 where id = $1',
      [id, status, date, by, note],
    );
  },
};
