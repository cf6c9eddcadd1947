-- The audit log becomes append-only, and keyed checkpoints anchor its hash chain (F-ARCHIVE).
--
-- Invariants:
-- 1. audit_log and audit_checkpoint rows are never changed or removed: a trigger refuses UPDATE, DELETE
--    and TRUNCATE on both engines, for every role, the superuser included. The triggers are ENABLE
--    ALWAYS, so `session_replication_role = replica` does not silence them. No code path of the
--    application changes or removes audit rows (there is no retention purge); the only way past them
--    is the table owner's explicit `ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`,
--    which a PostgreSQL deployment keeps away from the application by running the server as a role
--    that does not own the tables and holds only INSERT and SELECT on them
--    (docs/deploy-postgres-audit.sql). Tests that simulate an attacker do exactly that.
-- 2. A checkpoint says: the chain's entry `last_id` has hash `last_hash` and is the `entry_count`-th
--    entry (ids have gaps where a transaction rolled back, so the count is kept, not derived), as
--    seen at `at`. `mac` is HMAC-SHA256 over those four values with a key kept outside the database
--    (src/domain/audit-checkpoint.ts has the exact message); `key_id` names the key without
--    revealing it. `last_id = 0` with the genesis hash and count 0 anchors an empty log.
-- 3. A checkpoint is written only after the chain from the previous valid checkpoint to `last_id`
--    has been recomputed and found intact, under the same advisory lock the writers take
--    (74270002), so it never signs a forked or broken head.
-- With (1) an honest application cannot lose audit rows; with (2) and (3) anyone who can bypass (1)
-- and edits, deletes or re-hashes entries up to a checkpoint is caught by `shequ audit verify`,
-- and a checkpoint exported out of the database catches a truncation of both tables.

create table audit_checkpoint (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  last_id bigint not null check (last_id >= 0),
  last_hash text not null check (last_hash ~ '^[0-9a-f]{64}$'),
  entry_count bigint not null check (entry_count >= 0),
  key_id text not null,
  mac text not null,
  -- why it was written: entries (every N), interval (every M minutes), startup, shutdown, cli, export, backup, restore
  reason text not null
);
create index audit_checkpoint_last on audit_checkpoint (last_id, id);

create function audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception '审计记录只能追加，不能修改或删除（表 %，操作 %）', tg_table_name, tg_op
    using errcode = 'insufficient_privilege';
end $$;

create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_append_only();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
  for each row execute function audit_append_only();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
  for each statement execute function audit_append_only();

alter table audit_log enable always trigger audit_log_append_only;
alter table audit_log enable always trigger audit_log_no_truncate;
alter table audit_checkpoint enable always trigger audit_checkpoint_append_only;
alter table audit_checkpoint enable always trigger audit_checkpoint_no_truncate;
