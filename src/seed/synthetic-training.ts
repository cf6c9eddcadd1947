/**
 * Synthetic training for benchmarks and load tests (issue 5): for every county of a subtree, one
 * county program a year from 2021 to 2026, and completions for a deterministic share of its serving
 * workers (by worker id, so every run is the same): about 55 % a year for secretaries and directors,
 * 20 % a year for everyone else — enough to give compliant, due-soon and overdue workers. Inserted by
 * `insert … select`, no per-row round trips.
 */
import type { Database } from '../db/database.js';

const lo = (p: string) => p.padEnd(12, '0');
const hi = (p: string) => p.padEnd(12, '9');

export async function seedSyntheticTraining(
  db: Database,
  prefix: string,
): Promise<{ programs: number; completions: number }> {
  return db.transaction(async (tx) => {
    const programs = await tx.query<{ id: number }>(
      `insert into training_program (region_code, organiser_level, scope_prefix, title, tier, type, subjects, hours, start_date, end_date, mode, created_by)
       select r.code, 'county', left(r.code, 6), r.name || y || '年社区工作者轮训班', 'backbone', 'inService', array['policyLaw', 'massWork'], 16,
              make_date(y, 6, 10), make_date(y, 6, 11), 'offline', '系统（合成数据）'
       from region r cross join generate_series(2021, 2026) as y
       where r.level = 'county' and r.code between $1 and $2
       returning id`,
      [lo(prefix), hi(prefix)],
    );
    const done = await tx.query<{ n: number }>(
      `with ins as (
         insert into training_enrolment (program_id, worker_id, region_code, status, attended_hours, completed_on)
         select p.id, w.id, w.region_code, 'completed', 16, p.end_date
         from training_program p
         join worker w on w.region_code between p.region_code and left(p.region_code, 6) || '999999'
         where p.region_code between $1 and $2 and p.created_by = '系统（合成数据）' and w.status in ('active', 'probation')
           and ((w.id * 7 + extract(year from p.start_date)::int * 13) % 100) < case when w.position in ('secretary', 'director', 'secretaryDirector') then 55 else 20 end
         on conflict (program_id, worker_id) do nothing
         returning 1)
       select count(*)::int as n from ins`,
      [lo(prefix), hi(prefix)],
    );
    return { programs: programs.length, completions: done[0].n };
  });
}
