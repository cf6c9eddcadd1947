-- From recruitment to exit (issue 6; F-PROBATION F-EXIT F-INCENTIVE F-RECRUIT F-VET).

-- The national defaults gain the lifecycle section (src/policy/defaults.ts NATIONAL_LIFECYCLE; the
-- policy test checks they agree): probation length, the statutory retirement ages of the 2025 reform,
-- and the details of the secretary incentive the opinion leaves open.
update policy_document set document = document || '{"lifecycle":{"probation":{"months":6,"reminderDays":30},"retirement":{"male":{"baseAgeYears":60,"reformFromBirthMonth":"1965-01","monthsPerStep":4,"maxDelayMonths":36},"female":{"baseAgeYears":55,"reformFromBirthMonth":"1970-01","monthsPerStep":4,"maxDelayMonths":36},"reminderMonths":6,"basis":"全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定（2024-09-13，2025-01-01 起施行）"},"contract":{"reminderDays":60},"incentiveRules":{"provinceMovesKeepContinuity":true,"fullTermYears":5,"assessmentYears":3,"minExcellent":1}}}'::jsonb
where id = 'nation-2024-1';

-- F-PROBATION: the screening at the end of probation. Pass makes the worker regular (在岗); fail ends
-- the employment (解聘, with the reason). One decision per worker.
create table probation_review (
  id bigint generated always as identity primary key,
  worker_id bigint not null unique references worker (id),
  region_code varchar(12) not null references region (code),
  result text not null check (result in ('pass', 'fail')),
  decided_on date not null,
  -- the probation's end as the policy gave it when decided
  due_on date not null,
  opinion text not null check (length(opinion) between 1 and 500),
  decided_by text not null,
  created_at timestamptz not null default now()
);
create index probation_review_region on probation_review (region_code varchar_pattern_ops);

-- F-RECRUIT (§2.3): a recruitment plan of a city or county, its posts per community (or street), the
-- eligibility rules and score weights it announced, and preference bonuses (highest one applies).
create table recruitment_plan (
  id bigint generated always as identity primary key,
  region_code varchar(12) not null references region (code),
  title text not null check (length(title) between 1 and 200),
  status text not null default 'open' check (status in ('open', 'closed')),
  -- the date ages are computed on (usually the announcement's closing date)
  reference_date date not null,
  max_age int check (max_age between 16 and 70),
  min_education text check (min_education in ('doctorate', 'master', 'bachelor', 'associate', 'secondary')),
  -- applicants must live (户籍/居住地) inside this region; null = anywhere
  residence_region varchar(12) references region (code),
  written_percent int not null check (written_percent between 0 and 100),
  -- bonus points in hundredths, for 高校毕业生, 退役军人, 社会工作专业, 网格员转聘 (就高不累加)
  bonus jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now()
);
create index recruitment_plan_region on recruitment_plan (region_code varchar_pattern_ops);

create table recruitment_post (
  id bigint generated always as identity primary key,
  plan_id bigint not null references recruitment_plan (id),
  region_code varchar(12) not null references region (code),
  posts int not null check (posts between 1 and 1000),
  unique (plan_id, region_code)
);

-- Applicants: scores in hundredths; the vetting (政治把关) record; the offer and the hired worker.
create table recruitment_applicant (
  id bigint generated always as identity primary key,
  plan_id bigint not null references recruitment_plan (id),
  post_id bigint not null references recruitment_post (id),
  region_code varchar(12) not null references region (code),
  name text not null,
  id_number varchar(18) not null,
  gender text not null check (gender in ('male', 'female')),
  birth_date date not null,
  phone varchar(11),
  education text check (education in ('doctorate', 'master', 'bachelor', 'associate', 'secondary')),
  major text,
  political_status text,
  home_region_code varchar(12) references region (code),
  graduate boolean not null default false,
  graduate_year int,
  veteran boolean not null default false,
  social_work boolean not null default false,
  grid_worker boolean not null default false,
  written_score int check (written_score between 0 and 10000),
  interview_score int check (interview_score between 0 and 10000),
  vetting text not null default 'pending' check (vetting in ('pending', 'passed', 'failed')),
  vetting_note text,
  vetted_by text,
  status text not null default 'applied' check (status in ('applied', 'offered', 'hired')),
  offered_on date,
  worker_id bigint references worker (id),
  created_at timestamptz not null default now(),
  unique (plan_id, id_number)
);
create index recruitment_applicant_plan on recruitment_applicant (plan_id, post_id);

-- F-FILING (§4.9): each community party secretary's appointment (the position row) is filed with the
-- county organization department: submitted, then filed or returned with the reason; a returned
-- filing may be submitted again (a new row), so the history stays.
create table secretary_filing (
  id bigint generated always as identity primary key,
  worker_id bigint not null references worker (id),
  position_id bigint not null references worker_position (id),
  region_code varchar(12) not null references region (code),
  status text not null default 'submitted' check (status in ('submitted', 'filed', 'returned')),
  submitted_on date not null,
  submitted_by text not null,
  note text,
  reviewed_on date,
  reviewed_by text,
  return_reason text,
  check ((status = 'returned') = (return_reason is not null)),
  check ((status = 'submitted') = (reviewed_on is null))
);
create index secretary_filing_worker on secretary_filing (worker_id, position_id);
create index secretary_filing_region on secretary_filing (region_code varchar_pattern_ops);

-- F-RESERVE (§2.2): the reserve talent pool for community party secretaries: nominated, tracked, then
-- selected (became secretary) or removed, with who, when and why.
create table reserve_candidate (
  id bigint generated always as identity primary key,
  worker_id bigint not null references worker (id),
  region_code varchar(12) not null references region (code),
  status text not null default 'nominated' check (status in ('nominated', 'selected', 'removed')),
  nominated_on date not null,
  nominated_by text not null,
  reason text not null check (length(reason) between 1 and 500),
  decided_on date,
  decided_by text,
  decision_note text
);
create unique index reserve_candidate_open on reserve_candidate (worker_id) where status = 'nominated';
create index reserve_candidate_region on reserve_candidate (region_code varchar_pattern_ops);

-- F-CONTRACT (§5.12): labour contracts with the street (first and renewals; open-ended when end_date is
-- null), with whether social insurance and the housing fund are paid; and subsidies for major tasks,
-- disasters and emergencies (who, what, amount in fen, approval).
create table labour_contract (
  id bigint generated always as identity primary key,
  worker_id bigint not null references worker (id),
  region_code varchar(12) not null references region (code),
  kind text not null check (kind in ('first', 'renewal')),
  start_date date not null,
  end_date date,
  social_insurance boolean not null,
  housing_fund boolean not null,
  signed_by text not null,
  created_at timestamptz not null default now(),
  check (end_date is null or end_date >= start_date)
);
create index labour_contract_worker on labour_contract (worker_id, start_date);

create table worker_subsidy (
  id bigint generated always as identity primary key,
  worker_id bigint not null references worker (id),
  region_code varchar(12) not null references region (code),
  kind text not null check (kind in ('majorTask', 'disaster', 'emergency')),
  reason text not null check (length(reason) between 1 and 500),
  amount_fen bigint not null check (amount_fen > 0),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  requested_on date not null,
  requested_by text not null,
  decided_on date,
  decided_by text,
  decision_note text
);
create index worker_subsidy_region on worker_subsidy (region_code varchar_pattern_ops);

-- F-CARE, F-SUPERVISE, F-INCENTIVE honours: dated records about a worker — heart-to-heart talks,
-- economic responsibility audits, health checks (scheduled, done), holiday visits, difficulties the
-- worker reported (with the response and when resolved), honours and candidacies.
create table care_record (
  id bigint generated always as identity primary key,
  worker_id bigint not null references worker (id),
  region_code varchar(12) not null references region (code),
  kind text not null check (kind in ('talk', 'audit', 'healthCheck', 'holidayVisit', 'difficulty', 'honour', 'candidacy')),
  title text not null check (length(title) between 1 and 200),
  scheduled_on date,
  done_on date,
  summary text,
  response text,
  resolved_on date,
  created_by text not null,
  created_at timestamptz not null default now(),
  check (scheduled_on is not null or done_on is not null)
);
create index care_record_worker on care_record (worker_id);
create index care_record_region on care_record (region_code varchar_pattern_ops, kind);

-- F-CADRE (§2.3): cadres sent to communities (挂职/任职) and new civil servants' community stints, kept
-- apart from the worker table, so they never count in the headcount.
create table cadre_stint (
  id bigint generated always as identity primary key,
  region_code varchar(12) not null references region (code),
  name text not null check (length(name) between 1 and 50),
  id_number varchar(18) not null,
  home_unit text not null check (length(home_unit) between 1 and 200),
  kind text not null check (kind in ('attachment', 'appointment', 'newCivilServant')),
  role text,
  start_date date not null,
  end_date date,
  created_by text not null,
  created_at timestamptz not null default now(),
  check (end_date is null or end_date >= start_date)
);
create index cadre_stint_region on cadre_stint (region_code varchar_pattern_ops);
