-- What the bootstrap's login may do on the coordinator, read by the launcher before it sets
-- anything up: superuser, CREATEROLE, whether the database has the citus extension, and whether
-- the login may create schemas there (t or f each, one line):
--   psql -At -F ' ' -f login-rights.sql
\set ON_ERROR_STOP on

SELECT r.rolsuper, r.rolcreaterole,
       EXISTS (SELECT FROM pg_extension WHERE extname = 'citus'),
       has_database_privilege(current_database(), 'CREATE')
  FROM pg_roles r WHERE r.rolname = current_user;
