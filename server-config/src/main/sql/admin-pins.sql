-- Pinned schemas: a distributed schema an operator keeps on the node it is on. Run by the launcher
-- on a Citus coordinator as the bootstrap's login, which owns what it makes here:
--   psql -v role=citusadmin -v superuser=true|false -f admin-pins.sql
--
-- How a pin is kept: Citus' rebalancer asks a strategy's shard_allowed_on_node_function whether a
-- shard may be on a node, for every shard it plans to move (rebalances and drains alike), and moves
-- a shard only where the answer is true. citus_admin.shard_allowed_on_node answers false for a
-- shard of a pinned schema on any node but its pin's, and each of Citus' own strategies gets a
-- twin, pinned_<name>, the same but for that function; the admin API plans, rebalances and drains
-- with the twins only. citus_rebalance_start has no list of shards to leave out
-- (get_rebalance_table_shards_plan has one, the background rebalance does not), so the strategy is
-- the one way Citus offers to have its background rebalance leave a schema alone. Adding a
-- strategy writes pg_dist_rebalance_strategy, which only a superuser may: without one, the table
-- is made (so reads work) but no pin can be set, and the admin API answers 409 saying so.
--
-- Pins are rows of citus_admin.pin, with who pinned and when (the database's clock); the admin role
-- reads them and changes them only through the functions below. A pin is for the schema itself (its
-- oid), so a schema dropped and made again under the same name is not pinned; a schema that is no
-- longer distributed has no pin: the functions forget such pins (citus_admin.forget_lost_pins) and
-- the strategy function ignores them meanwhile.
-- It runs after admin-onboard.sql, which makes schema citus_admin and lets the admin role use it.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE TABLE IF NOT EXISTS citus_admin.pin (
    schema_id   oid PRIMARY KEY,
    schema_name text NOT NULL,
    node_name   text NOT NULL,
    node_port   integer NOT NULL,
    pinned_by   text NOT NULL,
    pinned_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
REVOKE ALL ON citus_admin.pin FROM PUBLIC;
GRANT SELECT ON citus_admin.pin TO :"role";

-- Forgets the pins of schemas that are gone or no longer distributed; returns their names.
CREATE OR REPLACE FUNCTION citus_admin.forget_lost_pins()
RETURNS SETOF text
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog
AS $$
    DELETE FROM citus_admin.pin p
     WHERE NOT EXISTS (SELECT FROM pg_dist_schema s WHERE s.schemaid::oid = p.schema_id)
    RETURNING p.schema_name;
$$;
REVOKE ALL ON FUNCTION citus_admin.forget_lost_pins() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION citus_admin.forget_lost_pins() TO :"role";

\if :superuser
-- May this shard be on this node? Not a shard of a pinned schema anywhere but on its pin's node
-- (the same group: the node or its replacement). Everything else may go anywhere, as in Citus' own
-- strategies (citus_shard_allowed_on_node_true).
CREATE OR REPLACE FUNCTION citus_admin.shard_allowed_on_node(shard_id bigint, node_id integer)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
AS $$
    SELECT coalesce((
        SELECT bool_or(target.groupid = pinned.groupid)
          FROM pg_dist_shard s
          JOIN pg_class c ON c.oid = s.logicalrelid
          JOIN pg_dist_schema ds ON ds.schemaid::oid = c.relnamespace
          JOIN citus_admin.pin p ON p.schema_id = c.relnamespace
          JOIN pg_dist_node pinned ON pinned.nodename = p.node_name AND pinned.nodeport = p.node_port
          JOIN pg_dist_node target ON target.nodeid = node_id
         WHERE s.shardid = shard_id), true);
$$;
REVOKE ALL ON FUNCTION citus_admin.shard_allowed_on_node(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION citus_admin.shard_allowed_on_node(bigint, integer) TO :"role";

-- The twins of Citus' strategies that place shards anywhere (its own two, and any added later with
-- citus_shard_allowed_on_node_true): the same costs, capacities and thresholds, and the pins.
SELECT citus_add_rebalance_strategy('pinned_' || s.name, s.shard_cost_function, s.node_capacity_function,
                                    'citus_admin.shard_allowed_on_node'::regproc, s.default_threshold,
                                    s.minimum_threshold, s.improvement_threshold)
  FROM pg_dist_rebalance_strategy s
 WHERE s.shard_allowed_on_node_function = 'citus_shard_allowed_on_node_true'::regproc
   AND s.name::text NOT LIKE 'pinned\_%'
   AND NOT EXISTS (SELECT FROM pg_dist_rebalance_strategy t WHERE t.name::text = 'pinned_' || s.name)
\g /dev/null

-- Pins a distributed schema to the node its tables are on, for the API's user by_user. Refused
-- (CS409) for a schema with no table (it is on no node yet) and while a background job moves
-- shards (its plan was made without the pin). Pinning a pinned schema changes nothing and
-- answers its pin.
DROP FUNCTION IF EXISTS citus_admin.pin_schema(text, text);
CREATE FUNCTION citus_admin.pin_schema(schema_to_pin text, by_user text)
RETURNS TABLE (schema_name text, node_name text, node_port integer, pinned_by text, pinned_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
AS $$
#variable_conflict use_column
DECLARE
    schema oid;
    node record;
    job bigint;
BEGIN
    PERFORM citus_admin.forget_lost_pins();
    -- One pin or unpin at a time.
    LOCK TABLE citus_admin.pin IN SHARE ROW EXCLUSIVE MODE;
    SELECT ds.schemaid::oid INTO schema FROM pg_dist_schema ds WHERE ds.schemaid::regnamespace::text = quote_ident(schema_to_pin);
    IF schema IS NULL THEN
        RAISE EXCEPTION 'no distributed schema %', schema_to_pin USING ERRCODE = '42704';
    END IF;
    IF EXISTS (SELECT FROM citus_admin.pin p WHERE p.schema_id = schema) THEN
        RETURN QUERY SELECT p.schema_name, p.node_name, p.node_port, p.pinned_by, p.pinned_at
                       FROM citus_admin.pin p WHERE p.schema_id = schema;
        RETURN;
    END IF;
    SELECT job_id INTO job FROM pg_dist_background_job
     WHERE state IN ('scheduled', 'running', 'cancelling', 'failing') ORDER BY job_id LIMIT 1;
    IF job IS NOT NULL THEN
        RAISE EXCEPTION 'cannot pin schema % while background job % moves shards (its plan was made without the pin)',
            schema_to_pin, job
            USING ERRCODE = 'CS409', HINT = 'Wait for the rebalance to finish (GET /rebalance) or stop it (DELETE /rebalance).';
    END IF;
    SELECT DISTINCT n.nodename, n.nodeport INTO node
      FROM pg_dist_shard s
      JOIN pg_class c ON c.oid = s.logicalrelid
      JOIN pg_dist_placement pl ON pl.shardid = s.shardid
      JOIN pg_dist_node n ON n.groupid = pl.groupid AND n.noderole = 'primary'
     WHERE c.relnamespace = schema;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cannot pin schema %: it has no table yet, so it is on no node', schema_to_pin
            USING ERRCODE = 'CS409', HINT = 'Create its tables first (or distribute it onto a node: POST /schemas with host and port).';
    END IF;
    RETURN QUERY INSERT INTO citus_admin.pin AS p (schema_id, schema_name, node_name, node_port, pinned_by)
                 VALUES (schema, schema_to_pin, node.nodename, node.nodeport, by_user)
                 RETURNING p.schema_name, p.node_name, p.node_port, p.pinned_by, p.pinned_at;
END
$$;

-- Unpins a schema; returns the pin it removed, or nothing when the schema was not pinned.
DROP FUNCTION IF EXISTS citus_admin.unpin_schema(text);
CREATE FUNCTION citus_admin.unpin_schema(schema_to_unpin text)
RETURNS TABLE (schema_name text, node_name text, node_port integer, pinned_by text, pinned_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
AS $$
BEGIN
    PERFORM citus_admin.forget_lost_pins();
    LOCK TABLE citus_admin.pin IN SHARE ROW EXCLUSIVE MODE;
    RETURN QUERY DELETE FROM citus_admin.pin p WHERE p.schema_name = schema_to_unpin
                 RETURNING p.schema_name, p.node_name, p.node_port, p.pinned_by, p.pinned_at;
END
$$;

REVOKE ALL ON FUNCTION citus_admin.pin_schema(text, text), citus_admin.unpin_schema(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION citus_admin.pin_schema(text, text), citus_admin.unpin_schema(text) TO :"role";
\endif
