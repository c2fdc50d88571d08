-- The admin API's login role, run on the coordinator by the launcher (and for a new service
-- by citus_admin.onboard_service):
--   psql -v role=citusadmin -v password=... -v dbname=citus -v superuser=true|false -f admin-role.sql
-- Its rights are no broader than the API's operations need where Citus allows:
--  * it may log in and read the Citus catalogs and views (PUBLIC may too);
--  * it is a member of each service role, so it acts as the owner of the services' schemas and
--    tables, which Citus requires to distribute, undistribute, move and rebalance them;
--  * adding, draining and removing a node need a superuser in Citus, and onboarding a service a
--    login that may create roles, so it may call SECURITY DEFINER functions in schema citus_admin
--    that do exactly those operations (admin-citus.sql, admin-onboard.sql), and pin schemas through
--    others (admin-pins.sql); it is not a superuser and cannot create roles or databases itself.
\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
\if :superuser
ALTER ROLE :"role" NOSUPERUSER;
\endif
ALTER ROLE :"role" WITH LOGIN NOCREATEROLE INHERIT PASSWORD :'password';
-- CREATEDB is role-createdb.sql's business (the launcher runs it next).
GRANT CONNECT, TEMPORARY ON DATABASE :"dbname" TO :"role";
