/**
 * SQL of the annual assessment (F-ASSESS, F-REWARD) and the residents' voice (F-SUPERVISE): plans,
 * entries, consequences, 容错纠错 decisions, public profiles, rating settings and ratings. Data scope
 * is a region-code prefix inside every query; no business rules here.
 */
import type { Queryable } from '../database.js';

/** Region scopes and prefixes are digits only (no LIKE wildcards to escape). */
const likePrefix = (prefix: string): string => `${prefix}%`;

export interface PlanRow {
  id: number;
  region_code: string;
  region_name: string;
  year: number;
  title: string;
  rules: unknown;
  rating_from: string;
  rating_to: string;
  status: 'open' | 'approved';
  created_by: string;
  created_at: Date;
  approved_by: string | null;
  approved_at: Date | null;
}

export interface EntryRow {
  id: number;
  worker_id: number;
  name: string;
  position: string;
  region_code: string;
  community_name: string;
  rated: boolean;
  unrated_reason: string | null;
  political_quality: string | null;
  work_performance: string | null;
  resident_satisfaction: string | null;
  total: string | null;
  result: 'excellent' | 'competent' | 'basic' | 'fail' | null;
  explanation: { eligibility?: string; steps?: { rule: string; text: string }[] } | null;
  scored_by: string | null;
  scored_at: Date | null;
}

export interface ConsequenceRow {
  id: number;
  plan_id: number;
  worker_id: number;
  name: string;
  region_code: string;
  year: number;
  kind: string;
  reason: string;
  status: 'proposed' | 'confirmed' | 'rejected' | 'waived';
  decided_by: string | null;
  decided_at: Date | null;
  note: string | null;
}

export interface FaultToleranceRow {
  id: number;
  worker_id: number;
  name: string;
  region_code: string;
  year: number;
  reason: string;
  decided_by: string;
  decided_at: Date;
}

const PLAN_COLS = `p.id, p.region_code, r.name as region_name, p.year, p.title, p.rules, p.rating_from, p.rating_to, p.status,
  p.created_by, p.created_at, p.approved_by, p.approved_at`;

// A plan is visible inside the actor's subtree, or to anyone inside its county (a street sees its county's plan).
const PLAN_VISIBLE = `(p.region_code like $1 or $2 like substr(p.region_code, 1, 6) || '%')`;

export const assessmentRepository = {
  async plans(
    db: Queryable,
    scope: string,
    actorRegion: string,
  ): Promise<(PlanRow & { entries: number; scored: number })[]> {
    return db.query(
      `select ${PLAN_COLS},
         (select count(*)::int from assessment_entry e where e.plan_id = p.id and e.region_code like $1) as entries,
         (select count(*)::int from assessment_entry e where e.plan_id = p.id and e.region_code like $1 and (e.result is not null or not e.rated)) as scored
       from assessment_plan p join region r on r.code = p.region_code
       where ${PLAN_VISIBLE} order by p.year desc, p.region_code`,
      [likePrefix(scope), actorRegion],
    );
  },

  async planInScope(
    db: Queryable,
    scope: string,
    actorRegion: string,
    id: number,
    forUpdate = false,
  ): Promise<PlanRow | null> {
    const rows = await db.query<PlanRow>(
      `select ${PLAN_COLS} from assessment_plan p join region r on r.code = p.region_code where p.id = $3 and ${PLAN_VISIBLE}${forUpdate ? ' for update of p' : ''}`,
      [likePrefix(scope), actorRegion, id],
    );
    return rows[0] ?? null;
  },

  async planExists(db: Queryable, regionCode: string, year: number): Promise<boolean> {
    return (
      (await db.query('select 1 from assessment_plan where region_code = $1 and year = $2', [regionCode, year]))
        .length > 0
    );
  },

  async insertPlan(
    tx: Queryable,
    p: {
      regionCode: string;
      year: number;
      title: string;
      rules: unknown;
      ratingFrom: string;
      ratingTo: string;
      createdBy: string;
    },
  ): Promise<number> {
    const [row] = await tx.query<{ id: number }>(
      `insert into assessment_plan (region_code, year, title, rules, rating_from, rating_to, created_by) values ($1, $2, $3, $4::jsonb, $5, $6, $7) returning id`,
      [p.regionCode, p.year, p.title, JSON.stringify(p.rules), p.ratingFrom, p.ratingTo, p.createdBy],
    );
    return row.id;
  },

  /** Workers of a county who are not exited, with their employment periods (for who is rated). */
  async countyWorkers(db: Queryable, countyPrefix: string) {
    const workers = await db.query<{ id: number; region_code: string; status: string }>(
      `select id, region_code, status from worker where region_code like $1 and status <> 'exited' order by region_code, id`,
      [likePrefix(countyPrefix)],
    );
    const periods = await db.query<{ worker_id: number; start_date: string; end_date: string | null }>(
      `select worker_id, start_date, end_date from worker_period where worker_id in (select id from worker where region_code like $1 and status <> 'exited')`,
      [likePrefix(countyPrefix)],
    );
    return { workers, periods };
  },

  async insertEntries(
    tx: Queryable,
    planId: number,
    rows: { workerId: number; regionCode: string; rated: boolean; reason: string | null; explanation: unknown }[],
  ) {
    if (!rows.length) return;
    await tx.query(
      `insert into assessment_entry (plan_id, worker_id, region_code, rated, unrated_reason, explanation)
       select $1, w, r, ra, re, ex::jsonb from unnest($2::bigint[], $3::varchar[], $4::boolean[], $5::text[], $6::text[]) as t(w, r, ra, re, ex)`,
      [
        planId,
        rows.map((r) => r.workerId),
        rows.map((r) => r.regionCode),
        rows.map((r) => r.rated),
        rows.map((r) => r.reason),
        rows.map((r) => JSON.stringify(r.explanation)),
      ],
    );
  },

  async entries(db: Queryable, planId: number, prefix: string): Promise<EntryRow[]> {
    return db.query<EntryRow>(
      `select e.id, e.worker_id, w.name, w.position, e.region_code, c.name as community_name, e.rated, e.unrated_reason,
         e.political_quality::text, e.work_performance::text, e.resident_satisfaction::text, e.total::text, e.result, e.explanation, e.scored_by, e.scored_at
       from assessment_entry e join worker w on w.id = e.worker_id join region c on c.code = e.region_code
       where e.plan_id = $1 and e.region_code like $2 order by e.region_code, w.id`,
      [planId, likePrefix(prefix)],
    );
  },

  async entriesFor(
    tx: Queryable,
    planId: number,
    prefix: string,
    workerIds: number[],
  ): Promise<{ worker_id: number; rated: boolean; region_code: string }[]> {
    return tx.query(
      `select worker_id, rated, region_code from assessment_entry where plan_id = $1 and region_code like $2 and worker_id = any($3::bigint[]) for update`,
      [planId, likePrefix(prefix), workerIds],
    );
  },

  async updateScores(
    tx: Queryable,
    planId: number,
    rows: {
      workerId: number;
      pq: number;
      wp: number;
      rs: number;
      total: number;
      result: string;
      explanation: unknown;
    }[],
    by: string,
  ) {
    await tx.query(
      `update assessment_entry e set political_quality = t.pq, work_performance = t.wp, resident_satisfaction = t.rs, total = t.total, result = t.result,
         explanation = coalesce(e.explanation, '{}'::jsonb) || t.ex::jsonb, scored_by = $2, scored_at = now()
       from unnest($3::bigint[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::text[], $9::text[]) as t(w, pq, wp, rs, total, result, ex)
       where e.plan_id = $1 and e.worker_id = t.w`,
      [
        planId,
        by,
        rows.map((r) => r.workerId),
        rows.map((r) => r.pq),
        rows.map((r) => r.wp),
        rows.map((r) => r.rs),
        rows.map((r) => r.total),
        rows.map((r) => r.result),
        rows.map((r) => JSON.stringify(r.explanation)),
      ],
    );
  },

  /** Rated and 优秀 counts per assessing unit (the first `digits` of the code: 9 street, 12 community). */
  async unitCounts(db: Queryable, planId: number, digits: number, prefix: string) {
    return db.query<{ unit: string; name: string; rated: number; excellent: number; unscored: number }>(
      `select u.unit, coalesce(r.name, u.unit) as name, u.rated, u.excellent, u.unscored from (
         select rpad(substr(region_code, 1, $2), 12, '0') as unit,
           count(*) filter (where rated)::int as rated,
           count(*) filter (where result = 'excellent')::int as excellent,
           count(*) filter (where rated and result is null)::int as unscored
         from assessment_entry where plan_id = $1 and region_code like $3 group by 1) u
       left join region r on r.code = u.unit order by u.unit`,
      [planId, digits, likePrefix(prefix)],
    );
  },

  async approve(tx: Queryable, id: number, by: string) {
    await tx.query(
      `update assessment_plan set status = 'approved', approved_by = $2, approved_at = now() where id = $1`,
      [id, by],
    );
  },

  /** Approved results of earlier years for these workers (for consecutive 优秀). */
  async earlierResults(db: Queryable, ids: number[], beforeYear: number) {
    return db.query<{ worker_id: number; year: number; result: string }>(
      `select e.worker_id, p.year, e.result from assessment_entry e join assessment_plan p on p.id = e.plan_id
       where p.status = 'approved' and e.result is not null and e.worker_id = any($1::bigint[]) and p.year < $2`,
      [ids, beforeYear],
    );
  },

  async insertConsequences(
    tx: Queryable,
    planId: number,
    year: number,
    rows: { workerId: number; regionCode: string; kind: string; reason: string }[],
  ) {
    if (!rows.length) return;
    await tx.query(
      `insert into assessment_consequence (plan_id, worker_id, region_code, year, kind, reason)
       select $1, w, r, $2, k, re from unnest($3::bigint[], $4::varchar[], $5::text[], $6::text[]) as t(w, r, k, re)`,
      [
        planId,
        year,
        rows.map((r) => r.workerId),
        rows.map((r) => r.regionCode),
        rows.map((r) => r.kind),
        rows.map((r) => r.reason),
      ],
    );
  },

  async consequences(db: Queryable, planId: number, prefix: string): Promise<ConsequenceRow[]> {
    return db.query<ConsequenceRow>(
      `select c.id, c.plan_id, c.worker_id, w.name, c.region_code, c.year, c.kind, c.reason, c.status, c.decided_by, c.decided_at, c.note
       from assessment_consequence c join worker w on w.id = c.worker_id where c.plan_id = $1 and c.region_code like $2 order by c.region_code, c.worker_id, c.id`,
      [planId, likePrefix(prefix)],
    );
  },

  async consequenceInScope(tx: Queryable, scope: string, id: number): Promise<ConsequenceRow | null> {
    const rows = await tx.query<ConsequenceRow>(
      `select c.id, c.plan_id, c.worker_id, w.name, c.region_code, c.year, c.kind, c.reason, c.status, c.decided_by, c.decided_at, c.note
       from assessment_consequence c join worker w on w.id = c.worker_id where c.id = $1 and c.region_code like $2 for update of c`,
      [id, likePrefix(scope)],
    );
    return rows[0] ?? null;
  },

  async decideConsequence(tx: Queryable, id: number, status: string, by: string, note: string | null) {
    await tx.query(
      `update assessment_consequence set status = $2, decided_by = $3, decided_at = now(), note = $4 where id = $1`,
      [id, status, by, note],
    );
  },

  /** Decides every proposed consequence of one kind inside the prefix; returns the ids. */
  async decideAll(
    tx: Queryable,
    planId: number,
    kind: string,
    prefix: string,
    status: string,
    by: string,
    note: string | null,
  ): Promise<number[]> {
    const rows = await tx.query<{ id: number }>(
      `update assessment_consequence set status = $4, decided_by = $5, decided_at = now(), note = $6
       where plan_id = $1 and kind = $2 and region_code like $3 and status = 'proposed' returning id`,
      [planId, kind, likePrefix(prefix), status, by, note],
    );
    return rows.map((r) => r.id).sort((a, b) => a - b);
  },

  /** 容错纠错 cancels the negative consequences, proposed or confirmed. Returns the ids waived. */
  async waiveNegative(
    tx: Queryable,
    planId: number,
    workerId: number,
    kinds: readonly string[],
    by: string,
    note: string,
  ): Promise<number[]> {
    const rows = await tx.query<{ id: number }>(
      `update assessment_consequence set status = 'waived', decided_by = $4, decided_at = now(), note = $5
       where plan_id = $1 and worker_id = $2 and kind = any($3::text[]) and status in ('proposed', 'confirmed') returning id`,
      [planId, workerId, kinds, by, note],
    );
    return rows.map((r) => r.id);
  },

  async entryOf(tx: Queryable, planId: number, workerId: number, prefix: string) {
    const rows = await tx.query<{ worker_id: number; region_code: string; result: string | null; name: string }>(
      `select e.worker_id, e.region_code, e.result, w.name from assessment_entry e join worker w on w.id = e.worker_id
       where e.plan_id = $1 and e.worker_id = $2 and e.region_code like $3`,
      [planId, workerId, likePrefix(prefix)],
    );
    return rows[0] ?? null;
  },

  async insertFaultTolerance(
    tx: Queryable,
    r: { planId: number; workerId: number; regionCode: string; year: number; reason: string; by: string },
  ): Promise<number | null> {
    const rows = await tx.query<{ id: number }>(
      `insert into assessment_fault_tolerance (plan_id, worker_id, region_code, year, reason, decided_by) values ($1, $2, $3, $4, $5, $6)
       on conflict (plan_id, worker_id) do nothing returning id`,
      [r.planId, r.workerId, r.regionCode, r.year, r.reason, r.by],
    );
    return rows[0]?.id ?? null;
  },

  async faultTolerances(db: Queryable, planId: number, prefix: string): Promise<FaultToleranceRow[]> {
    return db.query<FaultToleranceRow>(
      `select f.id, f.worker_id, w.name, f.region_code, f.year, f.reason, f.decided_by, f.decided_at
       from assessment_fault_tolerance f join worker w on w.id = f.worker_id where f.plan_id = $1 and f.region_code like $2 order by f.id`,
      [planId, likePrefix(prefix)],
    );
  },

  /** Residents' ratings in a plan per worker (null: the community), inside the prefix. */
  async ratingCounts(db: Queryable, planId: number, prefix: string) {
    return db.query<{
      region_code: string;
      worker_id: number | null;
      score: 'satisfied' | 'basic' | 'unsatisfied';
      n: number;
    }>(
      // Only counted ballots (and those the county accepted) feed a rate: 021_rating_guard.sql.
      `select r.region_code, r.worker_id, r.score, count(*)::int as n from resident_rating r join resident_ballot b on b.id = r.ballot_id
       where r.plan_id = $1 and r.region_code like $2 and b.status in ('counted', 'accepted') group by 1, 2, 3`,
      [planId, likePrefix(prefix)],
    );
  },

  // ---------------------------------------------------------------- residents' voice

  async upsertProfile(tx: Queryable, workerId: number, duties: string, commitments: string, by: string) {
    await tx.query(
      `insert into worker_public_profile (worker_id, duties, commitments, updated_by) values ($1, $2, $3, $4)
       on conflict (worker_id) do update set duties = excluded.duties, commitments = excluded.commitments, updated_by = excluded.updated_by, updated_at = now()`,
      [workerId, duties, commitments, by],
    );
  },

  async profileOf(db: Queryable, workerId: number) {
    return (
      (
        await db.query<{ duties: string; commitments: string }>(
          'select duties, commitments from worker_public_profile where worker_id = $1',
          [workerId],
        )
      )[0] ?? null
    );
  },

  async ratingSetting(db: Queryable, code: string) {
    return (
      (
        await db.query<{
          verification_required: boolean;
          verification_code: string | null;
          updated_by: string;
          updated_at: Date;
        }>(
          'select verification_required, verification_code, updated_by, updated_at from community_rating_setting where region_code = $1',
          [code],
        )
      )[0] ?? null
    );
  },

  async upsertRatingSetting(
    tx: Queryable,
    code: string,
    required: boolean,
    verificationCode: string | null,
    by: string,
  ) {
    await tx.query(
      `insert into community_rating_setting (region_code, verification_required, verification_code, updated_by) values ($1, $2, $3, $4)
       on conflict (region_code) do update set verification_required = excluded.verification_required, verification_code = excluded.verification_code,
         updated_by = excluded.updated_by, updated_at = now()`,
      [code, required, verificationCode, by],
    );
  },

  /** A community with its street and county names, and its county's plan whose rating window holds `today` (or the latest). */
  async publicCommunity(db: Queryable, code: string, today: string) {
    const rows = await db.query<{
      code: string;
      name: string;
      street: string | null;
      county: string | null;
      plan_id: number | null;
      year: number | null;
      rules: unknown;
      rating_from: string | null;
      rating_to: string | null;
      verification_required: boolean | null;
      verification_code: string | null;
      window_verification: boolean | null;
      window_reason: string | null;
      window_updated_by: string | null;
    }>(
      `select c.code, c.name, s.name as street, k.name as county, p.id as plan_id, p.year, p.rules, p.rating_from, p.rating_to,
         st.verification_required, st.verification_code, ws.verification_required as window_verification, ws.reason as window_reason,
         ws.updated_by as window_updated_by
       from region c
       left join region s on s.code = c.parent_code
       left join region k on k.code = substr(c.code, 1, 6) || '000000'
       left join lateral (select id, year, rules, rating_from, rating_to from assessment_plan
         where region_code = substr(c.code, 1, 6) || '000000' and status = 'open' and rating_from <= $2::date and rating_to >= $2::date
         order by year desc limit 1) p on true
       left join community_rating_setting st on st.region_code = c.code
       left join rating_window_setting ws on ws.plan_id = p.id and ws.region_code = c.code
       where c.code = $1 and c.level = 'community'`,
      [code, today],
    );
    return rows[0] ?? null;
  },

  async publicWorkers(db: Queryable, code: string) {
    return db.query<{ id: number; name: string; position: string; duties: string | null; commitments: string | null }>(
      `select w.id, w.name, w.position, pp.duties, pp.commitments from worker w left join worker_public_profile pp on pp.worker_id = w.id
       where w.region_code = $1 and w.status <> 'exited' order by w.category, w.id`,
      [code],
    );
  },

  /** A device's ballot in a window (null: the device already has one). The address only as digests. */
  async insertBallot(
    tx: Queryable,
    planId: number,
    code: string,
    deviceHash: string,
    from: { addressHash: string | null; subnetHash: string | null; at: Date } | null = null,
  ): Promise<number | null> {
    const rows = await tx.query<{ id: number }>(
      `insert into resident_ballot (plan_id, region_code, device_hash, address_hash, subnet_hash, created_at)
       values ($1, $2, $3, $4, $5, coalesce($6::timestamptz, now()))
       on conflict (plan_id, region_code, device_hash) do nothing returning id`,
      [planId, code, deviceHash, from?.addressHash ?? null, from?.subnetHash ?? null, from?.at.toISOString() ?? null],
    );
    return rows[0]?.id ?? null;
  },

  /** Serialises the ballots of one plan (their classification reads the ones before). */
  async lockBallots(tx: Queryable, planId: number) {
    await tx.query('select pg_advisory_xact_lock(74270021, $1::int)', [planId]);
  },

  /** What the rating guard counts for a new ballot: earlier ballots of its address in the window, and its address's and subnet's since `since` (itself included). */
  async ballotCounts(
    tx: Queryable,
    ballotId: number,
    planId: number,
    code: string,
    addressHash: string,
    subnetHash: string,
    since: Date,
  ) {
    const [row] = await tx.query<{ address_earlier: number; address_recent: number; subnet_recent: number }>(
      `select count(*) filter (where address_hash = $4 and id <> $1)::int as address_earlier,
         count(*) filter (where address_hash = $4 and created_at >= $6::timestamptz)::int as address_recent,
         count(*) filter (where subnet_hash = $5 and created_at >= $6::timestamptz)::int as subnet_recent
       from resident_ballot where plan_id = $2 and region_code = $3 and (address_hash = $4 or subnet_hash = $5)`,
      [ballotId, planId, code, addressHash, subnetHash, since.toISOString()],
    );
    return row;
  },

  /** Holds a burst: the ballots of the group since `since` that were counted or capped (the new one included). */
  async holdBurst(
    tx: Queryable,
    planId: number,
    code: string,
    by: 'address' | 'subnet',
    group: string,
    since: Date,
    reason: 'address_burst' | 'subnet_burst',
  ): Promise<number> {
    const column = by === 'address' ? 'address_hash' : 'subnet_hash';
    const rows = await tx.query<{ id: number }>(
      `update resident_ballot set status = 'held', flag_reason = $5, flag_group = $3
       where plan_id = $1 and region_code = $2 and ${column} = $3 and created_at >= $4::timestamptz and status in ('counted', 'capped')
       returning id`,
      [planId, code, group, since.toISOString(), reason],
    );
    return rows.length;
  },

  async capBallot(tx: Queryable, ballotId: number, group: string) {
    await tx.query(
      `update resident_ballot set status = 'capped', flag_reason = 'address_cap', flag_group = $2 where id = $1`,
      [ballotId, group],
    );
  },

  async ballotStatus(db: Queryable, ballotId: number) {
    const [row] = await db.query<{ status: string; flag_reason: string | null }>(
      'select status, flag_reason from resident_ballot where id = $1',
      [ballotId],
    );
    return row ?? null;
  },

  /** Whether the device has a ballot in the window. */
  async deviceHasBallot(db: Queryable, planId: number, code: string, deviceHash: string): Promise<boolean> {
    const rows = await db.query(
      'select 1 from resident_ballot where plan_id = $1 and region_code = $2 and device_hash = $3',
      [planId, code, deviceHash],
    );
    return rows.length > 0;
  },

  /** Ballots of a window that were capped or held, by status and reason. */
  async flaggedSummary(db: Queryable, planId: number, code: string) {
    return db.query<{
      status: 'capped' | 'held' | 'accepted' | 'discarded';
      flag_reason: 'address_cap' | 'address_burst' | 'subnet_burst';
      n: number;
    }>(
      `select status, flag_reason, count(*)::int as n from resident_ballot
       where plan_id = $1 and region_code = $2 and flag_reason is not null group by 1, 2 order by 1, 2`,
      [planId, code],
    );
  },

  /** The flagged groups of a window (an address or a subnet), each named by its first ballot's id. */
  async flaggedGroups(db: Queryable, planId: number, code: string) {
    return db.query<{
      id: number;
      reasons: string;
      ballots: number;
      pending: number;
      accepted: number;
      discarded: number;
      first_at: Date;
      last_at: Date;
    }>(
      `select min(id)::bigint as id, string_agg(distinct flag_reason, ',') as reasons, count(*)::int as ballots,
         count(*) filter (where status in ('held', 'capped'))::int as pending,
         count(*) filter (where status = 'accepted')::int as accepted,
         count(*) filter (where status = 'discarded')::int as discarded,
         min(created_at) as first_at, max(created_at) as last_at
       from resident_ballot where plan_id = $1 and region_code = $2 and flag_group is not null
       group by flag_group order by min(id) limit 200`,
      [planId, code],
    );
  },

  /** The group a flagged ballot belongs to (null: no such flagged ballot in the window). */
  async flagGroupOf(db: Queryable, planId: number, code: string, ballotId: number): Promise<string | null> {
    const [row] = await db.query<{ flag_group: string }>(
      'select flag_group from resident_ballot where id = $1 and plan_id = $2 and region_code = $3 and flag_group is not null',
      [ballotId, planId, code],
    );
    return row?.flag_group ?? null;
  },

  /** The county's decision on a group's pending ballots; returns how many it decided. */
  async reviewGroup(
    tx: Queryable,
    planId: number,
    code: string,
    group: string,
    status: 'accepted' | 'discarded',
    by: string,
    at: Date,
    note: string | null,
  ): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      `update resident_ballot set status = $4, reviewed_by = $5, reviewed_at = $6::timestamptz, review_note = $7
       where plan_id = $1 and region_code = $2 and flag_group = $3 and status in ('held', 'capped') returning id`,
      [planId, code, group, status, by, at.toISOString(), note],
    );
    return rows.length;
  },

  /** The county's open plan with the latest year (the window to review, also after its last day). */
  async openPlanOfCounty(db: Queryable, code: string) {
    const [row] = await db.query<{ id: number; year: number; rules: unknown }>(
      `select id, year, rules from assessment_plan where region_code = substr($1, 1, 6) || '000000' and status = 'open'
       order by year desc limit 1`,
      [code],
    );
    return row ?? null;
  },

  async windowSetting(db: Queryable, planId: number, code: string) {
    const [row] = await db.query<{ verification_required: boolean; reason: string | null; updated_by: string }>(
      'select verification_required, reason, updated_by from rating_window_setting where plan_id = $1 and region_code = $2',
      [planId, code],
    );
    return row ?? null;
  },

  async upsertWindowSetting(
    tx: Queryable,
    planId: number,
    code: string,
    required: boolean,
    reason: string | null,
    by: string,
  ) {
    await tx.query(
      `insert into rating_window_setting (plan_id, region_code, verification_required, reason, updated_by) values ($1, $2, $3, $4, $5)
       on conflict (plan_id, region_code) do update set verification_required = excluded.verification_required, reason = excluded.reason,
         updated_by = excluded.updated_by, updated_at = now()`,
      [planId, code, required, reason, by],
    );
  },

  async insertRatings(
    tx: Queryable,
    ballotId: number,
    planId: number,
    code: string,
    items: { workerId: number | null; score: string }[],
  ) {
    await tx.query(
      `insert into resident_rating (ballot_id, plan_id, region_code, worker_id, score) select $1, $2, $3, w, s from unnest($4::bigint[], $5::text[]) as t(w, s)`,
      [ballotId, planId, code, items.map((i) => i.workerId), items.map((i) => i.score)],
    );
  },
};

/** Approved results per worker with the confirmed consequences and 容错纠错 decisions (the seam reads this). */
export async function approvedYears(db: Queryable, ids: readonly number[]) {
  return db.query<{
    worker_id: number;
    year: number;
    result: 'excellent' | 'competent' | 'basic' | 'fail';
    delayed: boolean;
    early: boolean;
    tolerated: boolean;
  }>(
    `select e.worker_id, p.year, e.result,
       exists (select 1 from assessment_consequence c where c.plan_id = p.id and c.worker_id = e.worker_id and c.kind = 'delayed_step' and c.status = 'confirmed') as delayed,
       exists (select 1 from assessment_consequence c where c.plan_id = p.id and c.worker_id = e.worker_id and c.kind = 'early_step' and c.status = 'confirmed') as early,
       exists (select 1 from assessment_fault_tolerance f where f.plan_id = p.id and f.worker_id = e.worker_id) as tolerated
     from assessment_entry e join assessment_plan p on p.id = e.plan_id
     where p.status = 'approved' and e.rated and e.result is not null and e.worker_id = any($1::bigint[])
     order by e.worker_id, p.year`,
    [ids as number[]],
  );
}
