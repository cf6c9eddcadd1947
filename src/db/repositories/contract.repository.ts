/** SQL of labour contracts and subsidies (F-CONTRACT). Subtrees are code ranges inside the caller's scope. */
import type { Queryable } from '../database.js';

const range = (prefix: string): [string, string] => [prefix.padEnd(12, '0'), prefix.padEnd(12, '9')];

export interface ContractRow {
  id: number;
  worker_id: number;
  kind: 'first' | 'renewal';
  start_date: string;
  end_date: string | null;
  social_insurance: boolean;
  housing_fund: boolean;
  signed_by: string;
}

export interface SubsidyRow {
  id: number;
  worker_id: number;
  name: string;
  region_code: string;
  region_name: string;
  kind: 'majorTask' | 'disaster' | 'emergency';
  reason: string;
  amount_fen: number;
  status: 'pending' | 'approved' | 'rejected';
  requested_on: string;
  requested_by: string;
  decided_on: string | null;
  decided_by: string | null;
  decision_note: string | null;
}

const CONTRACT_COLS = 'id, worker_id, kind, start_date, end_date, social_insurance, housing_fund, signed_by';
const SUBSIDY_COLS = `s.id, s.worker_id, w.name, s.region_code, r.name as region_name, s.kind, s.reason, s.amount_fen::int as amount_fen, s.status, s.requested_on,
  s.requested_by, s.decided_on, s.decided_by, s.decision_note`;

export const contractRepository = {
  async ofWorker(db: Queryable, workerId: number): Promise<ContractRow[]> {
    return db.query<ContractRow>(
      `select ${CONTRACT_COLS} from labour_contract where worker_id = $1 order by start_date, id`,
      [workerId],
    );
  },

  async ofWorkers(db: Queryable, ids: readonly number[]): Promise<ContractRow[]> {
    return db.query<ContractRow>(
      `select ${CONTRACT_COLS} from labour_contract where worker_id = any($1::bigint[]) order by worker_id, start_date, id`,
      [ids],
    );
  },

  /** Serving workers of a subtree (the renewal list is computed over them). */
  async servingWorkers(db: Queryable, prefix: string) {
    return db.query<{
      id: number;
      name: string;
      region_code: string;
      region_name: string;
      category: string;
      hired_on: string;
    }>(
      `select w.id, w.name, w.region_code, r.name as region_name, w.category, w.hired_on from worker w join region r on r.code = w.region_code
       where w.region_code between $1 and $2 and w.status <> 'exited' order by w.region_code, w.id`,
      range(prefix),
    );
  },

  async insertContract(
    tx: Queryable,
    c: {
      workerId: number;
      regionCode: string;
      kind: string;
      startDate: string;
      endDate: string | null;
      socialInsurance: boolean;
      housingFund: boolean;
      by: string;
    },
  ): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      `insert into labour_contract (worker_id, region_code, kind, start_date, end_date, social_insurance, housing_fund, signed_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [c.workerId, c.regionCode, c.kind, c.startDate, c.endDate, c.socialInsurance, c.housingFund, c.by],
    );
    return Number(rows[0].id);
  },

  async subsidies(db: Queryable, prefix: string): Promise<SubsidyRow[]> {
    return db.query<SubsidyRow>(
      `select ${SUBSIDY_COLS} from worker_subsidy s join worker w on w.id = s.worker_id join region r on r.code = s.region_code
       where s.region_code between $1 and $2 order by s.requested_on desc, s.id desc limit 2000`,
      range(prefix),
    );
  },

  async subsidyInScope(db: Queryable, scope: string, id: number): Promise<SubsidyRow | null> {
    return (
      (
        await db.query<SubsidyRow>(
          `select ${SUBSIDY_COLS} from worker_subsidy s join worker w on w.id = s.worker_id join region r on r.code = s.region_code where s.id = $1 and s.region_code like $2 || '%'`,
          [id, scope],
        )
      )[0] ?? null
    );
  },

  async insertSubsidy(
    tx: Queryable,
    s: {
      workerId: number;
      regionCode: string;
      kind: string;
      reason: string;
      amountFen: number;
      date: string;
      by: string;
    },
  ): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      `insert into worker_subsidy (worker_id, region_code, kind, reason, amount_fen, requested_on, requested_by) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [s.workerId, s.regionCode, s.kind, s.reason, s.amountFen, s.date, s.by],
    );
    return Number(rows[0].id);
  },

  async decideSubsidy(
    tx: Queryable,
    id: number,
    status: string,
    date: string,
    by: string,
    note: string | null,
  ): Promise<void> {
    await tx.query(
      'update worker_subsidy set status = $2, decided_on = $3, decided_by = $4, decision_note = $5 where id = $1',
      [id, status, date, by, note],
    );
  },
};
