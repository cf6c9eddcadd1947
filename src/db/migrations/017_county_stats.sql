-- A county's live figure set (issue 7, county ≤ 50 ms at national scale) without touching every one of
-- its ~2,000 workers on each request: two additions kept by triggers in the writing transaction.

-- 1. A street level in the training roll-up (014_training_rollup.sql): a county's training compliance
-- per street becomes a grouped read of its streets' rows (digits 9), as a city reads its counties'.
-- The keys of a worker now include the street above them; every trigger goes through this function, so
-- every write that moved the county, city, province and nation rows moves the street row too.
create or replace function training_rollup_keys(w worker, last_done date) returns table (digits smallint, region_code varchar(12), pos text, last_year int, hire_year int)
language sql immutable as $$
  select l.digits::smallint, rpad(left(w.region_code, l.digits), 12, '0')::varchar(12), w.position, greatest(coalesce(extract(year from last_done)::int, 2010), 2010), greatest(extract(year from w.hired_on)::int, 2010)
  from (values (2), (4), (6), (9)) l(digits)
  where w.status in ('active', 'probation')
$$;

-- Backfill of the street rows only (the other levels are already there), in key order like the rebuild.
insert into training_rollup (digits, region_code, position, last_year, hire_year, n)
  select 9::smallint, rpad(left(w.region_code, 9), 12, '0'), w.position, greatest(coalesce(extract(year from c.last)::int, 2010), 2010),
    greatest(extract(year from w.hired_on)::int, 2010), count(*)::int
  from worker w
  left join (select worker_id, max(completed_on) as last from training_enrolment where status = 'completed' group by worker_id) c on c.worker_id = w.id
  where w.status in ('active', 'probation')
  group by 1, 2, 3, 4, 5
  order by 1, 2, 3, 4, 5;

-- 2. A revision per worker region code for the pay figures' cache (src/services/pay-cache.ts). It moves
-- whenever any worker of that region code changes (its row: inserted, updated, deleted, moved in or
-- out) or their history moves worker_rev (013_worker_rev.sql). A county whose communities' revisions
-- are all as cached reuses its cached pays after reading ~50 rows instead of the ~2,000 workers'
-- `xmin:rev`; a changed community re-reads only its own workers' versions.
-- rev is the id of the transaction that last touched the region code: unique per writing transaction,
-- so a value read once never stands for other data later.
-- Every region code that holds a worker has a row (the insert trigger adds it; rows are never removed),
-- so the reader can list a subtree's workers by these rows. A bulk load with the worker triggers
-- disabled must call worker_region_rev_rebuild() afterwards.
create table worker_region_rev (
  region_code varchar(12) primary key,
  rev bigint not null
);

-- In key order: two writers that touch the same region codes queue instead of deadlocking.
create function worker_region_rev_touch(codes varchar[]) returns void language sql as $$
  insert into worker_region_rev (region_code, rev)
    select distinct c, pg_current_xact_id()::text::bigint from unnest(codes) as t(c) where c is not null order by 1
  on conflict (region_code) do update set rev = excluded.rev;
$$;

create function worker_region_rev_insert() returns trigger language plpgsql as $$
begin
  perform worker_region_rev_touch(array(select distinct region_code from new_rows));
  return null;
end $$;

create function worker_region_rev_update() returns trigger language plpgsql as $$
begin
  perform worker_region_rev_touch(array(select region_code from new_rows union select region_code from old_rows));
  return null;
end $$;

create function worker_region_rev_delete() returns trigger language plpgsql as $$
begin
  perform worker_region_rev_touch(array(select distinct region_code from old_rows));
  return null;
end $$;

create trigger worker_region_rev_insert after insert on worker referencing new table as new_rows
  for each statement execute function worker_region_rev_insert();
create trigger worker_region_rev_update after update on worker referencing old table as old_rows new table as new_rows
  for each statement execute function worker_region_rev_update();
create trigger worker_region_rev_delete after delete on worker referencing old table as old_rows
  for each statement execute function worker_region_rev_delete();

-- A history change moves the worker's revision and, with it, their region code's. Skipped as before when
-- the worker row itself was written in this transaction: the worker trigger has moved its region code.
create or replace function worker_rev_touch(ids bigint[]) returns void language sql as $$
  insert into worker_rev (worker_id, rev)
    select distinct t.id, pg_current_xact_id()::text::bigint
    from unnest(ids) as t(id)
    where not exists (select 1 from worker w where w.id = t.id and w.xmin = pg_current_xact_id()::xid)
  on conflict (worker_id) do update set rev = excluded.rev;
  select worker_region_rev_touch(array(
    select distinct w.region_code from worker w
    where w.id = any(ids) and not (w.xmin = pg_current_xact_id()::xid)));
$$;

create function worker_region_rev_rebuild() returns void language sql as $$
  insert into worker_region_rev (region_code, rev)
    select distinct region_code, pg_current_xact_id()::text::bigint from worker order by 1
  on conflict (region_code) do update set rev = excluded.rev;
$$;
select worker_region_rev_rebuild();

-- 3. A county's band-edge months counted by day (stats.repository.ts `rollup`): the county's serving
-- workers read once, index-only, by region (a county's ~2,000 entries), instead of one date range per
-- edge month over the whole nation (~10,000 entries each, nine of them). Above a county the date-first
-- indexes of 008_stats.sql stay the better path.
create index worker_stats_region_dates on worker (region_code, birth_date, hired_on) where status <> 'exited';

-- The planner's statistics for the rows added here (a kept national data set gets ~100,000 of each).
analyze training_rollup;
analyze worker_region_rev;
