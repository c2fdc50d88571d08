-- One worker in Citus' node table, added once. Run by the launcher on a local Citus coordinator as
-- superuser, with the address the coordinator reaches the worker at:
--   psql -v host=127.0.0.1 -v port=9701 -f register-worker.sql
\set ON_ERROR_STOP on

SELECT citus_add_node(:'host', :port)
 WHERE NOT EXISTS (SELECT FROM pg_dist_node WHERE nodename = :'host' AND nodeport = :port);
