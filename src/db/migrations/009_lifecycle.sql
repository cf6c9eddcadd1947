-- From recruitment to exit (issue 6; F-PROBATION F-EXIT F-INCENTIVE F-RECRUIT F-VET).

-- The national defaults gain the lifecycle section (src/policy/defaults.ts NATIONAL_LIFECYCLE; the
-- policy test checks they agree): probation length, the statutory retirement ages of the 2025 reform,
-- and the details of the secretary incentive the opinion leaves open.
update policy_document set document = document || '{"lifecycle":{"probation":{"months":6,"reminderDays":30},"retirement":{"male":{"baseAgeYears":60,"reformFromBirthMonth":"1965-01","monthsPerStep":4,"maxDelayMonths":36},"female":{"baseAgeYears":55,"reformFromBirthMonth":"1970-01","monthsPerStep":4,"maxDelayMonths":36},"reminderMonths":6,"basis":"全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定（2024-09-13，2025-01-01 起施行）"},"incentiveRules":{"provinceMovesKeepContinuity":true,"fullTermYears":5,"assessmentYears":3,"minExcellent":1}}}'::jsonb
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
