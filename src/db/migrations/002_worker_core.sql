-- The core of the worker record (一人一档). The registry issue extends it with positions, periods,
-- qualifications and history tables; the foundation needs it for the demo worker account.

create table worker (
  id bigint generated always as identity primary key,
  -- the community (or street) the worker belongs to: data scope is a prefix test on it
  region_code varchar(12) not null references region (code),
  name text not null check (length(name) between 1 and 50),
  -- 公民身份号码, normalised to 18 characters
  id_number varchar(18) not null check (id_number ~ '^[0-9]{17}[0-9X]$'),
  gender text not null check (gender in ('male', 'female')),
  birth_date date not null,
  ethnicity text,
  phone varchar(11),
  -- committee: 社区"两委"专职成员; staff: 社区专职工作人员
  category text not null check (category in ('committee', 'staff')),
  position text not null,
  status text not null check (status in ('active', 'probation', 'exited')),
  hired_on date not null,
  user_id bigint references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One person, one active record (F-ARCHIVE): an ID number cannot be active twice.
create unique index worker_active_id_number on worker (id_number) where status <> 'exited';
