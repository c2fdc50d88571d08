-- What the admin role may do on a Citus cluster beyond its membership in the service roles
-- (see admin-role.sql): call the functions of schema citus_admin, each of which does one
-- operation that Citus reserves to a superuser. Run by the launcher as superuser with Citus:
--   psql -v role=citusadmin -f admin-citus.sql
\set ON_ERROR_STOP on

GRANT EXECUTE ON FUNCTION citus_remove_node(text, integer) TO :"role";

-- Functions that need a superuser, narrowed to one operation each.
CREATE SCHEMA IF NOT EXISTS citus_admin;
REVOKE ALL ON SCHEMA citus_admin FROM PUBLIC;
GRANT USAGE ON SCHEMA citus_admin TO :"role";

-- Adding, draining and removing a node rewrite pg_dist_node on every node, which only a superuser
-- may (citus_add_node checks for one; drain and remove fail on the metadata of the other nodes).
-- Each function does that one operation, with the defaults otherwise.
CREATE OR REPLACE FUNCTION citus_admin.add_node(node_name text, node_port integer)
RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$ SELECT citus_add_node(node_name, node_port) $$;

CREATE OR REPLACE FUNCTION citus_admin.drain_node(node_name text, node_port integer, transfer_mode text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
BEGIN
    PERFORM citus_drain_node(node_name, node_port, shard_transfer_mode := transfer_mode::citus.shard_transfer_mode);
END
$$;

-- Citus removes a node that still holds leftovers of moved shards waiting for its deferred cleanup
-- (pg_dist_cleanup), and then never cleans them: a later move of the same shard back to that host
-- fails. So an empty node is removed only once they are gone.
CREATE OR REPLACE FUNCTION citus_admin.remove_node(node_name text, node_port integer)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
    leftovers bigint;
BEGIN
    SELECT count(*) INTO leftovers
      FROM pg_dist_cleanup c JOIN pg_dist_node n ON n.groupid = c.node_group_id
     WHERE n.nodename = node_name AND n.nodeport = node_port
       -- a node that still holds data: citus_remove_node says so itself, better than this would
       AND NOT EXISTS (SELECT FROM pg_dist_placement p WHERE p.groupid = n.groupid);
    IF leftovers > 0 THEN
        RAISE EXCEPTION 'cannot remove node %:% yet: it still holds % leftover(s) of moved shards that Citus has not deleted',
            node_name, node_port, leftovers
            USING ERRCODE = '55000',
                  HINT = 'Drain the node again (it deletes them when nothing uses them), or try again in a few seconds.';
    END IF;
    PERFORM citus_remove_node(node_name, node_port);
END
$$;

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
    -- A worker that does not answer fails the service's query in 2 s, not Citus' default 30 s.
    EXECUTE format('ALTER ROLE %I SET citus.node_connection_timeout = %L', service, '2s');
    PERFORM citus_schema_distribute(service::regnamespace);
    -- The coordinator reaches the workers as the service's role: its password for every node
    -- (node id 0) and for the coordinator's connections to itself (-1). Only the coordinator needs
    -- it (moves and rebalances run as the admin role, whose password every node has), and only it
    -- can have it here: the role is not committed yet, so no other session could store it.
    INSERT INTO pg_dist_authinfo (nodeid, rolename, authinfo)
    VALUES (0, service, 'password=' || password), (-1, service, 'password=' || password);
    EXECUTE format('GRANT %I TO %I', service, session_user);
END
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA citus_admin FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA citus_admin TO :"role";
