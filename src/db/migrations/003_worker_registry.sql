-- The worker registry (一人一档, F-SCOPE F-ARCHIVE F-REALLOC F-QUAL): the full record, its dated
-- history (employment periods, positions with terms, qualifications) and the search indexes.

alter table worker add column political_status text
  check (political_status in ('party', 'probationaryParty', 'league', 'democraticParty', 'nonParty', 'masses'));
-- 最高学历 and 全日制学历
alter table worker add column education text check (education in ('doctorate', 'master', 'bachelor', 'associate', 'secondary'));
alter table worker add column education_fulltime text check (education_fulltime in ('doctorate', 'master', 'bachelor', 'associate', 'secondary'));
alter table worker add column major text;
alter table worker add column social_work_major boolean not null default false;
-- 户籍/居住地 for 就近就便
alter table worker add column home_region_code varchar(12) references region (code);
alter table worker add column veteran boolean not null default false;
alter table worker add column graduate_entrant boolean not null default false;
alter table worker add column graduate_year int check (graduate_year between 1950 and 2200);
-- highest qualification held, kept in step with worker_qualification for search
alter table worker add column qualification text check (qualification in ('assistant', 'intermediate', 'senior'));
alter table worker add column exit_type text check (exit_type in ('recall', 'dismissal', 'resignation', 'retirement', 'death'));
alter table worker add column exit_date date;
alter table worker add column exit_reason text;
alter table worker add constraint worker_position_check
  check (position in ('secretaryDirector', 'secretary', 'director', 'deputySecretary', 'deputyDirector', 'member', 'staff'));
alter table worker add constraint worker_exit_check check ((status = 'exited') = (exit_type is not null));

create index worker_name on worker (name varchar_pattern_ops);
create index worker_id_number on worker (id_number);

-- 任职经历: employment periods in a community (or street). Years of community work are computed from these.
create table worker_period (
  id bigint generated always as identity primary key,
  worker_id bigint not null references worker (id),
  region_code varchar(12) not null references region (code),
  start_date date not null,
  end_date date,
  origin text not null check (origin in ('elected', 'recruited', 'gridConverted', 'transfer')),
  end_type text check (end_type in ('transfer', 'recall', 'dismissal', 'resignation', 'retirement', 'death')),
  end_reason text,
  check (end_date is null or end_date >= start_date),
  check ((end_date is null) = (end_type is null))
);
create index worker_period_worker on worker_period (worker_id);
create index worker_period_region on worker_period (region_code varchar_pattern_ops);

-- 职务: positions with start and end, and the election term (届) for the two committees.
create table worker_position (
  id bigint generated always as identity primary key,
  worker_id bigint not null references worker (id),
  region_code varchar(12) not null references region (code),
  position text not null check (position in ('secretaryDirector', 'secretary', 'director', 'deputySecretary', 'deputyDirector', 'member', 'staff')),
  start_date date not null,
  end_date date,
  term text,
  check (end_date is null or end_date >= start_date)
);
create index worker_position_worker on worker_position (worker_id);

-- 职业水平证书
create table worker_qualification (
  id bigint generated always as identity primary key,
  worker_id bigint not null references worker (id),
  level text not null check (level in ('assistant', 'intermediate', 'senior')),
  certificate_no text,
  obtained_on date not null
);
create index worker_qualification_worker on worker_qualification (worker_id);
