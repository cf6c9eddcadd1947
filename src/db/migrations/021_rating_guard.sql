-- Residents' ratings that cannot be stuffed (issue 12 item 11, F-SUPERVISE / F-ASSESS). A fresh device
-- cookie per vote let 40 votes from 2 addresses push a community from 12/14 satisfied to 22 %.
--
-- Invariants:
-- 1. Every ballot has a status: 'counted' (in the satisfaction rate), 'capped' (over the per-address cap
--    of the window), 'held' (part of a burst from one address or subnet, pending the county's review),
--    'accepted' (capped or held, then accepted by the county: counted) or 'discarded' (by the county:
--    never counted). Only 'counted' and 'accepted' ballots feed any rate — the public page, the staff
--    pages and the assessment's satisfaction figure alike (assessmentRepository.ratingCounts).
-- 2. flag_reason and flag_group are set exactly when a ballot has been capped or held (and stay through
--    the review): the reason ('address_cap', 'address_burst', 'subnet_burst') and the group the rule
--    counted (the address or subnet digest), which a review decides as a whole.
-- 3. A ballot keeps the address only as digests (address_hash: the address; subnet_hash: its IPv4 /24
--    or IPv6 /64), salted per plan so windows cannot be linked; staff see groups, never addresses (the
--    audit entry of each ballot keeps the request's address, as for every action). Ballots from before
--    this migration have none and stay counted.
-- 4. A ballot is classified in its own transaction under an advisory lock per plan, so two ballots of
--    one burst cannot both miss each other; a burst holds, retroactively, the ballots of its group
--    inside the burst's time span.
-- 5. Verification (the code on the notice board) is required in every rating window unless a row here
--    says otherwise for that window and community; switching it off is a county decision with a reason
--    (the service checks who), audited like every change.
alter table resident_ballot add column address_hash varchar(64);
alter table resident_ballot add column subnet_hash varchar(64);
alter table resident_ballot add column status text not null default 'counted'
  check (status in ('counted', 'capped', 'held', 'accepted', 'discarded'));
alter table resident_ballot add column flag_reason text check (flag_reason in ('address_cap', 'address_burst', 'subnet_burst'));
alter table resident_ballot add column flag_group varchar(64);
alter table resident_ballot add column reviewed_by text;
alter table resident_ballot add column reviewed_at timestamptz;
alter table resident_ballot add column review_note text check (length(review_note) <= 200);
alter table resident_ballot add constraint resident_ballot_flagged
  check ((status = 'counted') = (flag_reason is null) and (flag_reason is null) = (flag_group is null));
alter table resident_ballot add constraint resident_ballot_reviewed
  check ((status in ('accepted', 'discarded')) = (reviewed_at is not null));
create index resident_ballot_address on resident_ballot (plan_id, region_code, address_hash, created_at);
create index resident_ballot_subnet on resident_ballot (plan_id, region_code, subnet_hash, created_at);
create index resident_ballot_flag on resident_ballot (plan_id, region_code, flag_group) where flag_group is not null;

-- Per rating window (plan) and community: verification switched off (or on again) by the county.
create table rating_window_setting (
  plan_id bigint not null references assessment_plan (id),
  region_code varchar(12) not null references region (code),
  verification_required boolean not null,
  reason text check (length(reason) between 1 and 200),
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (plan_id, region_code),
  check (verification_required or reason is not null)
);

-- Windows already open follow the new default: the code is required. (Before this migration the plan's
-- frozen `verification` was never read; a community's own switch stays in community_rating_setting,
-- whose code is kept and reused.)
update assessment_plan set rules = jsonb_set(rules, '{verification}', 'true'::jsonb)
  where status = 'open' and rules ? 'verification';

-- The demo's example policy was stored with the old default (verification off); a document an office
-- published itself keeps what it says.
update policy_document set document = jsonb_set(document, '{assessment,verification}', 'true'::jsonb)
  where created_by = '系统（演示数据）' and document->'assessment'->>'verification' = 'false';
