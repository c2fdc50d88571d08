-- One service's schema made a distributed schema (placed whole on one worker), once, run by the
-- launcher on a Citus coordinator after service-schema.sql:
--   psql -v role=userservice -f service-distribute.sql
\set ON_ERROR_STOP on

-- A worker that does not answer fails a service's query in 2 s, not Citus' default 30 s.
ALTER ROLE :"role" SET citus.node_connection_timeout = '2s';
SELECT citus_schema_distribute(:'role')
 WHERE NOT EXISTS (SELECT FROM citus_schemas WHERE schema_name::text = :'role');
