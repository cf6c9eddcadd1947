/** SQL of exit requests with their documents (F-EXIT) and of the terms (届) register. Subtrees are code ranges. */
import type { Queryable } from '../database.js';

const range = (prefix: string): [string, string] => [prefix.padEnd(12, '0'), prefix.padEnd(12, '9')];

export interface ExitRequestRow {
  id: number;
  worker_id: number;
  worker_name: string;
  worker_category: string;
  worker_position: string;
  worker_status: string;
  region_code: string;
  region_name: string;
  street_name: string | null;
  exit_type: string;
  exit_date: string;
  reason: string;
  statutory_retirement_date: string | null;
  early_retirement_reason: string | null;
  state: 'pending' | 'approved' | 'returned';
  proposed_on: string;
  proposed_by: string;
  decided_on: string | null;
  decided_by: string | null;
  decision_note: string | null;
  document_count: number;
}

export interface ExitDocumentRow {
  id: number;
  request_id: number;
  region_code: string;
  kind: string;
  title: string;
  doc_number: string | null;
  doc_date: string;
  file_name: string | null;
  mime: string | null;
  size_bytes: number | null;
  sha256: string | null;
  uploaded_by: string | null;
  uploaded_at: string | null;
}

const REQUEST_SELECT = `select e.id, e.worker_id, w.name as worker_name, w.category as worker_category, w.position as worker_position, w.status as worker_status,
    e.region_code, r.name as region_name, s.name as street_name, e.exit_type, e.exit_date, e.reason, e.statutory_retirement_date, e.early_retirement_reason,
    e.state, e.proposed_on, e.proposed_by, e.decided_on, e.decided_by, e.decision_note,
    (select count(*)::int from exit_document d where d.request_id = e.id) as document_count
  from exit_request e
  join worker w on w.id = e.worker_id
  join region r on r.code = e.region_code
  left join region s on s.code = r.parent_code and s.level = 'street'`;

const DOC_COLS =
  'id, request_id, region_code, kind, title, doc_number, doc_date, file_name, mime, size_bytes, sha256, uploaded_by, uploaded_at::text as uploaded_at';

export const exitRepository = {
  /** Requests of a subtree, pending first, then the newest; optionally one state or one worker. */
  async list(db: Queryable, prefix: string, f: { state?: string; workerId?: number }): Promise<ExitRequestRow[]> {
    return db.query<ExitRequestRow>(
      `${REQUEST_SELECT}
       where e.region_code between $1 and $2 and ($3::text is null or e.state = $3) and ($4::bigint is null or e.worker_id = $4)
       order by (e.state = 'pending') desc, e.proposed_on desc, e.id desc
       limit 2000`,
      [...range(prefix), f.state ?? null, f.workerId ?? null],
    );
  },

  /** Counts by state over the subtree (independent of the state filter). */
  async counts(db: Queryable, prefix: string): Promise<{ state: string; n: number }[]> {
    return db.query<{ state: string; n: number }>(
      'select state, count(*)::int as n from exit_request where region_code between $1 and $2 group by state',
      range(prefix),
    );
  },

  async inScope(db: Queryable, scope: string, id: number): Promise<ExitRequestRow | null> {
    return (
      (
        await db.query<ExitRequestRow>(`${REQUEST_SELECT} where e.id = $1 and e.region_code like $2 || '%'`, [
          id,
          scope,
        ])
      )[0] ?? null
    );
  },

  /** Locks the request row for a decision (two approvers at once: the second sees it decided). */
  async lockState(tx: Queryable, id: number): Promise<string | null> {
    return (
      (await tx.query<{ state: string }>('select state from exit_request where id = $1 for update', [id]))[0]?.state ??
      null
    );
  },

  async openForWorker(db: Queryable, workerId: number): Promise<number | null> {
    return (
      (
        await db.query<{ id: number }>("select id from exit_request where worker_id = $1 and state = 'pending'", [
          workerId,
        ])
      )[0]?.id ?? null
    );
  },

  async insert(
    tx: Queryable,
    r: {
      workerId: number;
      regionCode: string;
      type: string;
      date: string;
      reason: string;
      statutory: string | null;
      earlyReason: string | null;
      on: string;
      by: string;
    },
  ): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      `insert into exit_request (worker_id, region_code, exit_type, exit_date, reason, statutory_retirement_date, early_retirement_reason, proposed_on, proposed_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [r.workerId, r.regionCode, r.type, r.date, r.reason, r.statutory, r.earlyReason, r.on, r.by],
    );
    return Number(rows[0].id);
  },

  async decide(
    tx: Queryable,
    id: number,
    state: 'approved' | 'returned',
    on: string,
    by: string,
    note: string | null,
  ): Promise<void> {
    await tx.query(
      'update exit_request set state = $2, decided_on = $3, decided_by = $4, decision_note = $5 where id = $1',
      [id, state, on, by, note],
    );
  },

  async insertDocument(
    tx: Queryable,
    d: { requestId: number; regionCode: string; kind: string; title: string; number: string | null; date: string },
  ): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      'insert into exit_document (request_id, region_code, kind, title, doc_number, doc_date) values ($1, $2, $3, $4, $5, $6) returning id',
      [d.requestId, d.regionCode, d.kind, d.title, d.number, d.date],
    );
    return Number(rows[0].id);
  },

  async documents(db: Queryable, requestIds: number[]): Promise<ExitDocumentRow[]> {
    if (!requestIds.length) return [];
    return db.query<ExitDocumentRow>(
      `select ${DOC_COLS} from exit_document where request_id = any($1::bigint[]) order by request_id, id`,
      [requestIds],
    );
  },

  async document(db: Queryable, requestId: number, id: number): Promise<ExitDocumentRow | null> {
    return (
      (
        await db.query<ExitDocumentRow>(`select ${DOC_COLS} from exit_document where request_id = $1 and id = $2`, [
          requestId,
          id,
        ])
      )[0] ?? null
    );
  },

  async attachFile(
    tx: Queryable,
    id: number,
    f: { fileName: string; mime: string; size: number; sha256: string; content: Uint8Array; by: string },
  ): Promise<void> {
    await tx.query(
      'update exit_document set file_name = $2, mime = $3, size_bytes = $4, sha256 = $5, content = $6, uploaded_by = $7, uploaded_at = now() where id = $1',
      [id, f.fileName, f.mime, f.size, f.sha256, f.content, f.by],
    );
  },

  async fileContent(db: Queryable, id: number): Promise<Uint8Array | null> {
    return (
      (await db.query<{ content: Uint8Array | null }>('select content from exit_document where id = $1', [id]))[0]
        ?.content ?? null
    );
  },
};

// ---------------------------------------------------------------- terms (届)

export interface TermRow {
  id: number;
  region_code: string;
  region_name: string;
  street_name: string | null;
  term_number: number;
  elected_on: string;
  ends_on: string;
  closed_on: string | null;
  close_reason: string | null;
  close_note: string | null;
  created_by: string;
}

export interface TermMemberRow {
  id: number;
  term_id: number;
  worker_id: number;
  name: string;
  position: string;
  worker_status: string;
}

const TERM_SELECT = `select t.id, t.region_code, r.name as region_name, s.name as street_name, t.term_number, t.elected_on, t.ends_on, t.closed_on, t.close_reason, t.close_note, t.created_by
  from community_term t join region r on r.code = t.region_code left join region s on s.code = r.parent_code and s.level = 'street'`;

export const termRepository = {
  /** Terms of a subtree (or those a worker was a member of), newest election first. */
  async list(db: Queryable, prefix: string, workerId: number | null): Promise<TermRow[]> {
    return db.query<TermRow>(
      `${TERM_SELECT}
       where t.region_code between $1 and $2
         and ($3::bigint is null or exists (select 1 from community_term_member m where m.term_id = t.id and m.worker_id = $3 and m.removed_at is null))
       order by t.region_code, t.term_number desc
       limit 2000`,
      [...range(prefix), workerId],
    );
  },

  async inScope(db: Queryable, scope: string, id: number): Promise<TermRow | null> {
    return (
      (await db.query<TermRow>(`${TERM_SELECT} where t.id = $1 and t.region_code like $2 || '%'`, [id, scope]))[0] ??
      null
    );
  },

  async lock(tx: Queryable, id: number): Promise<void> {
    await tx.query('select id from community_term where id = $1 for update', [id]);
  },

  async byNumber(db: Queryable, regionCode: string, n: number): Promise<number | null> {
    return (
      (
        await db.query<{ id: number }>('select id from community_term where region_code = $1 and term_number = $2', [
          regionCode,
          n,
        ])
      )[0]?.id ?? null
    );
  },

  async openTerm(db: Queryable, regionCode: string): Promise<number | null> {
    return (
      (
        await db.query<{ id: number }>('select id from community_term where region_code = $1 and closed_on is null', [
          regionCode,
        ])
      )[0]?.id ?? null
    );
  },

  async insert(
    tx: Queryable,
    t: { regionCode: string; number: number; electedOn: string; endsOn: string; by: string },
  ): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      'insert into community_term (region_code, term_number, elected_on, ends_on, created_by) values ($1, $2, $3, $4, $5) returning id',
      [t.regionCode, t.number, t.electedOn, t.endsOn, t.by],
    );
    return Number(rows[0].id);
  },

  async close(tx: Queryable, id: number, on: string, reason: string, note: string | null): Promise<void> {
    await tx.query('update community_term set closed_on = $2, close_reason = $3, close_note = $4 where id = $1', [
      id,
      on,
      reason,
      note,
    ]);
  },

  async members(db: Queryable, termIds: number[]): Promise<TermMemberRow[]> {
    if (!termIds.length) return [];
    return db.query<TermMemberRow>(
      `select m.id, m.term_id, m.worker_id, w.name, m.position, w.status as worker_status
       from community_term_member m join worker w on w.id = m.worker_id
       where m.term_id = any($1::bigint[]) and m.removed_at is null order by m.term_id, m.id`,
      [termIds],
    );
  },

  async activeMember(db: Queryable, termId: number, workerId: number): Promise<number | null> {
    return (
      (
        await db.query<{ id: number }>(
          'select id from community_term_member where term_id = $1 and worker_id = $2 and removed_at is null',
          [termId, workerId],
        )
      )[0]?.id ?? null
    );
  },

  async addMember(
    tx: Queryable,
    m: { termId: number; workerId: number; position: string; by: string },
  ): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      'insert into community_term_member (term_id, worker_id, position, added_by) values ($1, $2, $3, $4) returning id',
      [m.termId, m.workerId, m.position, m.by],
    );
    return Number(rows[0].id);
  },

  async workedIn(db: Queryable, workerId: number, regionCode: string): Promise<boolean> {
    return (
      (
        await db.query('select 1 from worker_period where worker_id = $1 and region_code = $2 limit 1', [
          workerId,
          regionCode,
        ])
      ).length > 0
    );
  },

  async removeMember(tx: Queryable, id: number, by: string): Promise<void> {
    await tx.query('update community_term_member set removed_at = now(), removed_by = $2 where id = $1', [id, by]);
  },

  /** Registered terms the workers served in, with their position (for the incentive evidence). */
  async termsOfWorkers(
    db: Queryable,
    workerIds: number[],
  ): Promise<(TermRow & { worker_id: number; position: string })[]> {
    if (!workerIds.length) return [];
    return db.query(
      `select m.worker_id, m.position, t.id, t.region_code, r.name as region_name, null as street_name, t.term_number, t.elected_on, t.ends_on, t.closed_on, t.close_reason, t.close_note, t.created_by
       from community_term_member m join community_term t on t.id = m.term_id join region r on r.code = t.region_code
       where m.worker_id = any($1::bigint[]) and m.removed_at is null order by m.worker_id, t.elected_on`,
      [workerIds],
    );
  },
};
