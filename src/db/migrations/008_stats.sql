-- The statistics system (F-STATS §6.16): live roll-ups of the workforce kept by triggers in the writing
-- transaction, year-end snapshots that never change, and the indexes the as-of-date figures need.

-- One count per (region, dimension, bucket) for the street, county, city, province and nation above each worker.
-- Age and years of service move with the date, so birth and hire dates are rolled up by month
-- ('YYYY-MM') and put into bands when read; the few months a band edge cuts through are read by day
-- from the worker table (stats.repository.ts). Communities are not rolled up: a street's workers are few
-- enough to count directly (its figures read the workers of its communities).
create table stats_rollup (
  region_code varchar(12) not null,
  dim text not null,
  bucket text not null,
  n int not null,
  primary key (region_code, dim, bucket)
);

-- The dimension keys of one worker row, one row per (ancestor region, dimension, bucket). Serving
-- workers (not exited) count in every figure; 'joined' counts every record by the month it began,
-- 'exited' every exit by its month (joiners and leavers of a period, F-EXIT).
create function stats_keys(w worker) returns table (region_code varchar(12), dim text, bucket text)
language sql immutable as $$
  select l.code::varchar(12), k.dim, k.bucket
  from (values ('000000000000'), (substr(w.region_code, 1, 2) || '0000000000'), (substr(w.region_code, 1, 4) || '00000000'),
               (substr(w.region_code, 1, 6) || '000000'), (substr(w.region_code, 1, 9) || '000')) l(code),
       (values
         ('total', case when w.status <> 'exited' then '' end),
         ('category', case when w.status <> 'exited' then w.category end),
         ('position', case when w.status <> 'exited' then w.position end),
         ('status', case when w.status <> 'exited' then w.status end),
         ('gender', case when w.status <> 'exited' then w.gender end),
         ('ethnicity', case when w.status <> 'exited' then coalesce(w.ethnicity, '') end),
         ('political', case when w.status <> 'exited' then coalesce(w.political_status, '') end),
         ('education', case when w.status <> 'exited' then coalesce(w.education, '') end),
         ('socialWorkMajor', case when w.status <> 'exited' then w.social_work_major::text end),
         ('qualification', case when w.status <> 'exited' then coalesce(w.qualification, 'none') end),
         ('grade', case when w.status <> 'exited' then coalesce(w.grade::text, '') end),
         ('veteran', case when w.status <> 'exited' then w.veteran::text end),
         ('graduate', case when w.status <> 'exited' then w.graduate_entrant::text end),
         ('birth', case when w.status <> 'exited' then to_char(w.birth_date, 'YYYY-MM') end),
         ('hired', case when w.status <> 'exited' then to_char(w.hired_on, 'YYYY-MM') end),
         ('joined', to_char(w.hired_on, 'YYYY-MM')),
         ('exited', case when w.status = 'exited' then to_char(w.exit_date, 'YYYY-MM') end)
       ) k(dim, bucket)
  where k.bucket is not null
$$;

-- Adds signed counts in one statement, in key order (two writers lock shared rows in the same order,
-- so they queue instead of deadlocking).
create function stats_add(codes varchar[], dims text[], buckets text[], deltas int[]) returns void
language sql as $$
  insert into stats_rollup (region_code, dim, bucket, n)
  select c, d, b, sum(x)::int from unnest(codes, dims, buckets, deltas) t(c, d, b, x)
  group by 1, 2, 3 having sum(x) <> 0 order by 1, 2, 3
  on conflict (region_code, dim, bucket) do update set n = stats_rollup.n + excluded.n
$$;

-- Statement-level triggers with transition tables: a bulk insert of 5,000 workers is one aggregated
-- upsert, a single edit a handful of rows; keys that do not change cancel out.
create function stats_worker_insert() returns trigger language plpgsql as $$
begin
  perform stats_add(array_agg(k.region_code), array_agg(k.dim), array_agg(k.bucket), array_agg(1))
  from new_rows w cross join lateral stats_keys(w) k;
  return null;
end $$;

create function stats_worker_update() returns trigger language plpgsql as $$
begin
  perform stats_add(array_agg(u.region_code), array_agg(u.dim), array_agg(u.bucket), array_agg(u.sign))
  from (select k.*, 1 as sign from new_rows w cross join lateral stats_keys(w) k
        union all select k.*, -1 from old_rows w cross join lateral stats_keys(w) k) u;
  return null;
end $$;

create function stats_worker_delete() returns trigger language plpgsql as $$
begin
  perform stats_add(array_agg(k.region_code), array_agg(k.dim), array_agg(k.bucket), array_agg(-1))
  from old_rows w cross join lateral stats_keys(w) k;
  return null;
end $$;

create trigger stats_worker_insert after insert on worker referencing new table as new_rows
  for each statement execute function stats_worker_insert();
create trigger stats_worker_update after update on worker referencing old table as old_rows new table as new_rows
  for each statement execute function stats_worker_update();
create trigger stats_worker_delete after delete on worker referencing old table as old_rows
  for each statement execute function stats_worker_delete();

-- Rebuilds the roll-up from the worker table (after a bulk load with the triggers disabled, or to
-- check it): streets first, then each level above summed from the one below.
create function stats_rebuild() returns void language sql as $$
  delete from stats_rollup;
  insert into stats_rollup (region_code, dim, bucket, n)
    select k.region_code, k.dim, k.bucket, count(*)::int from worker w cross join lateral stats_keys(w) k
    where substr(k.region_code, 10) = '000' and substr(k.region_code, 7, 3) <> '000'
    group by 1, 2, 3;
  insert into stats_rollup (region_code, dim, bucket, n)
    select substr(region_code, 1, 6) || '000000', dim, bucket, sum(n)::int from stats_rollup
    where substr(region_code, 7, 3) <> '000' group by 1, 2, 3;
  insert into stats_rollup (region_code, dim, bucket, n)
    select substr(region_code, 1, 4) || '00000000', dim, bucket, sum(n)::int from stats_rollup
    where substr(region_code, 5, 2) <> '00' and substr(region_code, 7) = '000000' group by 1, 2, 3;
  insert into stats_rollup (region_code, dim, bucket, n)
    select substr(region_code, 1, 2) || '0000000000', dim, bucket, sum(n)::int from stats_rollup
    where substr(region_code, 3, 2) <> '00' and substr(region_code, 5) = '00000000' group by 1, 2, 3;
  insert into stats_rollup (region_code, dim, bucket, n)
    select '000000000000', dim, bucket, sum(n)::int from stats_rollup
    where region_code <> '000000000000' and substr(region_code, 3) = '0000000000' group by 1, 2, 3;
$$;
select stats_rebuild();

-- The months a band edge cuts through are counted by day; these keep that to an index-only range.
create index worker_stats_birth on worker (birth_date, region_code) where status <> 'exited';
create index worker_stats_hired on worker (hired_on, region_code) where status <> 'exited';
create index worker_stats_joined on worker (hired_on, region_code);
create index worker_stats_exit on worker (exit_date, region_code) where exit_date is not null;
-- As-of-date figures walk the periods that covered the date.
create index worker_period_stats on worker_period (region_code, start_date, end_date, worker_id);
create index worker_position_stats on worker_position (worker_id, start_date);
-- Quotas are cached per region and year until a population row, adjustment or policy changes (stats.service.ts).
create index region_population_updated on region_population (updated_at);

-- Year-end snapshots (F-STATS): the figure set of a region as of 31 December, approved once by the
-- office of that level, never changed afterwards; later corrections show as differences against it.
create table stats_snapshot (
  id bigint generated always as identity primary key,
  region_code varchar(12) not null references region (code),
  year int not null check (year between 1949 and 2200),
  as_of date not null,
  figures jsonb not null,
  approved_by text not null,
  approved_at timestamptz not null default now(),
  unique (region_code, year)
);

create function stats_snapshot_frozen() returns trigger language plpgsql as $$
begin
  raise exception 'stats_snapshot rows are frozen (F-STATS): % refused', tg_op;
end $$;
create trigger stats_snapshot_frozen before update or delete on stats_snapshot
  for each row execute function stats_snapshot_frozen();
