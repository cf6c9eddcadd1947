-- A revision per worker for everything the grade and pay engine reads about them besides the worker row
-- itself (whose own changes show in its xmin): employment periods, positions, qualifications and the
-- approved assessment years (entries, the plan's approval, consequences, 容错纠错 decisions).
-- The statistics' pay section keeps each worker's computed pay in memory with `worker.xmin:rev` and
-- recomputes only the workers whose revision moved, so the figure set stays live and a county's pay
-- figures do not run the engine for 2,000 unchanged workers on every request.
--
-- rev is the id of the transaction that last touched the worker's history. A change made in the
-- same transaction that created (or last updated) the worker row is skipped: that row's xmin is new
-- anyway, so no reader can hold the earlier state. This keeps the spreadsheet import, which COPYs
-- 100,000 new workers and their history rows in one transaction, from writing 100,000 revisions.

create table worker_rev (
  worker_id bigint primary key references worker (id),
  rev bigint not null
);

create function worker_rev_touch(ids bigint[]) returns void language sql as $$
  insert into worker_rev (worker_id, rev)
    select distinct t.id, pg_current_xact_id()::text::bigint
    from unnest(ids) as t(id)
    where not exists (select 1 from worker w where w.id = t.id and w.xmin = pg_current_xact_id()::xid)
  on conflict (worker_id) do update set rev = excluded.rev;
$$;

create function worker_rev_insert() returns trigger language plpgsql as $$
begin
  perform worker_rev_touch(array(select distinct worker_id from new_rows));
  return null;
end $$;

create function worker_rev_update() returns trigger language plpgsql as $$
begin
  perform worker_rev_touch(array(select worker_id from new_rows union select worker_id from old_rows));
  return null;
end $$;

create function worker_rev_delete() returns trigger language plpgsql as $$
begin
  perform worker_rev_touch(array(select distinct worker_id from old_rows));
  return null;
end $$;

do $$
declare t text;
begin
  foreach t in array array['worker_period', 'worker_position', 'worker_qualification', 'assessment_entry', 'assessment_consequence', 'assessment_fault_tolerance'] loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows for each statement execute function worker_rev_insert()', t || '_rev_insert', t);
    execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows for each statement execute function worker_rev_update()', t || '_rev_update', t);
    execute format('create trigger %I after delete on %I referencing old table as old_rows for each statement execute function worker_rev_delete()', t || '_rev_delete', t);
  end loop;
end $$;

-- A plan's status decides whether its results count (only approved plans do): every worker of a plan
-- whose status changed.
create function worker_rev_plan() returns trigger language plpgsql as $$
begin
  perform worker_rev_touch(array(
    select distinct e.worker_id from new_rows n join old_rows o on o.id = n.id join assessment_entry e on e.plan_id = n.id
    where n.status is distinct from o.status));
  return null;
end $$;

create trigger assessment_plan_rev_update after update on assessment_plan referencing old table as old_rows new table as new_rows
  for each statement execute function worker_rev_plan();
