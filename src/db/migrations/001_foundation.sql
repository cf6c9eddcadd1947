-- Foundation: regions and population, users, sessions, sign-in attempts, API tokens, audit log.

create table region (
  code varchar(12) primary key check (code ~ '^[0-9]{12}$'),
  parent_code varchar(12) references region (code),
  level text not null check (level in ('nation', 'province', 'city', 'county', 'street', 'community')),
  name text not null check (length(name) between 1 and 100),
  -- 居委会 / 村委会 / other, derived from the village digits at write time (communities only)
  committee_type text check (committee_type in ('residents', 'villagers', 'special')),
  -- 城乡分类代码 (111, 112, 121, 122, 123, 210, 220), editable
  urban_rural_class varchar(3),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- Subtree queries are `code like prefix || '%'`; varchar_pattern_ops keeps them on the index under any collation.
create index region_code_pattern on region (code varchar_pattern_ops);
create index region_parent on region (parent_code);

create table region_population (
  region_code varchar(12) not null references region (code),
  year int not null check (year between 1949 and 2200),
  -- 城镇常住人口: the denominator of the staffing norm
  urban_resident_population int not null check (urban_resident_population >= 0),
  total_resident_population int check (total_resident_population >= 0),
  updated_at timestamptz not null default now(),
  primary key (region_code, year)
);

create table app_user (
  id bigint generated always as identity primary key,
  username text not null unique check (username ~ '^[A-Za-z0-9_.-]{3,40}$'),
  display_name text not null,
  role text not null check (role in ('sysadmin', 'province', 'city', 'county_swd', 'county_org', 'street', 'community', 'worker')),
  region_code varchar(12) not null references region (code),
  password_hash text not null,
  disabled boolean not null default false,
  must_change_password boolean not null default false,
  failed_attempts int not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index app_user_region on app_user (region_code varchar_pattern_ops);

create table user_session (
  -- sha-256 of the cookie value; the cookie itself is never stored
  id text primary key,
  user_id bigint not null references app_user (id),
  csrf_token text not null,
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index user_session_user on user_session (user_id);

create table login_attempt (
  id bigint generated always as identity primary key,
  username text not null,
  ip text not null,
  success boolean not null,
  at timestamptz not null default now()
);
create index login_attempt_user on login_attempt (username, at);
create index login_attempt_ip on login_attempt (ip, at);

create table api_token (
  id bigint generated always as identity primary key,
  name text not null,
  token_hash text not null unique,
  region_code varchar(12) not null references region (code),
  access text not null check (access in ('read', 'write')),
  created_by bigint not null references app_user (id),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_at timestamptz not null default now()
);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  actor_type text not null check (actor_type in ('user', 'token', 'system')),
  actor_id text not null,
  actor_name text not null,
  action text not null,
  entity_type text not null,
  entity_id text,
  -- region of the entity, so the viewer can scope entries by subtree
  region_code varchar(12),
  before jsonb,
  after jsonb,
  ip text,
  prev_hash text not null,
  hash text not null
);
create index audit_log_region on audit_log (region_code varchar_pattern_ops, id);
create index audit_log_entity on audit_log (entity_type, entity_id);

-- The root of the region tree: every province hangs under it; a nation-wide administrator sits here.
insert into region (code, parent_code, level, name) values ('000000000000', null, 'nation', '全国');
