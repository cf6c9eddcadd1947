-- shequ on PostgreSQL with an application role that cannot change or delete audit rows.
--
-- Two roles: the migration role owns the database and its tables and runs `shequ migrate`; the
-- server runs as the application role, which may read and write the business tables but only
-- INSERT and SELECT the audit log and its checkpoints. Migration 019's trigger refuses UPDATE, DELETE
-- and TRUNCATE on those two tables for every role as well; only the owner could switch it off
-- (ALTER TABLE … DISABLE TRIGGER), and the server does not run as the owner.
--
-- 1. As a superuser (e.g. `psql -U postgres`), once:
--      create role shequ_owner login password '…';
--      create role shequ_app login password '…';
--      create database shequ owner shequ_owner;
-- 2. As the migration role, create the schema:
--      DATABASE_URL=postgres://shequ_owner:…@host:5432/shequ npx shequ migrate
-- 3. As the migration role, connected to that database, run this file:
--      psql "postgres://shequ_owner:…@host:5432/shequ" -v ON_ERROR_STOP=1 -f docs/deploy-postgres-audit.sql
-- 4. Run the server as the application role, with the audit key outside the database:
--      DATABASE_URL=postgres://shequ_app:…@host:5432/shequ SHEQU_AUDIT_KEY_FILE=/etc/shequ/audit.key npx shequ serve
--    (the key file is created with mode 0600 on first start if missing; give every server of one
--    database the same file, and keep a copy apart from the database backups.)
-- Later upgrades: run step 2 again as shequ_owner before starting the new version; the default
-- privileges below give new tables the same rights, and the server (shequ_app) refuses to apply
-- migrations itself with a message saying so.
-- test/security/audit-append-only.test.ts runs this file against a real server.

grant usage on schema public to shequ_app;
grant select, insert, update, delete on all tables in schema public to shequ_app;
grant usage, select on all sequences in schema public to shequ_app;

-- The audit log and its checkpoints: append and read only.
revoke update, delete, truncate on audit_log, audit_checkpoint from shequ_app;

-- Tables and sequences that later migrations (run by shequ_owner) create get the same rights; the
-- audit tables already exist, so no later table inherits their restriction by accident.
alter default privileges in schema public grant select, insert, update, delete on tables to shequ_app;
alter default privileges in schema public grant usage, select on sequences to shequ_app;
