-- One service's login role and the schema it owns, run on the coordinator by the launcher:
--   psql -v role=userservice -v password=... -v dbname=citus -v superuser=true|false -f service-schema.sql
-- Idempotent: running it again only resets the password. Citus propagates the role, its
-- password and the schema to the workers.
\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec

-- A service role may log in and own its schema; nothing more. Only a superuser may name the
-- superuser attribute (-v superuser=true); a CREATEROLE login creates roles without it anyway.
\if :superuser
ALTER ROLE :"role" NOSUPERUSER;
\endif
ALTER ROLE :"role" WITH LOGIN NOCREATEROLE NOINHERIT PASSWORD :'password';
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

-- Only the roles granted CONNECT reach the database; the schema is the service's alone:
-- no USAGE for PUBLIC, so no other service role can read or write it.
REVOKE ALL ON DATABASE :"dbname" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"dbname" TO :"role";
-- A login that is no superuser creates a schema for a role only as a member of it (PostgreSQL 15).
-- By name, not CURRENT_USER, which Citus does not pass on to the workers.
\if :superuser
\else
SELECT format('GRANT %I TO %I', :'role', current_user) \gexec
\endif
CREATE SCHEMA IF NOT EXISTS AUTHORIZATION :"role";
REVOKE ALL ON SCHEMA :"role" FROM PUBLIC;
-- public holds nothing of ours; nobody creates objects there (PostgreSQL 15's default, made explicit).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
