-- Takes CREATEDB from a role of the product where the bootstrap's login may, run on the coordinator
-- by the launcher after service-schema.sql and admin-role.sql, for each role they set up:
--   psql -v role=userservice -f role-createdb.sql
\set ON_ERROR_STOP on

-- CREATEDB: from PostgreSQL 16 on, only a login that has it (or a superuser) may name it for
-- another role, even to deny it; a role made by a CREATEROLE login without it lacks it anyway. So
-- the attribute is named only where this login may, and otherwise a role that has it stops the
-- bootstrap by name (alike on every major, though 15 would still let this login change it).
SELECT rolsuper OR rolcreatedb AS may_name_createdb FROM pg_roles WHERE rolname = current_user \gset
\if :may_name_createdb
ALTER ROLE :"role" NOCREATEDB;
\else
SELECT format('DO $refuse$ BEGIN RAISE EXCEPTION %L; END $refuse$',
              format('role %s may create databases, and %s, which may not, does not change that attribute '
                     '(PostgreSQL 16 and later refuse it): ALTER ROLE %s NOCREATEDB as a login that may, then '
                     'run the bootstrap again', :'role', current_user, :'role'))
  FROM pg_roles WHERE rolname = :'role' AND rolcreatedb \gexec
\endif
