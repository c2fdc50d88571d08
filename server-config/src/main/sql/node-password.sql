-- How the local nodes log in to each other as a role. Citus opens node-to-node connections as the
-- current user, with the password pg_dist_authinfo holds for it (node 0: any node) on the node that
-- connects, so every node gets it (Citus does not copy that table). Local nodes also have the
-- pgpass file of the cluster's secrets; containers have only this. Run by the launcher on a local
-- Citus coordinator as superuser; everywhere=false stores it on the coordinator alone (before it
-- may reach the workers):
--   psql -v role=userservice -v authinfo=password=... -v everywhere=true|false -f node-password.sql
\set ON_ERROR_STOP on

SELECT set_config('bootstrap.authinfo', format(
  'DELETE FROM pg_dist_authinfo WHERE nodeid = 0 AND rolename = %L; '
  'INSERT INTO pg_dist_authinfo (nodeid, rolename, authinfo) VALUES (0, %L, %L)',
  :'role', :'role', :'authinfo'), false) \g /dev/null
\if :everywhere
DO $$
DECLARE
  failed text;
BEGIN
  SELECT string_agg(nodeid || ': ' || result, '; ') INTO failed
    FROM run_command_on_all_nodes(current_setting('bootstrap.authinfo')) WHERE NOT success;
  IF failed IS NOT NULL THEN
    RAISE EXCEPTION 'could not store the node password of % on every node: %', current_user, failed;
  END IF;
END
$$;
\else
DO $$ BEGIN EXECUTE current_setting('bootstrap.authinfo'); END $$;
\endif
SELECT set_config('bootstrap.authinfo', '', false) \g /dev/null
