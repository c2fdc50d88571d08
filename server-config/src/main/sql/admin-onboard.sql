-- Onboarding a service through the admin API (POST /services): citus_admin.onboard_service, run
-- by the launcher on a Citus coordinator as the bootstrap's login, a superuser or a login with
-- CREATEROLE (what a managed Citus service gives), which then owns it:
--   psql -v role=citusadmin -f admin-onboard.sql
-- The function does what the bootstrap does for each service (service-schema.sql) with the rights
-- of its owner, so the admin role onboards a service without CREATEROLE and without the bootstrap
-- login's password: the role, the schema it owns, distributed, and the admin role's membership.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET citus.enable_schema_based_sharding = off;

CREATE SCHEMA IF NOT EXISTS citus_admin;
REVOKE ALL ON SCHEMA citus_admin FROM PUBLIC;
GRANT USAGE ON SCHEMA citus_admin TO :"role";

-- The new service's role may log in and own its schema, nothing more; nobody else gets access.
-- Where the owner is a superuser, it also stores the role's password for the coordinator's
-- connections to the nodes (pg_dist_authinfo, which only a superuser may write). Where it is not,
-- the nodes authenticate each other as the provider set them up (certificates, trust on its
-- network): on a managed service that is the provider's business, and a notice says so.
CREATE OR REPLACE FUNCTION citus_admin.onboard_service(service name, password text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
    owner_is_superuser boolean := (SELECT rolsuper FROM pg_roles WHERE rolname = current_user);
BEGIN
    IF service !~ '^[a-z_][a-z0-9_]{0,62}$' THEN
        RAISE EXCEPTION 'invalid service name %', service USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = service) THEN
        RAISE EXCEPTION 'role % already exists', service USING ERRCODE = '42710';
    END IF;
    IF EXISTS (SELECT FROM pg_namespace WHERE nspname = service) THEN
        RAISE EXCEPTION 'schema % already exists', service USING ERRCODE = '42P06';
    END IF;
    -- Only a superuser may name the superuser attribute; a CREATEROLE login's roles lack it anyway.
    EXECUTE format('CREATE ROLE %I LOGIN %s NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD %L', service,
                   CASE WHEN owner_is_superuser THEN 'NOSUPERUSER' ELSE '' END, password);
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), service);
    -- A login that is no superuser creates a schema for a role only as a member of it; by name, not
    -- CURRENT_USER, which Citus does not pass on to the workers.
    IF NOT owner_is_superuser THEN
        EXECUTE format('GRANT %I TO %I', service, current_user);
    END IF;
    EXECUTE format('CREATE SCHEMA %I AUTHORIZATION %I', service, service);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', service);
    -- A worker that does not answer fails the service's query in 2 s, not Citus' default 30 s.
    EXECUTE format('ALTER ROLE %I SET citus.node_connection_timeout = %L', service, '2s');
    -- A lock waited for 1 s (a block_writes move holds writes while it copies) ends the statement
    -- before the pool's statement timeout: the service tries again, and does not count the database gone.
    EXECUTE format('ALTER ROLE %I SET lock_timeout = %L', service, '1s');
    PERFORM citus_schema_distribute(service::regnamespace);
    IF owner_is_superuser THEN
        -- The coordinator reaches the workers as the service's role: its password for every node
        -- (node id 0) and for the coordinator's connections to itself (-1). Only the coordinator
        -- needs it (moves and rebalances run as the admin role, whose password every node has),
        -- and only it can have it here: the role is not committed yet, so no other session could
        -- store it.
        INSERT INTO pg_dist_authinfo (nodeid, rolename, authinfo)
        VALUES (0, service, 'password=' || password), (-1, service, 'password=' || password);
    ELSE
        RAISE NOTICE 'the nodes must let each other in as role % (on a managed service the provider sets that up): '
                     'only a superuser may store its password for them (pg_dist_authinfo)', service;
    END IF;
    EXECUTE format('GRANT %I TO %I', service, session_user);
END
$$;

REVOKE ALL ON FUNCTION citus_admin.onboard_service(name, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION citus_admin.onboard_service(name, text) TO :"role";
