-- Why a login that gets into another database of the coordinator does not get into this one: the
-- launcher's diagnosis of a failed login runs it there and prints missing (no such database),
-- no-connect (the login lacks CONNECT on it), closed (it takes no connections) or open:
--   psql -At -v db=citus -f login-database.sql
\set ON_ERROR_STOP on

SELECT CASE WHEN d.oid IS NULL THEN 'missing'
            WHEN NOT has_database_privilege(d.oid, 'CONNECT') THEN 'no-connect'
            WHEN NOT d.datallowconn THEN 'closed'
            ELSE 'open' END
  FROM (SELECT) AS one LEFT JOIN pg_database d ON d.datname = :'db';
