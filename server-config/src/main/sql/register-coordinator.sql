-- The coordinator's own entry in Citus' node table (group 0), made once. Run by the launcher on a
-- local Citus coordinator as superuser, with the address the other nodes reach it at:
--   psql -v host=127.0.0.1 -v port=9700 -f register-coordinator.sql
\set ON_ERROR_STOP on

SELECT citus_set_coordinator_host(:'host', :port)
 WHERE NOT EXISTS (SELECT FROM pg_dist_node WHERE groupid = 0);
