/**
 * The national data set of bench/stats.ts, generated inside PostgreSQL (generate_series), not through
 * Node: 4,500,000 workers in ~118,000 synthetic communities of 31 provinces, one employment period
 * and one position each (10 % with an earlier period in another community of the same county, so
 * as-of-date figures see transfers), qualifications for the ~70 % who hold one, population rows for
 * every community. The roll-up triggers are off during the load and `stats_rebuild()` and
 * `training_rollup_rebuild()` fill the roll-ups once at the end (the same functions the migrations use).
 */
import type { Database } from '../src/db/database.js';
import { regionRepository } from '../src/db/repositories/region.repository.js';
import { syntheticRegions } from '../src/seed/synthetic.js';

export async function seedNational(
  db: Database,
  workers: number,
  seed: number,
  log: (s: string) => void,
): Promise<void> {
  let t = performance.now();
  const step = (what: string) => {
    log(`  ${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
  };
  await regionRepository.insertMany(db, syntheticRegions('national', seed));
  step('regions');
  await db.exec(`
    create temporary table comm as select row_number() over (order by code)::int as k, code from region where level = 'community';
    create index on comm (k);
    alter table worker disable trigger stats_worker_insert;
    alter table worker disable trigger stats_worker_update;
    alter table worker disable trigger training_rollup_worker_insert;
    alter table worker disable trigger training_rollup_worker_update;
    -- A bulk load has no cached pays to invalidate (013_worker_rev.sql).
    alter table worker_period disable trigger worker_period_rev_insert;
    alter table worker_position disable trigger worker_position_rev_insert;
    alter table worker_qualification disable trigger worker_qualification_rev_insert;
  `);
  const [{ n: communities }] = await db.query<{ n: number }>('select count(*)::int as n from comm');
  step(`${communities} communities`);
  // Deterministic pseudo-random numbers from the row number (no random(): reproducible across runs).
  const h = (i: string, salt: number) => `((hashint4(${i}::int # ${seed + salt}) & 2147483647)::float8 / 2147483648.0)`;
  const BATCH = 500_000;
  for (let from = 1; from <= workers; from += BATCH) {
    const to = Math.min(workers, from + BATCH - 1);
    await db.query(
      `insert into worker (region_code, name, id_number, gender, birth_date, ethnicity, phone, category, position, status, hired_on,
         political_status, education, education_fulltime, social_work_major, veteran, graduate_entrant, graduate_year, qualification, grade)
       select c.code, '工作者' || g.i, '9' || lpad(g.i::text, 16, '0') || '0', case when ${h('g.i', 1)} < 0.65 then 'female' else 'male' end,
         date '1966-01-01' + floor(${h('g.i', 2)} * 13500)::int,
         case when ${h('g.i', 3)} < 0.88 then '汉族' when ${h('g.i', 3)} < 0.93 then '壮族' when ${h('g.i', 3)} < 0.97 then '回族' else '苗族' end,
         '138' || lpad((g.i % 100000000)::text, 8, '0'),
         case when g.i % 37 < 5 then 'committee' else 'staff' end,
         case g.i % 37 when 0 then 'secretaryDirector' when 1 then 'deputySecretary' when 2 then 'deputyDirector' when 3 then 'member' when 4 then 'member' else 'staff' end,
         case when ${h('g.i', 4)} < 0.03 then 'probation' else 'active' end,
         date '2000-01-01' + floor(${h('g.i', 5)} * 9800)::int,
         (array['party','probationaryParty','league','democraticParty','nonParty','masses'])[1 + floor(${h('g.i', 6)} * 6)::int],
         (array['master','bachelor','bachelor','associate','associate','secondary'])[1 + floor(${h('g.i', 7)} * 6)::int],
         null, ${h('g.i', 8)} < 0.2, ${h('g.i', 9)} < 0.05, ${h('g.i', 10)} < 0.3, null,
         case when ${h('g.i', 11)} < 0.3 then null when ${h('g.i', 11)} < 0.75 then 'assistant' when ${h('g.i', 11)} < 0.97 then 'intermediate' else 'senior' end,
         1 + floor(${h('g.i', 12)} * 18)::int
       from generate_series($1::int, $2::int) g(i) join comm c on c.k = 1 + (g.i % $3::int)`,
      [from, to, communities],
    );
    step(`workers ${to}`);
  }
  await db.exec(`
    -- A tenth moved within their county: an earlier period elsewhere ended by transfer on a day before the current one began.
    insert into worker_period (worker_id, region_code, start_date, end_date, origin, end_type)
      select w.id, substr(w.region_code, 1, 9) || case when substr(w.region_code, 10) = '001' then '002' else '001' end,
        w.hired_on, w.hired_on + (w.id % 900)::int + 30, 'recruited', 'transfer'
      from worker w where w.id % 10 = 0;
    insert into worker_period (worker_id, region_code, start_date, origin)
      select w.id, w.region_code, case when w.id % 10 = 0 then w.hired_on + (w.id % 900)::int + 30 else w.hired_on end,
        case when w.category = 'committee' then 'elected' else 'recruited' end
      from worker w;
  `);
  step('periods');
  await db.exec(`
    insert into worker_position (worker_id, region_code, position, start_date) select id, region_code, position, hired_on from worker;
    insert into worker_qualification (worker_id, level, obtained_on) select id, qualification, hired_on + 200 from worker where qualification is not null;
    insert into region_population (region_code, year, urban_resident_population)
      select c.code, y, 2000 + (hashint4(c.k) & 2147483647) % 3000 from comm c, generate_series(2022, 2026) y;
  `);
  step('positions, qualifications, population');
  await db.exec('select stats_rebuild()');
  step('stats_rebuild()');
  await db.exec('select training_rollup_rebuild()');
  step('training_rollup_rebuild()');
  await db.exec(`
    alter table worker enable trigger stats_worker_insert;
    alter table worker enable trigger stats_worker_update;
    alter table worker enable trigger training_rollup_worker_insert;
    alter table worker enable trigger training_rollup_worker_update;
    alter table worker_period enable trigger worker_period_rev_insert;
    alter table worker_position enable trigger worker_position_rev_insert;
    alter table worker_qualification enable trigger worker_qualification_rev_insert;
  `);
  await db.exec('vacuum analyze');
  step('vacuum analyze');
}
