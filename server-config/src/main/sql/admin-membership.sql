-- The admin role becomes a member of a service's role, so it acts as the owner of the service's
-- schema and tables (see admin-role.sql). Run by the launcher on the coordinator for each service
-- and admin role, after both exist:
--   psql -v role=userservice -v admin=citusadmin -f admin-membership.sql
\set ON_ERROR_STOP on

GRANT :"role" TO :"admin";
