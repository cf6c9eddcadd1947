-- Exits with documents and approval, and the terms (届) register (issue 6; F-EXIT F-FILING).

-- F-EXIT: an exit is proposed (street, community or county) with its supporting documents and approved
-- or returned by the county 社会工作部; approval ends the employment through the registry's exit rows
-- in the same transaction. At most one pending request per worker.
create table exit_request (
  id bigint generated always as identity primary key,
  worker_id bigint not null references worker (id),
  region_code varchar(12) not null references region (code),
  exit_type text not null check (exit_type in ('recall', 'dismissal', 'resignation', 'retirement', 'death')),
  exit_date date not null,
  reason text not null check (length(reason) between 1 and 500),
  -- retirement only: the statutory date when proposed, and why earlier (required if the date is before it)
  statutory_retirement_date date,
  early_retirement_reason text check (length(early_retirement_reason) <= 500),
  state text not null default 'pending' check (state in ('pending', 'approved', 'returned')),
  proposed_on date not null,
  proposed_by text not null,
  decided_on date,
  decided_by text,
  decision_note text check (length(decision_note) <= 500),
  created_at timestamptz not null default now()
);
create unique index exit_request_one_open on exit_request (worker_id) where state = 'pending';
create index exit_request_region on exit_request (region_code varchar_pattern_ops, state);

-- The documents of a request (离岗材料); the file itself is optional and kept in the database.
create table exit_document (
  id bigint generated always as identity primary key,
  request_id bigint not null references exit_request (id),
  region_code varchar(12) not null references region (code),
  kind text not null check (kind in ('recallResolution', 'resignationLetter', 'dismissalNotice', 'retirementApproval', 'deathCertificate', 'other')),
  title text not null check (length(title) between 1 and 200),
  doc_number text check (length(doc_number) <= 100),
  doc_date date not null,
  file_name text,
  mime text,
  size_bytes int check (size_bytes between 1 and 5242880),
  sha256 char(64),
  content bytea,
  uploaded_by text,
  uploaded_at timestamptz
);
create index exit_document_request on exit_document (request_id);

-- F-FILING "terms served": the terms (届) of a community's 两委 with their members and positions. A term
-- is closed by the next election (换届, served to its end) or early.
create table community_term (
  id bigint generated always as identity primary key,
  region_code varchar(12) not null references region (code),
  term_number int not null check (term_number between 1 and 99),
  elected_on date not null,
  ends_on date not null,
  closed_on date,
  close_reason text check (close_reason in ('election', 'early')),
  close_note text check (length(close_note) <= 500),
  created_by text not null,
  created_at timestamptz not null default now(),
  unique (region_code, term_number),
  check ((closed_on is null) = (close_reason is null))
);
create index community_term_region on community_term (region_code varchar_pattern_ops);

create table community_term_member (
  id bigint generated always as identity primary key,
  term_id bigint not null references community_term (id),
  worker_id bigint not null references worker (id),
  position text not null check (position in ('secretaryDirector', 'secretary', 'director', 'deputySecretary', 'deputyDirector', 'member')),
  added_by text not null,
  -- a member entered by mistake is removed, not deleted (the row and the audit keep who and when)
  removed_at timestamptz,
  removed_by text
);
create unique index community_term_member_one on community_term_member (term_id, worker_id) where removed_at is null;
create index community_term_member_worker on community_term_member (worker_id);
