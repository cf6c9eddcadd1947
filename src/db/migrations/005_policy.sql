-- Policy as data (issue 4, F-NORM F-GRADE F-QUAL F-PAY F-BUDGET): versioned policy documents per level,
-- staffing quota adjustments with who and why, the yearly grade review, and the grade on the worker.

-- One published version of one level's policy (nation < province < city < county). Versions are never
-- overwritten: a change is a new row, so past figures can be recomputed with the policy then in force.
create table policy_document (
  id text primary key check (length(id) between 1 and 64),
  level text not null check (level in ('nation', 'province', 'city', 'county')),
  region_code varchar(12) not null references region (code),
  version int not null check (version >= 1),
  effective_from date not null,
  title text not null check (length(title) between 1 and 200),
  basis text check (length(basis) <= 500),
  -- the sections this level sets (staffing, training, incentive, grades, pay, budget), partial
  document jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (level, region_code, version)
);
create index policy_document_region on policy_document (region_code, effective_from);

-- F-NORM: an adjusted quota replaces the computed one for that region and year; every adjustment is
-- kept (the latest applies), with who, when and why.
create table staffing_adjustment (
  id bigint generated always as identity primary key,
  region_code varchar(12) not null references region (code),
  year int not null check (year between 1949 and 2200),
  quota int not null check (quota >= 0),
  reason text not null check (length(reason) between 1 and 500),
  created_by text not null,
  created_at timestamptz not null default now()
);
create index staffing_adjustment_region on staffing_adjustment (region_code, year, id);

-- F-GRADE: the yearly review, previewed as a draft, then committed once.
create table grade_review (
  id bigint generated always as identity primary key,
  region_code varchar(12) not null references region (code),
  effective_date date not null,
  status text not null default 'draft' check (status in ('draft', 'committed')),
  -- the changes: [{workerId, name, from, to, reason}]
  items jsonb not null,
  unchanged int not null default 0,
  created_by text not null,
  created_at timestamptz not null default now(),
  committed_at timestamptz,
  check ((status = 'committed') = (committed_at is not null))
);
create index grade_review_region on grade_review (region_code, id);

-- The grade a committed review gave the worker, and the date it takes effect.
alter table worker add column grade int check (grade between 1 and 30), add column grade_effective_from date;

-- The national defaults of the 2024 opinion (src/policy/defaults.ts NATIONAL_DEFAULTS; test/http/policy.test.ts checks they agree).
insert into policy_document (id, level, region_code, version, effective_from, title, basis, document, created_by)
values ('nation-2024-1', 'nation', '000000000000', 1, '2024-03-28', '《关于加强社区工作者队伍建设的意见》全国默认值',
  '中共中央办公厅 国务院办公厅《关于加强社区工作者队伍建设的意见》（2024-03-28）',
  '{"staffing":{"perTenThousand":18,"quotaLevel":"county","rounding":"ceil","withinTolerance":0},"training":{"rules":[{"appliesTo":["secretary","director","secretaryDirector"],"everyYears":1,"minTimes":1},{"appliesTo":["deputySecretary","deputyDirector","member","staff"],"everyYears":3,"minTimes":1}]},"incentive":{"positions":["secretary","secretaryDirector"],"secretaryYears":10,"fullTermRequired":true}}'::jsonb,
  '系统');
