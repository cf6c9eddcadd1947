-- Training (issue 5, F-TRAIN F-TRAIN-RULE F-FACULTY F-MENTOR F-ALLPOST): programs, enrolment with
-- attendance and completion, the trainer pool and resource library, mentor pairs and all-post certification.

-- A training program (培训班). The organiser is a region (province, city, county or street); its level
-- is the organiser level. Data scope: the organiser's subtree manages it; enrolments carry the
-- worker's region so each office sees its own people.
create table training_program (
  id bigint generated always as identity primary key,
  region_code varchar(12) not null references region (code),
  organiser_level text not null check (organiser_level in ('province', 'city', 'county', 'street')),
  -- the organiser's code prefix (2, 4, 6 or 9 digits): a program is visible to offices below its organiser
  scope_prefix varchar(12) not null,
  title text not null check (length(title) between 1 and 200),
  -- 示范 demonstration / 重点 key / 骨干 backbone / 全员 all
  tier text not null check (tier in ('demonstration', 'key', 'backbone', 'all')),
  -- 初任 initial / 在职 inService / 专项 special / 实践锻炼 practice
  type text not null check (type in ('initial', 'inService', 'special', 'practice')),
  subjects text[] not null,
  hours numeric(6, 1) not null check (hours > 0 and hours <= 2000),
  start_date date not null,
  end_date date not null,
  mode text not null check (mode in ('offline', 'online')),
  location text check (length(location) <= 200),
  description text check (length(description) <= 2000),
  created_by text not null,
  created_at timestamptz not null default now(),
  check (end_date >= start_date)
);
create index training_program_region on training_program (region_code, start_date);
create index training_program_dates on training_program (start_date, end_date);

-- One worker in one program: enrolled, then completed (结业, counts for the rule) or absent.
create table training_enrolment (
  id bigint generated always as identity primary key,
  program_id bigint not null references training_program (id),
  worker_id bigint not null references worker (id),
  -- the worker's region at enrolment: scope test for the enrolment lists
  region_code varchar(12) not null references region (code),
  status text not null default 'enrolled' check (status in ('enrolled', 'completed', 'absent')),
  attended_hours numeric(6, 1) check (attended_hours >= 0),
  completed_on date,
  certificate_no text check (length(certificate_no) <= 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (program_id, worker_id),
  check ((status = 'completed') = (completed_on is not null))
);
create index training_enrolment_region on training_enrolment (region_code, program_id);
-- The compliance list reads each worker's completions by worker id, newest first.
create index training_enrolment_completed on training_enrolment (worker_id, completed_on desc) where status = 'completed';

-- F-FACULTY 师资库: trainers kept at city level and above.
create table training_trainer (
  id bigint generated always as identity primary key,
  region_code varchar(12) not null references region (code),
  name text not null check (length(name) between 1 and 50),
  title text check (length(title) <= 100),
  organisation text check (length(organisation) <= 200),
  subjects text[] not null,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index training_trainer_region on training_trainer (region_code);

-- F-FACULTY 资源库: documents, links, and the case library of 社区工作法 典型案例.
create table training_resource (
  id bigint generated always as identity primary key,
  region_code varchar(12) not null references region (code),
  kind text not null check (kind in ('document', 'link', 'case')),
  title text not null check (length(title) between 1 and 200),
  url text check (length(url) <= 1000),
  summary text check (length(summary) <= 4000),
  subjects text[] not null,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index training_resource_region on training_resource (region_code, kind);

-- F-MENTOR 导师帮带: an experienced worker paired with a newer one for a period.
create table training_mentor_pair (
  id bigint generated always as identity primary key,
  mentor_id bigint not null references worker (id),
  mentee_id bigint not null references worker (id),
  -- the mentee's region: the scope test
  region_code varchar(12) not null references region (code),
  start_date date not null,
  end_date date,
  note text check (length(note) <= 500),
  created_by text not null,
  created_at timestamptz not null default now(),
  check (mentor_id <> mentee_id),
  check (end_date is null or end_date >= start_date)
);
create index training_mentor_pair_region on training_mentor_pair (region_code);

-- F-ALLPOST 全岗通: a worker certified able to handle every post of the community's service desk.
create table training_allpost_certification (
  id bigint generated always as identity primary key,
  worker_id bigint not null references worker (id),
  region_code varchar(12) not null references region (code),
  certified_on date not null,
  certificate_no text check (length(certificate_no) <= 100),
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (worker_id, certified_on)
);
create index training_allpost_region on training_allpost_certification (region_code);

-- The training section gains how a cycle is measured (src/policy/policy.schema.ts): the shipped national
-- defaults get calendar windows from 2024 and a 90-day "due soon" horizon. These fields did not exist
-- before, so no earlier figure changes.
update policy_document
set document = jsonb_set(document, '{training}', (document -> 'training') || '{"window":"calendar","windowStartYear":2024,"dueSoonDays":90}'::jsonb)
where id = 'nation-2024-1' and document ? 'training';
