-- Dated changes of a worker's education and political status (F-STATS: figures for a past date from
-- the history). The worker row holds the current value; each change keeps the value before and after
-- and the day it took effect, so the value on any date is: the latest change effective by then (its
-- new value), else the earliest later change's old value, else the current value.
create table worker_attribute_change (
  id bigint generated always as identity primary key,
  worker_id bigint not null references worker (id),
  attribute text not null check (attribute in ('education', 'political_status')),
  old_value text,
  new_value text,
  effective_on date not null,
  recorded_by text not null,
  recorded_at timestamptz not null default now()
);
create index worker_attribute_change_worker on worker_attribute_change (worker_id, attribute, effective_on);
