/**
 * SQL of training (F-TRAIN F-TRAIN-RULE F-FACULTY F-MENTOR F-ALLPOST). Subtrees are ranges of 12-digit
 * codes (`between p||'000…' and p||'999…'`); a program is also visible below its organiser
 * (`scope_prefix` is a prefix of the caller's region).
 */
import type { Database, Queryable } from '../database.js';

export const lo = (prefix: string) => prefix.padEnd(12, '0');
export const hi = (prefix: string) => prefix.padEnd(12, '9');

export interface ProgramRow {
  id: number;
  region_code: string;
  region_name: string;
  organiser_level: string;
  title: string;
  tier: string;
  type: string;
  subjects: string[];
  hours: number;
  start_date: string;
  end_date: string;
  mode: string;
  location: string | null;
  description: string | null;
  created_by: string;
  created_at: Date;
  /** Enrolments inside the caller's scope. */
  enrolled: number;
  completed: number;
}

export interface NewProgram {
  regionCode: string;
  organiserLevel: string;
  scopePrefix: string;
  title: string;
  tier: string;
  type: string;
  subjects: string[];
  hours: number;
  startDate: string;
  endDate: string;
  mode: string;
  location: string | null;
  description: string | null;
  createdBy: string;
}

export interface EnrolmentRow {
  id: number;
  program_id: number;
  worker_id: number;
  worker_name: string;
  position: string;
  region_code: string;
  region_name: string;
  status: string;
  attended_hours: number | null;
  completed_on: string | null;
  certificate_no: string | null;
}

/** A (county, position) cycle for the SQL form of the calendar rule. */
export interface CalendarRule {
  county: string;
  position: string;
  everyYears: number;
  minTimes: number;
  startYear: number;
  dueSoonDays: number;
}

/**
 * The calendar form of `trainingCompliance` (src/domain/training.ts) as a CTE `s`: one row per serving
 * worker of the subtree with its status and deadline. Parameters $1–$10 (`calendarParams`). n counts
 * completions of the current window up to today, pn those of the previous window (the index
 * training_enrolment_completed is probed once per worker from the previous window's start).
 */
const CALENDAR_STATUS = `with r as (
    select * from unnest($3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[]) as r(county, position, every, mint, start_year, due_days)
  ), w as (
    select w.id, w.region_code, w.hired_on, r.every, r.mint, r.due_days,
      r.start_year + floor(($9::int - r.start_year)::numeric / r.every)::int * r.every as ws
    from worker w left join r on r.county = left(w.region_code, 6) and r.position = w.position
    where w.region_code between $1 and $2 and w.status in ('active', 'probation')
  ), c as (
    select w.id, w.region_code, w.hired_on, w.every, w.mint, w.due_days, w.ws, k.n, k.pn
    from w left join lateral (
      select count(*) filter (where e.completed_on >= make_date(w.ws, 1, 1)) as n,
             count(*) filter (where e.completed_on < make_date(w.ws, 1, 1)) as pn
      from training_enrolment e
      where e.worker_id = w.id and e.status = 'completed' and e.completed_on >= make_date(w.ws - w.every, 1, 1) and e.completed_on <= $10::date
    ) k on w.every is not null
  ), s as (
    select id, region_code, st.status,
      case st.status when 'overdue' then make_date(ws - 1, 12, 31) when 'dueSoon' then make_date(ws + every - 1, 12, 31) when 'pending' then make_date(ws + every - 1, 12, 31) end as deadline
    from c, lateral (select case when every is null then 'notApplicable'
                  when n >= mint then 'compliant'
                  when hired_on <= make_date(ws - 1, 12, 31) and pn < mint then 'overdue'
                  when make_date(ws + every - 1, 12, 31) - $10::date <= due_days then 'dueSoon'
                  else 'pending' end as status) st
  )`;

/**
 * Runs the statement of `CALENDAR_STATUS` in a transaction without JIT (on a province its compilation
 * cost ~0.5–1 s, more than it saves) and with room to sort the workers in memory (EXPLAIN showed
 * external merges to disk at the default 4 MB). Inside a caller's transaction it runs there as is.
 */
async function planned<T>(db: Queryable, fn: (q: Queryable) => Promise<T>): Promise<T> {
  if (typeof (db as Partial<Database>).transaction !== 'function') return fn(db);
  return (db as Database).transaction(async (q) => {
    await q.query(
      `select set_config('jit', 'off', true), set_config('work_mem', '64MB', true), set_config('enable_mergejoin', 'off', true)`,
    );
    return fn(q);
  });
}

const calendarParams = (prefix: string, today: string, rules: CalendarRule[]) => [
  lo(prefix),
  hi(prefix),
  rules.map((r) => r.county),
  rules.map((r) => r.position),
  rules.map((r) => r.everyYears),
  rules.map((r) => r.minTimes),
  rules.map((r) => r.startYear),
  rules.map((r) => r.dueSoonDays),
  Number(today.slice(0, 4)),
  today,
];

export interface ComplianceRow {
  id: number;
  region_code: string;
  position: string;
  hired_on: string;
  /** Completion dates YYYY-MM-DD, comma-separated, newest first (null when none). */
  dates: string | null;
}

/** Who sees a program: the organiser's subtree, and every office below the organiser. */
const VISIBLE = `(p.region_code between $1 and $2 or left($3::text, length(p.scope_prefix)) = p.scope_prefix)`;

const PROGRAM_COLS = `p.id, p.region_code, r.name as region_name, p.organiser_level, p.title, p.tier, p.type, p.subjects, p.hours::float8 as hours,
  p.start_date, p.end_date, p.mode, p.location, p.description, p.created_by, p.created_at`;

const ENROLMENT_COLS = `e.id, e.program_id, e.worker_id, w.name as worker_name, w.position, e.region_code, r.name as region_name, e.status,
  e.attended_hours::float8 as attended_hours, e.completed_on, e.certificate_no`;

export interface ProgramFilter {
  scope: string;
  actorRegion: string;
  /** Programs organised inside this subtree (or above it, when `withAncestors`). */
  prefix?: string;
  from?: string;
  to?: string;
  tier?: string;
  type?: string;
}

export const trainingRepository = {
  async insertProgram(tx: Queryable, p: NewProgram): Promise<number> {
    const [row] = await tx.query<{ id: number }>(
      `insert into training_program (region_code, organiser_level, scope_prefix, title, tier, type, subjects, hours, start_date, end_date, mode, location, description, created_by)
       values ($1, $2, $3, $4, $5, $6, $7::text[], $8, $9, $10, $11, $12, $13, $14) returning id`,
      [
        p.regionCode,
        p.organiserLevel,
        p.scopePrefix,
        p.title,
        p.tier,
        p.type,
        p.subjects,
        p.hours,
        p.startDate,
        p.endDate,
        p.mode,
        p.location,
        p.description,
        p.createdBy,
      ],
    );
    return row.id;
  },

  /** One program the caller may see, with the enrolment counts of the caller's scope. */
  async programVisible(db: Queryable, scope: string, actorRegion: string, id: number): Promise<ProgramRow | null> {
    const rows = await db.query<ProgramRow>(
      `select ${PROGRAM_COLS},
         (select count(*)::int from training_enrolment e where e.program_id = p.id and e.region_code between $1 and $2) as enrolled,
         (select count(*)::int from training_enrolment e where e.program_id = p.id and e.region_code between $1 and $2 and e.status = 'completed') as completed
       from training_program p join region r on r.code = p.region_code
       where p.id = $4 and ${VISIBLE}`,
      [lo(scope), hi(scope), actorRegion, id],
    );
    return rows[0] ?? null;
  },

  /** Programs the caller may see, filtered; those overlapping [from, to] when given; newest first. */
  async programs(db: Queryable, f: ProgramFilter, limit = 500): Promise<ProgramRow[]> {
    return db.query<ProgramRow>(
      `select ${PROGRAM_COLS},
         (select count(*)::int from training_enrolment e where e.program_id = p.id and e.region_code between $1 and $2) as enrolled,
         (select count(*)::int from training_enrolment e where e.program_id = p.id and e.region_code between $1 and $2 and e.status = 'completed') as completed
       from training_program p join region r on r.code = p.region_code
       where ${VISIBLE}
         and ($4::text is null or p.region_code between $4 and $5 or left($4::text, length(p.scope_prefix)) = p.scope_prefix)
         and ($6::date is null or p.end_date >= $6::date) and ($7::date is null or p.start_date <= $7::date)
         and ($8::text is null or p.tier = $8) and ($9::text is null or p.type = $9)
       order by p.start_date desc, p.id desc limit $10`,
      [
        lo(f.scope),
        hi(f.scope),
        f.actorRegion,
        f.prefix ? lo(f.prefix) : null,
        f.prefix ? hi(f.prefix) : null,
        f.from ?? null,
        f.to ?? null,
        f.tier ?? null,
        f.type ?? null,
        limit,
      ],
    );
  },

  async enrolments(db: Queryable, programId: number, scope: string): Promise<EnrolmentRow[]> {
    return db.query<EnrolmentRow>(
      `select ${ENROLMENT_COLS}
       from training_enrolment e join worker w on w.id = e.worker_id join region r on r.code = e.region_code
       where e.program_id = $1 and e.region_code between $2 and $3 order by e.region_code, e.worker_id`,
      [programId, lo(scope), hi(scope)],
    );
  },

  /** Enrolments of these workers (in scope) in the program, by worker id. */
  async enrolmentsOf(db: Queryable, programId: number, scope: string, workerIds: number[]): Promise<EnrolmentRow[]> {
    return db.query<EnrolmentRow>(
      `select ${ENROLMENT_COLS}
       from training_enrolment e join worker w on w.id = e.worker_id join region r on r.code = e.region_code
       where e.program_id = $1 and e.region_code between $2 and $3 and e.worker_id = any($4::bigint[])`,
      [programId, lo(scope), hi(scope), workerIds],
    );
  },

  /** Serving workers among `ids` inside the subtree: id → region. */
  async servingWorkers(
    db: Queryable,
    scope: string,
    ids: number[],
  ): Promise<{ id: number; region_code: string; name: string }[]> {
    return db.query(
      `select id, region_code, name from worker where id = any($1::bigint[]) and region_code between $2 and $3 and status in ('active', 'probation')`,
      [ids, lo(scope), hi(scope)],
    );
  },

  /** Serving workers of a subtree matching a filter (enrol everyone who matches). */
  async workersMatching(
    db: Queryable,
    prefix: string,
    f: { positions?: string[]; category?: string },
    limit: number,
  ): Promise<{ id: number; region_code: string; name: string }[]> {
    return db.query(
      `select id, region_code, name from worker
       where region_code between $1 and $2 and status in ('active', 'probation')
         and ($3::text[] is null or position = any($3::text[])) and ($4::text is null or category = $4)
       order by region_code, id limit $5`,
      [lo(prefix), hi(prefix), f.positions?.length ? f.positions : null, f.category ?? null, limit],
    );
  },

  /** Enrols workers; those already enrolled are left as they are. Returns the ids newly enrolled. */
  async enrol(tx: Queryable, programId: number, workers: { id: number; region_code: string }[]): Promise<number[]> {
    if (workers.length === 0) return [];
    const rows = await tx.query<{ worker_id: number }>(
      `insert into training_enrolment (program_id, worker_id, region_code)
       select $1, * from unnest($2::bigint[], $3::varchar[])
       on conflict (program_id, worker_id) do nothing returning worker_id`,
      [programId, workers.map((w) => w.id), workers.map((w) => w.region_code)],
    );
    return rows.map((r) => r.worker_id);
  },

  /** Sets attendance and completion of enrolments (by worker id) in one statement. */
  async setAttendance(
    tx: Queryable,
    programId: number,
    items: {
      workerId: number;
      status: string;
      attendedHours: number | null;
      completedOn: string | null;
      certificateNo: string | null;
    }[],
  ): Promise<number> {
    if (items.length === 0) return 0;
    const rows = await tx.query<{ id: number }>(
      `update training_enrolment e set status = u.status, attended_hours = u.hours, completed_on = u.completed_on, certificate_no = u.certificate_no, updated_at = now()
       from unnest($2::bigint[], $3::text[], $4::numeric[], $5::date[], $6::text[]) as u(worker_id, status, hours, completed_on, certificate_no)
       where e.program_id = $1 and e.worker_id = u.worker_id returning e.id`,
      [
        programId,
        items.map((i) => i.workerId),
        items.map((i) => i.status),
        items.map((i) => i.attendedHours),
        items.map((i) => i.completedOn),
        items.map((i) => i.certificateNo),
      ],
    );
    return rows.length;
  },

  /**
   * Serving workers of a subtree with their completion dates since `since` (comma-separated, newest
   * first): what the compliance rule reads. The completions are grouped in one pass (merge or hash
   * join) rather than probed per worker, and come back as one string, cheaper to parse than an array.
   */
  async complianceRows(db: Queryable, prefix: string, since: string): Promise<ComplianceRow[]> {
    return db.query<ComplianceRow>(
      `select w.id, w.region_code, w.position, w.hired_on, c.dates
       from worker w left join (
         select e.worker_id, string_agg(e.completed_on::text, ',' order by e.completed_on desc) as dates
         from training_enrolment e join worker x on x.id = e.worker_id
         where e.status = 'completed' and e.completed_on >= $3::date and x.region_code between $1 and $2 and x.status in ('active', 'probation')
         group by e.worker_id) c on c.worker_id = w.id
       where w.region_code between $1 and $2 and w.status in ('active', 'probation')`,
      [lo(prefix), hi(prefix), since],
    );
  },

  /** County codes of a subtree (the policy is resolved per county). */
  async counties(db: Queryable, prefix: string): Promise<string[]> {
    const rows = await db.query<{ code: string }>(
      `select code from region where level = 'county' and code between $1 and $2 order by code`,
      [lo(prefix), hi(prefix)],
    );
    return rows.map((r) => r.code);
  },

  /**
   * Status counts of a subtree computed in SQL for calendar windows (the same rule as
   * `trainingCompliance` in src/domain/training.ts, checked against it in test/http/training.test.ts):
   * `rules` gives every (county, position) its cycle; a position without one is notApplicable.
   */
  async calendarStatusCounts(
    db: Queryable,
    prefix: string,
    today: string,
    rules: CalendarRule[],
    /** Counts per child region: the first `groupDigits` digits of the worker's region code (0: one group). */
    groupDigits = 0,
  ): Promise<{ child: string; status: string; n: number }[]> {
    return planned(db, (q) =>
      q.query(
        `${CALENDAR_STATUS} select left(region_code, $11::int) as child, status, count(*)::int as n from s group by 1, 2`,
        [...calendarParams(prefix, today, rules), groupDigits],
      ),
    );
  },

  /**
   * The counts of `calendarStatusCounts` (per child region) and one page of the list in the same
   * statement: the status of every worker is computed once (a CTE read twice is materialised), and
   * the page is ordered as the list shows it — overdue, due soon, pending, compliant, not applicable;
   * then by deadline, region code and id. `status` filters the page only.
   */
  async calendarStatusPage(
    db: Queryable,
    prefix: string,
    today: string,
    rules: CalendarRule[],
    groupDigits: number,
    page: { status: string | null; limit: number; offset: number },
  ): Promise<{ counts: { child: string; status: string; n: number }[]; page: { id: number; status: string }[] }> {
    const rows = await planned(db, (q) =>
      q.query<{ child: string | null; status: string; n: number | null; id: number | null }>(
        `${CALENDAR_STATUS}
       select left(region_code, $11::int) as child, status, count(*)::int as n, null::bigint as id from s group by 1, 2
       union all
       (select null, status, null, id from s where $12::text is null or status = $12::text
        order by case status when 'overdue' then 0 when 'dueSoon' then 1 when 'pending' then 2 when 'compliant' then 3 else 4 end,
                 deadline nulls last, region_code, id
        limit $13::int offset $14::int)`,
        [...calendarParams(prefix, today, rules), groupDigits, page.status, page.limit, page.offset],
      ),
    );
    const counts: { child: string; status: string; n: number }[] = [];
    const ids: { id: number; status: string }[] = [];
    for (const r of rows) {
      if (r.id === null) counts.push({ child: r.child ?? '', status: r.status, n: r.n ?? 0 });
      else ids.push({ id: Number(r.id), status: r.status });
    }
    return { counts, page: ids };
  },

  /** `complianceRows` for some workers (a page of the list): their completion dates since `since`, in the order of `ids`. */
  async complianceRowsOf(db: Queryable, ids: number[], since: string): Promise<ComplianceRow[]> {
    if (ids.length === 0) return [];
    const rows = await db.query<ComplianceRow>(
      `select w.id, w.region_code, w.position, w.hired_on,
         (select string_agg(e.completed_on::text, ',' order by e.completed_on desc) from training_enrolment e
          where e.worker_id = w.id and e.status = 'completed' and e.completed_on >= $2::date) as dates
       from worker w where w.id = any($1::bigint[])`,
      [ids, since],
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  },

  /** Names and regions of some workers, and the title of each one's latest completed training. */
  async workerDetails(
    db: Queryable,
    ids: number[],
  ): Promise<{ id: number; name: string; region_code: string; region_name: string; last_title: string | null }[]> {
    if (ids.length === 0) return [];
    return db.query(
      `select w.id, w.name, w.region_code, r.name as region_name,
         (select p.title from training_enrolment e join training_program p on p.id = e.program_id
          where e.worker_id = w.id and e.status = 'completed' order by e.completed_on desc, e.id desc limit 1) as last_title
       from worker w join region r on r.code = w.region_code where w.id = any($1::bigint[])`,
      [ids],
    );
  },

  /** A worker's enrolments with their programs, newest first. */
  async workerEnrolments(db: Queryable, workerId: number) {
    return db.query<{
      id: number;
      program_id: number;
      title: string;
      tier: string;
      type: string;
      organiser_level: string;
      hours: number;
      start_date: string;
      end_date: string;
      mode: string;
      status: string;
      attended_hours: number | null;
      completed_on: string | null;
      certificate_no: string | null;
    }>(
      `select e.id, e.program_id, p.title, p.tier, p.type, p.organiser_level, p.hours::float8 as hours, p.start_date, p.end_date, p.mode,
         e.status, e.attended_hours::float8 as attended_hours, e.completed_on, e.certificate_no
       from training_enrolment e join training_program p on p.id = e.program_id
       where e.worker_id = $1 order by p.start_date desc, e.id desc`,
      [workerId],
    );
  },

  /** Region names of a subtree's direct children (by code), for per-child counts. */
  async childRegions(db: Queryable, code: string): Promise<{ code: string; name: string; level: string }[]> {
    return db.query('select code, name, level from region where parent_code = $1 and code <> $1 order by code', [code]);
  },

  // ---------------------------------------------------------------- F-FACULTY, F-MENTOR, F-ALLPOST

  async trainers(db: Queryable, scope: string, actorRegion: string) {
    return db.query<{
      id: number;
      region_code: string;
      region_name: string;
      name: string;
      title: string | null;
      organisation: string | null;
      subjects: string[];
      created_at: Date;
    }>(
      `select t.id, t.region_code, r.name as region_name, t.name, t.title, t.organisation, t.subjects, t.created_at
       from training_trainer t join region r on r.code = t.region_code
       where t.region_code between $1 and $2 or t.region_code = any($3::varchar[]) order by t.region_code, t.id`,
      [lo(scope), hi(scope), ancestorsOf(actorRegion)],
    );
  },

  async insertTrainer(
    tx: Queryable,
    t: {
      regionCode: string;
      name: string;
      title: string | null;
      organisation: string | null;
      subjects: string[];
      createdBy: string;
    },
  ): Promise<number> {
    const [row] = await tx.query<{ id: number }>(
      'insert into training_trainer (region_code, name, title, organisation, subjects, created_by) values ($1, $2, $3, $4, $5::text[], $6) returning id',
      [t.regionCode, t.name, t.title, t.organisation, t.subjects, t.createdBy],
    );
    return row.id;
  },

  async resources(db: Queryable, scope: string, actorRegion: string, kind?: string) {
    return db.query<{
      id: number;
      region_code: string;
      region_name: string;
      kind: string;
      title: string;
      url: string | null;
      summary: string | null;
      subjects: string[];
      created_at: Date;
    }>(
      `select x.id, x.region_code, r.name as region_name, x.kind, x.title, x.url, x.summary, x.subjects, x.created_at
       from training_resource x join region r on r.code = x.region_code
       where (x.region_code between $1 and $2 or x.region_code = any($3::varchar[])) and ($4::text is null or x.kind = $4)
       order by x.id desc`,
      [lo(scope), hi(scope), ancestorsOf(actorRegion), kind ?? null],
    );
  },

  async insertResource(
    tx: Queryable,
    x: {
      regionCode: string;
      kind: string;
      title: string;
      url: string | null;
      summary: string | null;
      subjects: string[];
      createdBy: string;
    },
  ): Promise<number> {
    const [row] = await tx.query<{ id: number }>(
      'insert into training_resource (region_code, kind, title, url, summary, subjects, created_by) values ($1, $2, $3, $4, $5, $6::text[], $7) returning id',
      [x.regionCode, x.kind, x.title, x.url, x.summary, x.subjects, x.createdBy],
    );
    return row.id;
  },

  async mentorPairs(db: Queryable, prefix: string) {
    return db.query<{
      id: number;
      mentor_id: number;
      mentor_name: string;
      mentee_id: number;
      mentee_name: string;
      region_code: string;
      region_name: string;
      start_date: string;
      end_date: string | null;
      note: string | null;
    }>(
      `select m.id, m.mentor_id, a.name as mentor_name, m.mentee_id, b.name as mentee_name, m.region_code, r.name as region_name, m.start_date, m.end_date, m.note
       from training_mentor_pair m join worker a on a.id = m.mentor_id join worker b on b.id = m.mentee_id join region r on r.code = m.region_code
       where m.region_code between $1 and $2 order by m.start_date desc, m.id desc`,
      [lo(prefix), hi(prefix)],
    );
  },

  async insertMentorPair(
    tx: Queryable,
    m: {
      mentorId: number;
      menteeId: number;
      regionCode: string;
      startDate: string;
      endDate: string | null;
      note: string | null;
      createdBy: string;
    },
  ): Promise<number> {
    const [row] = await tx.query<{ id: number }>(
      'insert into training_mentor_pair (mentor_id, mentee_id, region_code, start_date, end_date, note, created_by) values ($1, $2, $3, $4, $5, $6, $7) returning id',
      [m.mentorId, m.menteeId, m.regionCode, m.startDate, m.endDate, m.note, m.createdBy],
    );
    return row.id;
  },

  async allPostCertifications(db: Queryable, prefix: string) {
    return db.query<{
      id: number;
      worker_id: number;
      worker_name: string;
      region_code: string;
      region_name: string;
      certified_on: string;
      certificate_no: string | null;
    }>(
      `select c.id, c.worker_id, w.name as worker_name, c.region_code, r.name as region_name, c.certified_on, c.certificate_no
       from training_allpost_certification c join worker w on w.id = c.worker_id join region r on r.code = c.region_code
       where c.region_code between $1 and $2 order by c.certified_on desc, c.id desc`,
      [lo(prefix), hi(prefix)],
    );
  },

  async insertAllPost(
    tx: Queryable,
    c: { workerId: number; regionCode: string; certifiedOn: string; certificateNo: string | null; createdBy: string },
  ): Promise<number | null> {
    const rows = await tx.query<{ id: number }>(
      `insert into training_allpost_certification (worker_id, region_code, certified_on, certificate_no, created_by) values ($1, $2, $3, $4, $5)
       on conflict (worker_id, certified_on) do nothing returning id`,
      [c.workerId, c.regionCode, c.certifiedOn, c.certificateNo, c.createdBy],
    );
    return rows[0]?.id ?? null;
  },
};

/** The codes of a region's ancestors at province, city and county level (and itself). */
export function ancestorsOf(code: string): string[] {
  return [
    `${code.slice(0, 2)}0000000000`,
    `${code.slice(0, 4)}00000000`,
    `${code.slice(0, 6)}000000`,
    `${code.slice(0, 9)}000`,
    code,
  ];
}
