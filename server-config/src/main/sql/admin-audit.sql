-- The admin API's audit trail: every request that changes the cluster, whoever made it and
-- whatever became of it (admin-war's audit package writes it, GET /audit reads it). Run by the
-- launcher on the coordinator as the bootstrap login, which owns the tables; the admin role may
-- only read them and add rows:
--   psql -v role=citusadmin -f admin-audit.sql
-- A request's record is written, and committed, before the operation runs (an operation whose
-- record cannot be written does not run); its outcome is a row of its own, added once when the
-- answer is known; a rebalance's end is a third, added once Citus says the job ended. So nothing
-- is ever updated, and no row may be: triggers refuse UPDATE, DELETE and TRUNCATE to everyone,
-- the owner included, and the admin role has no privilege for them either. Times are the
-- database's own (column defaults the admin role may not set).
\set ON_ERROR_STOP on
SET client_min_messages = warning;

-- A plain schema of the coordinator, whatever the cluster's setting for new schemas: the trail
-- is not a tenant to distribute.
SET citus.enable_schema_based_sharding = off;

CREATE SCHEMA IF NOT EXISTS admin_audit;
REVOKE ALL ON SCHEMA admin_audit FROM PUBLIC;

-- What was asked: who (the admin API's login), from where, the operation, the HTTP method and
-- path, and its parameters (path and query parameters, and the body, JSON as sent or an excerpt
-- of what was not JSON; members named like a secret are replaced by the API before writing).
CREATE TABLE IF NOT EXISTS admin_audit.request (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    user_name  text NOT NULL,
    address    text,
    operation  text NOT NULL,
    method     text NOT NULL,
    path       text NOT NULL,
    parameters jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS request_user_name ON admin_audit.request (user_name, id);
CREATE INDEX IF NOT EXISTS request_operation ON admin_audit.request (operation, id);
CREATE INDEX IF NOT EXISTS request_at ON admin_audit.request (at);

-- What came of it: the HTTP status, the problem's title and detail when it failed or was
-- refused, Citus' notices, and the background job a rebalance started. One per request.
CREATE TABLE IF NOT EXISTS admin_audit.outcome (
    request_id bigint PRIMARY KEY REFERENCES admin_audit.request,
    at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    status     integer NOT NULL,
    title      text,
    detail     text,
    notices    text[] NOT NULL DEFAULT '{}',
    job_id     bigint
);

-- When a long operation (a rebalance's background job) ended, and how, as Citus recorded it.
CREATE TABLE IF NOT EXISTS admin_audit.job_end (
    request_id bigint PRIMARY KEY REFERENCES admin_audit.outcome,
    ended_at   timestamptz NOT NULL,
    state      text NOT NULL
);

CREATE OR REPLACE FUNCTION admin_audit.refuse_change()
RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog
AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on %.% is not allowed', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = '42501';
END
$$;

DO $$
DECLARE
    audited text;
BEGIN
    FOREACH audited IN ARRAY ARRAY['request', 'outcome', 'job_end'] LOOP
        IF NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid = ('admin_audit.' || audited)::regclass
                                                AND tgname = 'append_only') THEN
            EXECUTE format('CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON admin_audit.%I '
                           'FOR EACH ROW EXECUTE FUNCTION admin_audit.refuse_change()', audited);
            EXECUTE format('CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON admin_audit.%I '
                           'FOR EACH STATEMENT EXECUTE FUNCTION admin_audit.refuse_change()', audited);
        END IF;
    END LOOP;
END
$$;

-- Records the end of every audited rebalance whose Citus job has ended and has none yet, with the
-- time Citus gives. Owned by the bootstrap login, so the admin role adds ends only this way and
-- cannot make up their times. On a cluster without Citus there are no jobs, so nothing to do.
CREATE OR REPLACE FUNCTION admin_audit.record_job_ends()
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
AS $$
DECLARE
    added integer;
BEGIN
    IF to_regclass('pg_catalog.pg_dist_background_job') IS NULL THEN
        RETURN 0;
    END IF;
    INSERT INTO admin_audit.job_end (request_id, ended_at, state)
    SELECT o.request_id, coalesce(j.finished_at, clock_timestamp()), j.state::text
      FROM admin_audit.outcome o
      JOIN pg_dist_background_job j ON j.job_id = o.job_id
     WHERE o.job_id IS NOT NULL
       AND j.state IN ('finished', 'cancelled', 'failed')
       AND NOT EXISTS (SELECT FROM admin_audit.job_end e WHERE e.request_id = o.request_id)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    RETURN added;
END
$$;
REVOKE ALL ON FUNCTION admin_audit.record_job_ends() FROM PUBLIC;

GRANT USAGE ON SCHEMA admin_audit TO :"role";
GRANT SELECT ON admin_audit.request, admin_audit.outcome, admin_audit.job_end TO :"role";
GRANT INSERT (user_name, address, operation, method, path, parameters) ON admin_audit.request TO :"role";
GRANT INSERT (request_id, status, title, detail, notices, job_id) ON admin_audit.outcome TO :"role";
GRANT EXECUTE ON FUNCTION admin_audit.record_job_ends() TO :"role";
