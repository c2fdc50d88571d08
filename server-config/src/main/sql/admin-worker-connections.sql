-- How the admin API's sessions reach the workers, run by the launcher on a Citus coordinator after
-- admin-role.sql:
--   psql -v role=citusadmin -f admin-worker-connections.sql
-- Its sessions keep no connection to a worker between statements: a cached connection to a worker
-- that then stopped made the next query that reads every worker (the schemas' sizes, the console's
-- map) wait, statement timeout or not, until that worker was back (Citus 13 and 14, measured: 11 to
-- 19 s, as long as the worker was away). The API's statements are few, so opening the connections
-- each time costs little; a worker that does not answer fails the attempt in 5 s, not Citus'
-- default 30 s.
\set ON_ERROR_STOP on

ALTER ROLE :"role" SET citus.max_cached_conns_per_worker = 0;
ALTER ROLE :"role" SET citus.node_connection_timeout = '5s';
