-- Two-factor sign-in (两步验证, RFC 6238 TOTP) with recovery codes.
--
-- Invariants:
-- 1. A user has at most one TOTP secret (user_totp.user_id is the key). The secret is stored sealed
--    (`v1:` AES-256-GCM under SHEQU_SECRET_KEY, kept outside the database) or, without that key, as
--    `plain:` base32 — and is returned to nobody after enrolment: only the enrolment answer carries it.
-- 2. confirmed_at null = enrolment started, not yet confirmed: the user signs in without a code. Two-factor
--    sign-in is on exactly when confirmed_at is set.
-- 3. last_step only moves forward (the update that records a used code requires last_step < the new
--    step), so a code — or an older one — is accepted at most once, even by two requests at the same time.
-- 4. Recovery codes are kept as SHA-256 only; used_at is set once (the update requires used_at is null),
--    so each code signs in at most once. Enrolment, disabling and an administrator's reset replace or
--    delete the user's codes in the same transaction as the secret.
create table user_totp (
  user_id bigint primary key references app_user (id),
  secret text not null,
  confirmed_at timestamptz,
  last_step bigint,
  created_at timestamptz not null default now()
);

create table user_recovery_code (
  id bigint generated always as identity primary key,
  user_id bigint not null references app_user (id),
  code_hash text not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index user_recovery_code_user on user_recovery_code (user_id);
