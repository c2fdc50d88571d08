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
-- CREATEDB is role-createdb.sql's business (the launcher runs it next).
-- A statement that waits 1 s for a lock ends with lock_not_available, before the pool's 2 s
-- statement timeout: the service tries it again for a while (a block_writes move holds the
-- schema's writes while it copies) and does not count the database as gone.
ALTER ROLE :"role" SET lock_timeout = '1s';

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
