-- Training compliance above a county in the live figure set (issue 7, F-STATS × F-TRAIN-RULE).
--
-- A status depends on today's date, so statuses are not rolled up; what they are derived from is.
-- Under calendar windows with one required training per window (the shipped rule), a serving
-- worker's status on a day of window [F, F + E − 1] needs only:
--   the position (which rule, if any: notApplicable otherwise),
--   the year of the latest completion Y (compliant when Y ≥ F; the previous window missed when Y < F − E),
--   the hire year H (the previous window is assessed when H < F),
-- and for dueSoon only the rule and today. Both years are clamped below at 2010 ("2010 or earlier",
-- also for "never trained"): exact whenever F − E > 2010, which the reader checks (it falls back to the
-- per-worker evaluator otherwise). A completion dated after today is corrected for by the reader
-- (src/services/training-rollup.ts), so the roll-up keeps the latest completion whatever its date.
--
-- One count per (province, city and county above the worker, position, Y, H); streets and below are
-- counted by the evaluator directly. `digits` (2, 4, 6) is the level, first in the key: the children of
-- a region are one index range (`digits` of the child level, codes of the region's subtree), and a
-- worker is counted under left(code, digits) at every level, as the evaluator groups them.
-- Kept by statement triggers in the writing transaction on worker (created, position, status, region,
-- hire date changed, exited, deleted) and training_enrolment (completions recorded, changed or undone). `training_rollup_rebuild()` refills it after a bulk load.
create table training_rollup (
  digits smallint not null,
  region_code varchar(12) not null,
  position text not null,
  last_year int not null,
  hire_year int not null,
  n int not null,
  primary key (digits, region_code, position, last_year, hire_year)
) with (fillfactor = 50);

-- The keys of one worker given the date of their latest completion (null: never): none unless serving.
create function training_rollup_keys(w worker, last_done date) returns table (digits smallint, region_code varchar(12), pos text, last_year int, hire_year int)
language sql immutable as $$
  select l.digits::smallint, rpad(left(w.region_code, l.digits), 12, '0')::varchar(12), w.position, greatest(coalesce(extract(year from last_done)::int, 2010), 2010), greatest(extract(year from w.hired_on)::int, 2010)
  from (values (2), (4), (6)) l(digits)
  where w.status in ('active', 'probation')
$$;

-- Adds signed counts in one statement, in key order (concurrent writers queue instead of deadlocking).
create function training_rollup_add(ds smallint[], codes varchar[], positions text[], lasts int[], hires int[], deltas int[]) returns void
language sql as $$
  insert into training_rollup (digits, region_code, position, last_year, hire_year, n)
  select d, c, p, l, h, sum(x)::int from unnest(ds, codes, positions, lasts, hires, deltas) t(d, c, p, l, h, x)
  group by 1, 2, 3, 4, 5 having sum(x) <> 0 order by 1, 2, 3, 4, 5
  on conflict (digits, region_code, position, last_year, hire_year) do update set n = training_rollup.n + excluded.n
$$;

-- Moves workers whose latest completion was `was` (before the statement) to their latest completion now.
create function training_rollup_move(ids bigint[], was date[]) returns void
language sql as $$
  select training_rollup_add(array_agg(k.digits), array_agg(k.region_code), array_agg(k.pos), array_agg(k.last_year), array_agg(k.hire_year), array_agg(k.sign))
  from (select w, a.was, (select max(e.completed_on) from training_enrolment e where e.worker_id = w.id and e.status = 'completed') as now
        from unnest(ids, was) a(id, was) join worker w on w.id = a.id) c,
       lateral (select k1.*, 1 as sign from training_rollup_keys(c.w, c.now) k1
                union all select k2.*, -1 from training_rollup_keys(c.w, c.was) k2) k
$$;

create function training_rollup_worker_insert() returns trigger language plpgsql as $$
begin
  perform training_rollup_add(array_agg(k.digits), array_agg(k.region_code), array_agg(k.pos), array_agg(k.last_year), array_agg(k.hire_year), array_agg(1))
  from new_rows w
  cross join lateral training_rollup_keys(w, (select max(e.completed_on) from training_enrolment e where e.worker_id = w.id and e.status = 'completed')) k;
  return null;
end $$;

-- Only the workers whose serving status, position, region or hire date changed: a grade review that
-- updates 300,000 rows moves nothing here.
create function training_rollup_worker_update() returns trigger language plpgsql as $$
begin
  perform training_rollup_add(array_agg(u.digits), array_agg(u.region_code), array_agg(u.pos), array_agg(u.last_year), array_agg(u.hire_year), array_agg(u.sign))
  from (
    select k.*
    from new_rows n join old_rows o on o.id = n.id
    cross join lateral (select max(e.completed_on) as last_done from training_enrolment e where e.worker_id = n.id and e.status = 'completed') c
    cross join lateral (select k1.*, 1 as sign from training_rollup_keys(n, c.last_done) k1
                        union all select k2.*, -1 from training_rollup_keys(o, c.last_done) k2) k
    where (n.status in ('active', 'probation'), n.position, n.region_code, n.hired_on) is distinct from (o.status in ('active', 'probation'), o.position, o.region_code, o.hired_on)
  ) u;
  return null;
end $$;

create function training_rollup_worker_delete() returns trigger language plpgsql as $$
begin
  perform training_rollup_add(array_agg(k.digits), array_agg(k.region_code), array_agg(k.pos), array_agg(k.last_year), array_agg(k.hire_year), array_agg(-1))
  from old_rows w
  cross join lateral training_rollup_keys(w, (select max(e.completed_on) from training_enrolment e where e.worker_id = w.id and e.status = 'completed')) k;
  return null;
end $$;

create trigger training_rollup_worker_insert after insert on worker referencing new table as new_rows
  for each statement execute function training_rollup_worker_insert();
create trigger training_rollup_worker_update after update on worker referencing old table as old_rows new table as new_rows
  for each statement execute function training_rollup_worker_update();
create trigger training_rollup_worker_delete after delete on worker referencing old table as old_rows
  for each statement execute function training_rollup_worker_delete();

-- Enrolments: each worker touched by a completed row (before or after) is moved from their latest
-- completion before the statement (the untouched completions and the touched rows as they were) to
-- their latest completion now. Enrolling (status 'enrolled') touches nothing.
-- Set-based (hash joins against the transition tables, no per-worker scan of them): an attendance
-- sheet of 5,000 completions is one pass.
create function training_rollup_enrolment_insert() returns trigger language plpgsql as $$
begin
  perform training_rollup_move(array_agg(t.worker_id), array_agg(k.kept))
  from (select distinct worker_id from new_rows where status = 'completed') t
  left join (
    select e.worker_id, max(e.completed_on) as kept from training_enrolment e
    where e.status = 'completed' and e.worker_id in (select worker_id from new_rows where status = 'completed')
      and not exists (select 1 from new_rows n where n.id = e.id)
    group by e.worker_id) k on k.worker_id = t.worker_id;
  return null;
end $$;

create function training_rollup_enrolment_update() returns trigger language plpgsql as $$
begin
  perform training_rollup_move(array_agg(t.worker_id), array_agg(greatest(k.kept, o.was)))
  from (
    select x.worker_id from (
      select n.worker_id as a, o.worker_id as b from new_rows n join old_rows o on o.id = n.id
      where (n.status = 'completed' or o.status = 'completed') and (n.status, n.completed_on, n.worker_id) is distinct from (o.status, o.completed_on, o.worker_id)
    ) c cross join lateral (values (c.a), (c.b)) x(worker_id)
    group by x.worker_id
  ) t
  left join (
    select e.worker_id, max(e.completed_on) as kept from training_enrolment e
    where e.status = 'completed' and e.worker_id in (select worker_id from new_rows union select worker_id from old_rows)
      and not exists (select 1 from new_rows n where n.id = e.id)
    group by e.worker_id) k on k.worker_id = t.worker_id
  left join (select o.worker_id, max(o.completed_on) as was from old_rows o where o.status = 'completed' group by o.worker_id) o on o.worker_id = t.worker_id;
  return null;
end $$;

create function training_rollup_enrolment_delete() returns trigger language plpgsql as $$
begin
  perform training_rollup_move(array_agg(o.worker_id), array_agg(greatest(k.kept, o.was)))
  from (select worker_id, max(completed_on) as was from old_rows where status = 'completed' group by worker_id) o
  left join (
    select e.worker_id, max(e.completed_on) as kept from training_enrolment e
    where e.status = 'completed' and e.worker_id in (select worker_id from old_rows where status = 'completed')
    group by e.worker_id) k on k.worker_id = o.worker_id;
  return null;
end $$;

create trigger training_rollup_enrolment_insert after insert on training_enrolment referencing new table as new_rows
  for each statement execute function training_rollup_enrolment_insert();
create trigger training_rollup_enrolment_update after update on training_enrolment referencing old table as old_rows new table as new_rows
  for each statement execute function training_rollup_enrolment_update();
create trigger training_rollup_enrolment_delete after delete on training_enrolment referencing old table as old_rows
  for each statement execute function training_rollup_enrolment_delete();

-- Refills the roll-up from the worker and enrolment tables (after a bulk load with the triggers off, or to
-- check it), in key order: a region's children then sit on a few pages, and the half-empty pages
-- (fillfactor 50) keep the triggers' updates on the same page (HOT), so they stay there.
create function training_rollup_rebuild() returns void language sql as $$
  delete from training_rollup;
  insert into training_rollup (digits, region_code, position, last_year, hire_year, n)
    select k.digits, k.region_code, k.pos, k.last_year, k.hire_year, count(*)::int
    from worker w
    left join (select worker_id, max(completed_on) as last from training_enrolment where status = 'completed' group by worker_id) c on c.worker_id = w.id
    cross join lateral training_rollup_keys(w, c.last) k
    where w.status in ('active', 'probation')
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5;
$$;
select training_rollup_rebuild();

-- The reader corrects for completions dated after today: found by date.
create index training_enrolment_completed_on on training_enrolment (completed_on) where status = 'completed';
