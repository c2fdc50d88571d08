-- What the admin role may do on a Citus cluster beyond its membership in the service roles
-- (see admin-role.sql). Run by the launcher as superuser when Citus is in use:
--   psql -v role=citusadmin -f admin-citus.sql
\set ON_ERROR_STOP on

GRANT EXECUTE ON FUNCTION citus_drain_node(text, integer, citus.shard_transfer_mode, name) TO :"role";
GRANT EXECUTE ON FUNCTION citus_remove_node(text, integer) TO :"role";

-- Functions that need a superuser, narrowed to one operation each.
CREATE SCHEMA IF NOT EXISTS citus_admin;
REVOKE ALL ON SCHEMA citus_admin FROM PUBLIC;
GRANT USAGE ON SCHEMA citus_admin TO :"role";

-- citus_add_node requires a superuser: adds one primary worker, nothing else.
CREATE OR REPLACE FUNCTION citus_admin.add_node(node_name text, node_port integer)
RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$ SELECT citus_add_node(node_name, node_port) $$;

-- A new service: its login role, the schema it owns, distributed; the admin role becomes a
-- member (to manage the schema) and nobody else gets access. Creating roles needs CREATEROLE,
-- which the admin role does not have.
CREATE OR REPLACE FUNCTION citus_admin.onboard_service(service name, password text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
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
    EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD %L', service, password);
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), service);
    EXECUTE format('CREATE SCHEMA %I AUTHORIZATION %I', service, service);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', service);
    PERFORM citus_schema_distribute(service::regnamespace);
    -- The coordinator reaches the workers as the service's role: its password for every node
    -- (node id 0) and for the coordinator's connections to itself (-1).
    INSERT INTO pg_dist_authinfo (nodeid, rolename, authinfo)
    VALUES (0, service, 'password=' || password), (-1, service, 'password=' || password);
    EXECUTE format('GRANT %I TO %I', service, session_user);
END
$$;

REVOKE ALL ON FUNCTION citus_admin.add_node(text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION citus_admin.onboard_service(name, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION citus_admin.add_node(text, integer) TO :"role";
GRANT EXECUTE ON FUNCTION citus_admin.onboard_service(name, text) TO :"role";
