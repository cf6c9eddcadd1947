-- Annual assessment (issue 5, F-ASSESS F-REWARD F-SUPERVISE): the county's yearly plan, the scores the
-- street or community enters, the approved and locked results, the consequences proposed and confirmed,
-- fault-tolerance (容错纠错) decisions, the workers' public duty profiles and residents' ratings.

-- One plan per county and year. The rules are frozen into the plan from the policy in force when the
-- county issues it (labels, weights, bands, quota, floor, rating window …), so a later policy edit does
-- not change a year already being assessed. open → approved (locked: nothing about it changes).
create table assessment_plan (
  id bigint generated always as identity primary key,
  region_code varchar(12) not null references region (code),
  year int not null check (year between 2000 and 2200),
  title text not null check (length(title) between 1 and 200),
  rules jsonb not null,
  rating_from date not null,
  rating_to date not null,
  status text not null default 'open' check (status in ('open', 'approved')),
  created_by text not null,
  created_at timestamptz not null default now(),
  approved_by text,
  approved_at timestamptz,
  check (rating_from <= rating_to),
  check ((status = 'approved') = (approved_at is not null)),
  unique (region_code, year)
);

-- One worker's scores and result in a plan; region_code is the worker's community (scope is a prefix on it).
-- rated = false: not rated (不定等次) with the reason (probation, fewer months than the policy asks).
create table assessment_entry (
  id bigint generated always as identity primary key,
  plan_id bigint not null references assessment_plan (id),
  worker_id bigint not null references worker (id),
  region_code varchar(12) not null references region (code),
  rated boolean not null,
  unrated_reason text,
  political_quality numeric(5, 2) check (political_quality between 0 and 100),
  work_performance numeric(5, 2) check (work_performance between 0 and 100),
  resident_satisfaction numeric(5, 2) check (resident_satisfaction between 0 and 100),
  total numeric(5, 2),
  result text check (result in ('excellent', 'competent', 'basic', 'fail')),
  -- the rules that decided the result (band, satisfaction floor, chosen lower), as shown to the user
  explanation jsonb,
  scored_by text,
  scored_at timestamptz,
  unique (plan_id, worker_id)
);
create index assessment_entry_region on assessment_entry (plan_id, region_code varchar_pattern_ops);
create index assessment_entry_worker on assessment_entry (worker_id);

-- Consequences proposed from the approved results, applied on confirmation (F-ASSESS, F-REWARD).
-- Contracts and dismissals are decided elsewhere (issue 6): these rows are the proposal and its decision.
create table assessment_consequence (
  id bigint generated always as identity primary key,
  plan_id bigint not null references assessment_plan (id),
  worker_id bigint not null references worker (id),
  region_code varchar(12) not null references region (code),
  year int not null,
  kind text not null check (kind in ('early_step', 'delayed_step', 'renewal', 'non_renewal', 'dismissal_review', 'reward', 'sanction')),
  reason text not null,
  status text not null default 'proposed' check (status in ('proposed', 'confirmed', 'rejected', 'waived')),
  decided_by text,
  decided_at timestamptz,
  note text,
  unique (plan_id, worker_id, kind)
);
create index assessment_consequence_region on assessment_consequence (plan_id, region_code varchar_pattern_ops);
create index assessment_consequence_worker on assessment_consequence (worker_id, year);

-- 容错纠错: a decision that a worker's 基本合格/不合格 of a year is not held against them (no delayed step,
-- no non-renewal, no dismissal review, no sanction). Kept with the reason and who decided.
create table assessment_fault_tolerance (
  id bigint generated always as identity primary key,
  plan_id bigint not null references assessment_plan (id),
  worker_id bigint not null references worker (id),
  region_code varchar(12) not null references region (code),
  year int not null,
  reason text not null check (length(reason) between 1 and 1000),
  decided_by text not null,
  decided_at timestamptz not null default now(),
  unique (plan_id, worker_id)
);

-- F-SUPERVISE 职责公开、服务承诺: what the public community page shows of a worker (no photo, no ID).
create table worker_public_profile (
  worker_id bigint primary key references worker (id),
  duties text not null default '' check (length(duties) <= 500),
  commitments text not null default '' check (length(commitments) <= 500),
  updated_by text not null,
  updated_at timestamptz not null default now()
);

-- Per community: whether residents must type the code printed on the notice (公示验证码).
create table community_rating_setting (
  region_code varchar(12) primary key references region (code),
  verification_required boolean not null,
  verification_code varchar(12),
  updated_by text not null,
  updated_at timestamptz not null default now(),
  check (not verification_required or verification_code is not null)
);

-- Residents' ratings: one ballot per device per community per plan (the window); the device is a
-- random cookie, stored hashed. A ballot rates the community and any of its workers.
create table resident_ballot (
  id bigint generated always as identity primary key,
  plan_id bigint not null references assessment_plan (id),
  region_code varchar(12) not null references region (code),
  device_hash varchar(64) not null,
  created_at timestamptz not null default now(),
  unique (plan_id, region_code, device_hash)
);
create table resident_rating (
  ballot_id bigint not null references resident_ballot (id),
  plan_id bigint not null,
  region_code varchar(12) not null,
  -- null: the community itself
  worker_id bigint references worker (id),
  score text not null check (score in ('satisfied', 'basic', 'unsatisfied'))
);
create index resident_rating_target on resident_rating (plan_id, region_code, worker_id);
