-- What the admin role may do on a Citus cluster beyond its membership in the service roles
-- (see admin-role.sql): call the functions of schema citus_admin, each of which does one node
-- operation that Citus reserves to a superuser (onboarding a service, which a login with
-- CREATEROLE can do, is admin-onboard.sql's). Run by the launcher as superuser with Citus:
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
    -- A pinned schema stays where it is: its node is not drained (nor removed, below) until it is unpinned.
    SELECT string_agg(p.schema_name, ', ' ORDER BY p.schema_name) INTO held
      FROM citus_admin.pin p JOIN pg_dist_schema ds ON ds.schemaid::oid = p.schema_id
     WHERE p.node_name = check_node_operation.node_name AND p.node_port = check_node_operation.node_port;
    IF held IS NOT NULL AND operation IN ('drain', 'remove') THEN
        RAISE EXCEPTION 'cannot % node %:%: schema(s) % are pinned to it', operation, node_name, node_port, held
            USING ERRCODE = 'CS409', HINT = 'Unpin them first (DELETE /schemas/{name}/pin), or leave the node be.';
    END IF;
    held := NULL;
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
    -- With the default strategy's pin-keeping twin (admin-pins.sql), so no pinned schema moves.
    PERFORM citus_drain_node(node_name, node_port, shard_transfer_mode := transfer_mode::citus.shard_transfer_mode,
                             rebalance_strategy := (SELECT t.name FROM pg_dist_rebalance_strategy s
                                                      JOIN pg_dist_rebalance_strategy t ON t.name::text = 'pinned_' || s.name
                                                     WHERE s.default_strategy));
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

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA citus_admin FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA citus_admin TO :"role";
