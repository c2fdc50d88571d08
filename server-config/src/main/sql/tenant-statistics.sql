-- Citus' statistics per distributed schema (citus_stat_tenants: queries and CPU in the current and
-- the last period), which the admin API's GET /activity and the console show. Off by default in
-- Citus; kept where queries run, so on every node. Periods of 10 s let a burst show within seconds.
-- Run by the launcher on a local Citus coordinator as superuser:
--   psql -f tenant-statistics.sql
\set ON_ERROR_STOP on

DO $$
DECLARE
  command text;
  failed text;
BEGIN
  FOREACH command IN ARRAY ARRAY[
      $c$ALTER SYSTEM SET citus.stat_tenants_track = 'all'$c$,
      $c$ALTER SYSTEM SET citus.stat_tenants_period = 10$c$,
      $c$SELECT pg_reload_conf()$c$] LOOP
    SELECT string_agg(nodeid || ': ' || result, '; ') INTO failed
      FROM run_command_on_all_nodes(command) WHERE NOT success;
    IF failed IS NOT NULL THEN
      RAISE EXCEPTION 'could not turn on tenant statistics on every node (%): %', command, failed;
    END IF;
  END LOOP;
END
$$;
