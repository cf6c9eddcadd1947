/** SQL of open recruitment (F-RECRUIT): plans, posts, applicants. Scope is a code range in every list. */
import type { Queryable } from '../database.js';

export interface PlanRow {
  id: number;
  region_code: string;
  region_name: string;
  title: string;
  status: 'open' | 'closed';
  reference_date: string;
  max_age: number | null;
  min_education: string | null;
  residence_region: string | null;
  residence_name: string | null;
  written_percent: number;
  bonus: Record<string, number>;
  conditions: Record<string, unknown>;
  closed_on: string | null;
  closed_by: string | null;
  close_note: string | null;
  created_by: string;
  created_at: Date;
}

export interface TieDecisionRow {
  id: number;
  post_id: number;
  rank: number;
  applicant_ids: number[];
  winner_ids: number[];
  reason: string;
  decided_on: string;
  decided_by: string;
}

export interface PostRow {
  id: number;
  plan_id: number;
  region_code: string;
  region_name: string;
  street_name: string | null;
  posts: number;
}

export interface ApplicantRow {
  id: number;
  plan_id: number;
  post_id: number;
  region_code: string;
  name: string;
  id_number: string;
  gender: 'male' | 'female';
  birth_date: string;
  phone: string | null;
  education: string | null;
  major: string | null;
  political_status: string | null;
  home_region_code: string | null;
  graduate: boolean;
  graduate_year: number | null;
  veteran: boolean;
  social_work: boolean;
  grid_worker: boolean;
  written_score: number | null;
  interview_score: number | null;
  vetting: 'pending' | 'passed' | 'failed';
  vetting_note: string | null;
  vetted_by: string | null;
  status: 'applied' | 'offered' | 'hired';
  offered_on: string | null;
  worker_id: number | null;
  local_hukou: boolean | null;
  residence_years: number | null;
  no_record_declared: boolean | null;
  health: 'pending' | 'passed' | 'failed';
  sw_qualification: string | null;
  custom_checks: Record<string, { met: boolean; note: string | null }>;
  /** For optimistic concurrency: the row's xmin. */
  version: string;
}

type ConditionFactColumns = 'local_hukou' | 'residence_years' | 'no_record_declared' | 'sw_qualification';
export type NewApplicant = Omit<
  ApplicantRow,
  | 'id'
  | 'vetting'
  | 'vetting_note'
  | 'vetted_by'
  | 'status'
  | 'offered_on'
  | 'worker_id'
  | 'health'
  | 'custom_checks'
  | 'version'
  | ConditionFactColumns
> &
  Partial<Pick<ApplicantRow, ConditionFactColumns>>;

/** The further-condition facts the county may record on an applicant. */
export type ApplicantConditionFacts = Pick<
  ApplicantRow,
  'local_hukou' | 'residence_years' | 'no_record_declared' | 'health' | 'sw_qualification' | 'custom_checks'
>;

const PLAN_COLS = `p.id, p.region_code, r.name as region_name, p.title, p.status, p.reference_date, p.max_age, p.min_education, p.residence_region,
  rr.name as residence_name, p.written_percent, p.bonus, p.conditions, p.closed_on, p.closed_by, p.close_note, p.created_by, p.created_at`;
const PLAN_FROM =
  'from recruitment_plan p join region r on r.code = p.region_code left join region rr on rr.code = p.residence_region';
const APPLICANT_COLS = `id, plan_id, post_id, region_code, name, id_number, gender, birth_date, phone, education, major, political_status, home_region_code,
  graduate, graduate_year, veteran, social_work, grid_worker, written_score, interview_score, vetting, vetting_note, vetted_by, status, offered_on, worker_id,
  local_hukou, residence_years, no_record_declared, health, sw_qualification, custom_checks, xmin::text as version`;
const range = (prefix: string): [string, string] => [prefix.padEnd(12, '0'), prefix.padEnd(12, '9')];

export const recruitmentRepository = {
  async insertPlan(
    tx: Queryable,
    p: {
      regionCode: string;
      title: string;
      referenceDate: string;
      maxAge: number | null;
      minEducation: string | null;
      residenceRegion: string | null;
      writtenPercent: number;
      bonus: Record<string, number>;
      conditions?: object;
    },
    createdBy: string,
  ): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      `insert into recruitment_plan (region_code, title, reference_date, max_age, min_education, residence_region, written_percent, bonus, conditions, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10) returning id`,
      [
        p.regionCode,
        p.title,
        p.referenceDate,
        p.maxAge,
        p.minEducation,
        p.residenceRegion,
        p.writtenPercent,
        JSON.stringify(p.bonus),
        JSON.stringify(p.conditions ?? {}),
        createdBy,
      ],
    );
    return Number(rows[0].id);
  },

  async insertPost(tx: Queryable, planId: number, regionCode: string, posts: number): Promise<void> {
    await tx.query('insert into recruitment_post (plan_id, region_code, posts) values ($1, $2, $3)', [
      planId,
      regionCode,
      posts,
    ]);
  },

  /** Plans whose region lies in the subtree, or above it (a city's plan seen from its county), inside the scope. */
  async plans(db: Queryable, scope: string, prefix: string) {
    return db.query<PlanRow & { posts: number; applicants: number; hired: number }>(
      `select ${PLAN_COLS},
         (select coalesce(sum(posts), 0)::int from recruitment_post x where x.plan_id = p.id) as posts,
         (select count(*)::int from recruitment_applicant a where a.plan_id = p.id) as applicants,
         (select count(*)::int from recruitment_applicant a where a.plan_id = p.id and a.status = 'hired') as hired
       ${PLAN_FROM} where p.region_code between $1 and $2 and p.region_code like $3 || '%' order by p.created_at desc, p.id desc`,
      [...range(prefix), scope],
    );
  },

  async planInScope(db: Queryable, scope: string, id: number): Promise<PlanRow | null> {
    return (
      (
        await db.query<PlanRow>(`select ${PLAN_COLS} ${PLAN_FROM} where p.id = $1 and p.region_code like $2 || '%'`, [
          id,
          scope,
        ])
      )[0] ?? null
    );
  },

  async posts(db: Queryable, planId: number): Promise<PostRow[]> {
    return db.query<PostRow>(
      `select x.id, x.plan_id, x.region_code, r.name as region_name, s.name as street_name, x.posts
       from recruitment_post x join region r on r.code = x.region_code left join region s on s.code = r.parent_code and s.level = 'street'
       where x.plan_id = $1 order by x.region_code`,
      [planId],
    );
  },

  async applicants(db: Queryable, planId: number): Promise<ApplicantRow[]> {
    return db.query<ApplicantRow>(
      `select ${APPLICANT_COLS} from recruitment_applicant where plan_id = $1 order by id`,
      [planId],
    );
  },

  async applicantInScope(db: Queryable, scope: string, id: number): Promise<ApplicantRow | null> {
    return (
      (
        await db.query<ApplicantRow>(
          `select ${APPLICANT_COLS} from recruitment_applicant where id = $1 and region_code like $2 || '%'`,
          [id, scope],
        )
      )[0] ?? null
    );
  },

  async existingIdNumbers(db: Queryable, planId: number, idNumbers: string[]): Promise<Set<string>> {
    const rows = await db.query<{ id_number: string }>(
      'select id_number from recruitment_applicant where plan_id = $1 and id_number = any($2::text[])',
      [planId, idNumbers],
    );
    return new Set(rows.map((r) => r.id_number));
  },

  async insertApplicants(tx: Queryable, list: NewApplicant[]): Promise<number[]> {
    const ids: number[] = [];
    for (const a of list) {
      const rows = await tx.query<{ id: number }>(
        `insert into recruitment_applicant (plan_id, post_id, region_code, name, id_number, gender, birth_date, phone, education, major, political_status,
           home_region_code, graduate, graduate_year, veteran, social_work, grid_worker, written_score, interview_score,
           local_hukou, residence_years, no_record_declared, sw_qualification)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) returning id`,
        [
          a.plan_id,
          a.post_id,
          a.region_code,
          a.name,
          a.id_number,
          a.gender,
          a.birth_date,
          a.phone,
          a.education,
          a.major,
          a.political_status,
          a.home_region_code,
          a.graduate,
          a.graduate_year,
          a.veteran,
          a.social_work,
          a.grid_worker,
          a.written_score,
          a.interview_score,
          a.local_hukou ?? null,
          a.residence_years ?? null,
          a.no_record_declared ?? null,
          a.sw_qualification ?? null,
        ],
      );
      ids.push(Number(rows[0].id));
    }
    return ids;
  },

  async updateScores(tx: Queryable, id: number, written: number | null, interview: number | null): Promise<void> {
    await tx.query('update recruitment_applicant set written_score = $2, interview_score = $3 where id = $1', [
      id,
      written,
      interview,
    ]);
  },

  async updateVetting(tx: Queryable, id: number, vetting: string, note: string | null, by: string): Promise<void> {
    await tx.query('update recruitment_applicant set vetting = $2, vetting_note = $3, vetted_by = $4 where id = $1', [
      id,
      vetting,
      note,
      by,
    ]);
  },

  async markOffered(tx: Queryable, id: number, date: string): Promise<void> {
    await tx.query(`update recruitment_applicant set status = 'offered', offered_on = $2 where id = $1`, [id, date]);
  },

  async markHired(tx: Queryable, id: number, workerId: number): Promise<void> {
    await tx.query(`update recruitment_applicant set status = 'hired', worker_id = $2 where id = $1`, [id, workerId]);
  },

  async updateConditionFacts(tx: Queryable, id: number, f: ApplicantConditionFacts): Promise<void> {
    await tx.query(
      `update recruitment_applicant set local_hukou = $2, residence_years = $3, no_record_declared = $4, health = $5, sw_qualification = $6, custom_checks = $7::jsonb where id = $1`,
      [
        id,
        f.local_hukou,
        f.residence_years,
        f.no_record_declared,
        f.health,
        f.sw_qualification,
        JSON.stringify(f.custom_checks),
      ],
    );
  },

  async close(tx: Queryable, id: number, date: string, by: string, note: string | null): Promise<void> {
    await tx.query(
      `update recruitment_plan set status = 'closed', closed_on = $2, closed_by = $3, close_note = $4 where id = $1`,
      [id, date, by, note],
    );
  },

  async tieDecisions(db: Queryable, planId: number): Promise<TieDecisionRow[]> {
    return db.query<TieDecisionRow>(
      'select id, post_id, rank, applicant_ids, winner_ids, reason, decided_on, decided_by from recruitment_tie_decision where plan_id = $1 order by id',
      [planId],
    );
  },

  async insertTieDecision(
    tx: Queryable,
    d: {
      planId: number;
      postId: number;
      regionCode: string;
      rank: number;
      applicantIds: number[];
      winnerIds: number[];
      reason: string;
      decidedOn: string;
      decidedBy: string;
    },
  ): Promise<number> {
    const rows = await tx.query<{ id: number }>(
      `insert into recruitment_tie_decision (plan_id, post_id, region_code, rank, applicant_ids, winner_ids, reason, decided_on, decided_by)
       values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9) returning id`,
      [
        d.planId,
        d.postId,
        d.regionCode,
        d.rank,
        JSON.stringify(d.applicantIds),
        JSON.stringify(d.winnerIds),
        d.reason,
        d.decidedOn,
        d.decidedBy,
      ],
    );
    return Number(rows[0].id);
  },
};
