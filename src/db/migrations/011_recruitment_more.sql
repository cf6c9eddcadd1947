-- Recruitment, continued (issue 6; F-RECRUIT): the plan's further announced conditions, closing a plan,
-- and the county's decision of a tie at a post's last place.

-- Further conditions of the announcement (src/domain/recruitment.ts ExtraConditions):
-- {"partyMember":bool, "localYears":int|null, "noCriminalRecord":bool, "healthy":bool,
--  "socialWorkQualification":"assistant"|"intermediate"|"senior"|null, "custom":[text…]}
alter table recruitment_plan add column conditions jsonb not null default '{}'::jsonb;
alter table recruitment_plan add column closed_on date;
alter table recruitment_plan add column closed_by text;
alter table recruitment_plan add column close_note text;

-- What the applicant declares or the county records for those conditions; null = not yet known.
alter table recruitment_applicant add column local_hukou boolean;
alter table recruitment_applicant add column residence_years int check (residence_years between 0 and 100);
alter table recruitment_applicant add column no_record_declared boolean;
alter table recruitment_applicant add column health text not null default 'pending' check (health in ('pending', 'passed', 'failed'));
alter table recruitment_applicant add column sw_qualification text check (sw_qualification in ('assistant', 'intermediate', 'senior'));
-- the county's check of each custom condition, by its index in the plan: {"0":{"met":true,"note":"…"}}
alter table recruitment_applicant add column custom_checks jsonb not null default '{}'::jsonb;

-- A tie straddling a post's last place decided by the county (e.g. by 加试): the tied group as it
-- stood, the applicants who take the places in order, and why. One decision per tied group.
create table recruitment_tie_decision (
  id bigint generated always as identity primary key,
  plan_id bigint not null references recruitment_plan (id),
  post_id bigint not null references recruitment_post (id),
  region_code varchar(12) not null references region (code),
  rank int not null,
  applicant_ids jsonb not null,
  winner_ids jsonb not null,
  reason text not null check (length(reason) between 1 and 500),
  decided_on date not null,
  decided_by text not null,
  created_at timestamptz not null default now()
);
create index recruitment_tie_decision_plan on recruitment_tie_decision (plan_id);
