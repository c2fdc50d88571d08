-- What the admin role may do on a Citus cluster beyond its membership in the service roles
-- (see admin-role.sql): call the functions of schema citus_admin, each of which does one
-- operation that Citus reserves to a superuser. Run by the launcher as superuser with Citus:
--   psql -v role=citusadmin -f admin-citus.sql
\set ON_ERROR_STOP on

-- Nodes are removed through citus_admin.remove_node only, which refuses what would break the
-- cluster (an earlier version granted citus_remove_node itself).
REVOKE EXECUTE ON FUNCTION citus_remove_node(text, integer) FROM :"role";

-- Citus' statistics per distributed schema (citus_stat_tenants, the admin API's GET /activity)
-- are for members of pg_monitor: read-only access to the server's statistics and settings.
GRANT pg_monitor TO :"role";

-- Functions that need a superuser, narrowed to one operation each.
CREATE SCHEMA IF NOT EXISTS citus_admin;
REVOKE ALL ON SCHEMA citus_admin FROM PUBLIC;
GRANT USAGE ON SCHEMA citus_admin TO :"role";

-- Node operations that would leave the cluster broken, or a schema without a home, are refused
-- here, in the transaction that would do them, with SQLSTATE CS409 (the admin API answers 409):
-- adding a node twice; draining or removing the coordinator (it holds the metadata and routes
-- every query; Citus itself would remove it); any drain or removal while a background job (a
-- rebalance) moves shards; removing a node that still holds schemas (drain it first); and draining
-- or removing the last node that may take schemas. Reference tables, which Citus copies to
-- every node by itself, do not count as held.
CREATE OR REPLACE FUNCTION citus_admin.check_node_operation(operation text, node_name text, node_port integer)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
    node pg_dist_node;
    job bigint;
    held text;
    others bigint;
BEGIN
    SELECT * INTO node FROM pg_dist_node WHERE nodename = node_name AND nodeport = node_port;
    IF operation = 'add' THEN
        IF FOUND THEN
            RAISE EXCEPTION 'node %:% is already in the cluster, as the %', node_name, node_port,
                CASE WHEN node.groupid = 0 THEN 'coordinator' ELSE 'worker of group ' || node.groupid END
                USING ERRCODE = 'CS409';
        END IF;
        RETURN;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no node %:% in the cluster', node_name, node_port USING ERRCODE = '42704';
    END IF;
    IF node.groupid = 0 THEN
        RAISE EXCEPTION 'cannot % the coordinator %:%: it holds the cluster''s metadata and routes every query',
            operation, node_name, node_port
            USING ERRCODE = 'CS409', HINT = 'Only workers can be drained or removed.';
    END IF;
    SELECT job_id INTO job FROM pg_dist_background_job
     WHERE state IN ('scheduled', 'running', 'cancelling', 'failing') ORDER BY job_id LIMIT 1;
    IF job IS NOT NULL THEN
        RAISE EXCEPTION 'cannot % node %:% while background job % moves shards', operation, node_name, node_port, job
            USING ERRCODE = 'CS409', HINT = 'Wait for the rebalance to finish (GET /rebalance) or stop it (DELETE /rebalance).';
    END IF;
    IF operation = 'remove' THEN
        SELECT string_agg(DISTINCT c.relnamespace::regnamespace::text, ', ') INTO held
          FROM pg_dist_placement p
          JOIN pg_dist_shard s ON s.shardid = p.shardid
          JOIN pg_dist_partition t ON t.logicalrelid = s.logicalrelid AND t.repmodel <> 't'
          JOIN pg_class c ON c.oid = s.logicalrelid
         WHERE p.groupid = node.groupid;
        IF held IS NOT NULL THEN
            RAISE EXCEPTION 'cannot remove node %:%: it holds schema(s) %', node_name, node_port, held
                USING ERRCODE = 'CS409', HINT = 'Drain it first: its schemas move to the other workers.';
        END IF;
    END IF;
    IF node.shouldhaveshards AND node.isactive AND node.noderole = 'primary' THEN
        SELECT count(*) INTO others FROM pg_dist_node
         WHERE nodeid <> node.nodeid AND shouldhaveshards AND isactive AND noderole = 'primary';
        IF others = 0 THEN
            RAISE EXCEPTION 'cannot % node %:%: it is the only node that may hold schemas, so they would have no home',
                operation, node_name, node_port
                USING ERRCODE = 'CS409', HINT = 'Add a worker first (POST /nodes).';
        END IF;
    END IF;
END
$$;

-- Adding, draining and removing a node rewrite pg_dist_node on every node, which only a superuser
-- may (citus_add_node checks for one; drain and remove fail on the metadata of the other nodes).
-- Each function does that one operation, with the defaults otherwise, once the check allows it.
CREATE OR REPLACE FUNCTION citus_admin.add_node(node_name text, node_port integer)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
BEGIN
    PERFORM citus_admin.check_node_operation('add', node_name, node_port);
    RETURN citus_add_node(node_name, node_port);
END
$$;

CREATE OR REPLACE FUNCTION citus_admin.drain_node(node_name text, node_port integer, transfer_mode text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
BEGIN
    PERFORM citus_admin.check_node_operation('drain', node_name, node_port);
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
    PERFORM citus_admin.check_node_operation('remove', node_name, node_port);
    SELECT count(*) INTO leftovers
      FROM pg_dist_cleanup c JOIN pg_dist_node n ON n.groupid = c.node_group_id
     WHERE n.nodename = node_name AND n.nodeport = node_port;
    IF leftovers > 0 THEN
        RAISE EXCEPTION 'cannot remove node %:% yet: it still holds % leftover(s) of moved shards that Citus has not deleted',
            node_name, node_port, leftovers
            USING ERRCODE = 'CS409',
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
