package org.citusschemas.admin.citus;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.citusschemas.admin.citus.Records.Activity;
import org.citusschemas.admin.citus.Records.Cleanup;
import org.citusschemas.admin.citus.Records.DistributedSchema;
import org.citusschemas.admin.citus.Records.Leftover;
import org.citusschemas.admin.citus.Records.Node;
import org.citusschemas.admin.citus.Records.NodeAddress;
import org.citusschemas.admin.citus.Records.NodePlacement;
import org.citusschemas.admin.citus.Records.Pin;
import org.citusschemas.admin.citus.Records.PlannedMove;
import org.citusschemas.admin.citus.Records.RebalanceJob;
import org.citusschemas.admin.citus.Records.SchemaActivity;
import org.citusschemas.admin.citus.Records.Strategy;
import org.citusschemas.admin.citus.Records.TablePlacement;
import org.citusschemas.admin.citus.Records.Task;

/**
 * Every Citus function and view the admin API uses, one method per operation, through
 * {@code jdbc/citusadmin}. Each call runs on its own connection in autocommit mode (Citus runs
 * moves and rebalances outside a transaction block) and first checks that Citus is there.
 */
@ApplicationScoped
public class CitusOperations {

    public static final String DATASOURCE = "jdbc/citusadmin";
    private static final Logger LOG = Logger.getLogger(CitusOperations.class.getName());

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    /** One statement's work: reads rows, or runs a function, on a prepared statement. */
    @FunctionalInterface
    interface Work<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    // ---------------------------------------------------------------- schemas

    private static final String SCHEMAS = """
            SELECT s.schema_name::text, s.colocation_id, s.schema_owner::text,
                   coalesce(sum(sh.shard_size), 0), pg_size_pretty(coalesce(sum(sh.shard_size), 0)),
                   min(sh.nodename), min(sh.nodeport),
                   coalesce(array_agg(sh.shardid ORDER BY sh.shardid) FILTER (WHERE sh.shardid IS NOT NULL), '{}'),
                   p.node_name, p.node_port, p.pinned_by, p.pinned_at
              FROM citus_schemas s
              LEFT JOIN citus_shards sh ON sh.colocation_id = s.colocation_id AND sh.citus_table_type = 'schema'
              LEFT JOIN citus_admin.pin p ON p.schema_id = s.schema_name::oid
             WHERE ?::text IS NULL OR s.schema_name::text = ?
             GROUP BY 1, 2, 3, 9, 10, 11, 12
             ORDER BY 1""";

    public List<DistributedSchema> schemas() throws SQLException {
        return schemas(ownConnections);
    }

    private List<DistributedSchema> schemas(Session on) throws SQLException {
        return on.query(SCHEMAS, s -> {
            s.setNull(1, Types.VARCHAR);
            s.setNull(2, Types.VARCHAR);
            return readSchemas(s);
        }).result();
    }

    public Optional<DistributedSchema> schema(String name) throws SQLException {
        return query(SCHEMAS, s -> {
            s.setString(1, name);
            s.setString(2, name);
            return readSchemas(s);
        }).result().stream().findFirst();
    }

    public boolean schemaExists(String name) throws SQLException {
        return query("SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = ?)", s -> {
            s.setString(1, name);
            return single(s, r -> r.getBoolean(1));
        }).result();
    }

    /** Whether a schema holds a table (only then does Citus place it on a node). */
    public boolean hasTables(String schema) throws SQLException {
        return query("""
                SELECT EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                WHERE n.nspname = ? AND c.relkind IN ('r', 'p'))""", s -> {
            s.setString(1, schema);
            return single(s, r -> r.getBoolean(1));
        }).result();
    }

    public Outcome<Void> distribute(String schema) throws SQLException {
        return call("SELECT citus_schema_distribute(?::regnamespace)", s -> s.setString(1, SqlNames.quoted(schema)));
    }

    public Outcome<Void> undistribute(String schema) throws SQLException {
        return call("SELECT citus_schema_undistribute(?::regnamespace)", s -> s.setString(1, SqlNames.quoted(schema)));
    }

    /**
     * Moves a schema. Citus refuses a move while a leftover of an earlier move of the same shard is
     * still on the target (its own cleanup gives up after a 1 s lock timeout); then this deletes the
     * leftovers in a statement of its own and tries once more.
     */
    public Outcome<Void> move(String schema, NodeAddress target, String transferMode) throws SQLException {
        String move = "SELECT citus_schema_move(?::regnamespace, ?, ?, ?)";
        Binder binder = s -> {
            s.setString(1, SqlNames.quoted(schema));
            s.setString(2, target.host());
            s.setInt(3, target.port());
            untyped(s, 4, transferMode);
        };
        try {
            return call(move, binder);
        } catch (SQLException e) {
            if (e.getMessage() == null || !e.getMessage().contains("could not be cleaned up")) {
                throw e;
            }
            List<String> notices = new ArrayList<>(cleanUpLeftovers(target).notices());
            Outcome<Void> moved = call(move, binder);
            notices.addAll(moved.notices());
            return new Outcome<>(null, notices);
        }
    }

    // ---------------------------------------------------------------- pins

    private static final String PIN_COLUMNS = "schema_name, node_name, node_port, pinned_by, pinned_at";

    /**
     * Every pin of a distributed schema, after forgetting the pins of schemas dropped or
     * undistributed since (citus_admin.forget_lost_pins, which says which).
     */
    public Outcome<List<Pin>> pins() throws SQLException {
        return query("SELECT citus_admin.forget_lost_pins()", s -> {
            List<String> lost = new ArrayList<>();
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    lost.add(row.getString(1));
                }
            }
            if (!lost.isEmpty()) {
                LOG.log(Level.INFO, "Forgot the pins of schemas no longer distributed: {0}", lost);
            }
            try (PreparedStatement read = s.getConnection().prepareStatement(
                    "SELECT " + PIN_COLUMNS + " FROM citus_admin.pin ORDER BY schema_name")) {
                return readPins(read);
            }
        });
    }

    /** Pins a distributed schema to the node it is on, for this user (citus_admin.pin_schema). */
    public Pin pin(String schema, String user) throws SQLException {
        return query("SELECT " + PIN_COLUMNS + " FROM citus_admin.pin_schema(?, ?)", s -> {
            s.setString(1, schema);
            s.setString(2, user);
            return readPins(s).get(0);
        }).result();
    }

    /** Unpins a schema: the pin it had, if any. */
    public Optional<Pin> unpin(String schema) throws SQLException {
        return query("SELECT " + PIN_COLUMNS + " FROM citus_admin.unpin_schema(?)", s -> {
            s.setString(1, schema);
            return readPins(s).stream().findFirst();
        }).result();
    }

    private static List<Pin> readPins(PreparedStatement statement) throws SQLException {
        List<Pin> pins = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                pins.add(new Pin(row.getString(1), new NodeAddress(row.getString(2), row.getInt(3)), row.getString(4),
                        row.getObject(5, OffsetDateTime.class)));
            }
        }
        return pins;
    }

    /**
     * The strategy a rebalance or plan runs with so that it leaves pinned schemas alone: the twin
     * {@code pinned_<name>} of the one asked for (null: Citus' default) that admin-pins.sql added.
     * Where there is no twin, the strategy itself, as long as no schema is pinned; otherwise the
     * rebalance would move pinned schemas, so it is refused.
     */
    public String keepingPins(String strategy, List<Pin> pins) throws SQLException {
        String twin = query("""
                SELECT t.name::text FROM pg_dist_rebalance_strategy s
                  JOIN pg_dist_rebalance_strategy t ON t.name::text = 'pinned_' || s.name
                 WHERE CASE WHEN ?::text IS NULL THEN s.default_strategy ELSE s.name::text = ? END""", s -> {
            s.setString(1, strategy);
            s.setString(2, strategy);
            return single(s, r -> r.getString(1));
        }).result();
        if (twin != null) {
            return twin;
        }
        if (!pins.isEmpty()) {
            throw new SQLException("Strategy " + (strategy == null ? "(the default)" : strategy) + " has no twin that "
                    + "keeps pins (pinned_<name>: admin-pins.sql adds one for each strategy that places shards anywhere), "
                    + "so it would move the pinned schemas " + pins.stream().map(Pin::schema).toList()
                    + "; choose another strategy or unpin them", DatabaseFailureMapper.REFUSED);
        }
        return strategy;
    }

    private static List<DistributedSchema> readSchemas(PreparedStatement statement) throws SQLException {
        List<DistributedSchema> schemas = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                String host = row.getString(6);
                List<Long> shards = new ArrayList<>();
                for (Object shard : (Object[]) row.getArray(8).getArray()) {
                    shards.add(((Number) shard).longValue());
                }
                Pin pin = row.getString(9) == null ? null : new Pin(row.getString(1),
                        new NodeAddress(row.getString(9), row.getInt(10)), row.getString(11),
                        row.getObject(12, OffsetDateTime.class));
                schemas.add(new DistributedSchema(row.getString(1), row.getInt(2), row.getLong(4), row.getString(5),
                        row.getString(3), host == null ? null : new NodeAddress(host, row.getInt(7)), shards, pin));
            }
        }
        return schemas;
    }

    // ---------------------------------------------------------------- placement

    /** The tutorial's "where does each schema live": every node, its tables of distributed schemas, totals. */
    public List<NodePlacement> placement() throws SQLException {
        return query("""
                SELECT n.nodename, n.nodeport, c.relnamespace::regnamespace::text, c.relname::text,
                       sh.shard_size, pg_size_pretty(sh.shard_size)
                  FROM pg_dist_node n
                  LEFT JOIN citus_shards sh ON sh.nodename = n.nodename AND sh.nodeport = n.nodeport
                                           AND sh.citus_table_type = 'schema'
                  LEFT JOIN pg_class c ON c.oid = sh.table_name
                 WHERE n.noderole = 'primary'
                 ORDER BY n.nodeport, n.nodename, 3, 4""", s -> {
            Map<NodeAddress, List<TablePlacement>> byNode = new LinkedHashMap<>();
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    List<TablePlacement> tables = byNode.computeIfAbsent(
                            new NodeAddress(row.getString(1), row.getInt(2)), n -> new ArrayList<>());
                    if (row.getString(4) != null) {
                        tables.add(new TablePlacement(row.getString(3), row.getString(4), row.getLong(5), row.getString(6)));
                    }
                }
            }
            List<NodePlacement> nodes = new ArrayList<>();
            for (Map.Entry<NodeAddress, List<TablePlacement>> node : byNode.entrySet()) {
                long total = node.getValue().stream().mapToLong(TablePlacement::sizeBytes).sum();
                nodes.add(new NodePlacement(node.getKey(), total, prettySize(s.getConnection(), total), node.getValue()));
            }
            return nodes;
        }).result();
    }

    // ---------------------------------------------------------------- activity

    /**
     * Queries and CPU per distributed schema from Citus' tenant statistics, summed over the nodes
     * (a schema that moved is counted where it was too). Periods start at multiples of their
     * length, so the current one has run for (now mod period) seconds.
     */
    public Activity activity() throws SQLException {
        return activity(ownConnections);
    }

    private Activity activity(Session on) throws SQLException {
        try {
            return on.query("""
                    WITH setting AS (
                        SELECT current_setting('citus.stat_tenants_track') AS tracking,
                               current_setting('citus.stat_tenants_period')::int AS period),
                    stats AS (
                        SELECT colocation_id, sum(query_count_in_this_period) AS this_q,
                               sum(query_count_in_last_period) AS last_q, sum(cpu_usage_in_this_period) AS this_cpu,
                               sum(cpu_usage_in_last_period) AS last_cpu
                          FROM citus_stat_tenants WHERE (SELECT tracking FROM setting) <> 'none'
                         GROUP BY 1)
                    SELECT w.tracking, w.period,
                           w.period + mod(extract(epoch FROM clock_timestamp())::numeric, w.period)::float8, clock_timestamp(),
                           s.schema_name::text, coalesce(t.this_q, 0), coalesce(t.last_q, 0),
                           coalesce(t.this_cpu, 0), coalesce(t.last_cpu, 0)
                      FROM setting w
                      LEFT JOIN citus_schemas s ON true
                      LEFT JOIN stats t ON t.colocation_id = s.colocation_id
                     ORDER BY 5""", s -> {
                List<SchemaActivity> schemas = new ArrayList<>();
                try (ResultSet row = s.executeQuery()) {
                    row.next(); // one row at least: the settings
                    String tracking = row.getString(1);
                    int period = row.getInt(2);
                    double window = row.getDouble(3);
                    OffsetDateTime measured = row.getObject(4, OffsetDateTime.class);
                    do {
                        if (row.getString(5) != null) {
                            long thisPeriod = row.getLong(6);
                            long lastPeriod = row.getLong(7);
                            double cpuThis = row.getDouble(8);
                            double cpuLast = row.getDouble(9);
                            schemas.add(new SchemaActivity(row.getString(5), thisPeriod, lastPeriod, cpuThis, cpuLast,
                                    (thisPeriod + lastPeriod) / window, (cpuThis + cpuLast) / window));
                        }
                    } while (row.next());
                    return new Activity(tracking, period, window, measured, schemas);
                }
            }).result();
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new SQLException("The admin role may not read Citus' tenant statistics ("
                        + DatabaseFailureMapper.serverMessage(e) + "); a superuser allows it with GRANT pg_monitor TO "
                        + adminRole(), DatabaseFailureMapper.REFUSED, e);
            }
            throw e;
        }
    }

    /** The database role the admin API logs in as. */
    private String adminRole() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getUserName();
        }
    }

    // ---------------------------------------------------------------- rebalancing

    public Outcome<List<PlannedMove>> plan(String strategy) throws SQLException {
        return query("""
                SELECT table_name::text, shardid, shard_size, sourcename, sourceport, targetname, targetport
                  FROM get_rebalance_table_shards_plan(rebalance_strategy := ?::name)""", s -> {
            s.setString(1, strategy);
            List<PlannedMove> moves = new ArrayList<>();
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    moves.add(new PlannedMove(row.getString(1), row.getLong(2), row.getLong(3),
                            new NodeAddress(row.getString(4), row.getInt(5)), new NodeAddress(row.getString(6), row.getInt(7))));
                }
            }
            return moves;
        });
    }

    /** The job id, or null when Citus found nothing to move (its notices say why). */
    public Outcome<Long> startRebalance(String strategy, boolean drainOnly, String transferMode) throws SQLException {
        return query("""
                SELECT citus_rebalance_start(rebalance_strategy := ?::name, drain_only := ?,
                                             shard_transfer_mode := ?)""", s -> {
            s.setString(1, strategy);
            s.setBoolean(2, drainOnly);
            untyped(s, 3, transferMode);
            return single(s, r -> {
                long job = r.getLong(1);
                return r.wasNull() ? null : job;
            });
        });
    }

    public Outcome<Void> stopRebalance() throws SQLException {
        return call("SELECT citus_rebalance_stop()", s -> { });
    }

    /** The latest rebalance job with Citus' progress report, if any job ever ran. */
    public Optional<RebalanceJob> latestRebalance() throws SQLException {
        return latestRebalance(ownConnections);
    }

    private Optional<RebalanceJob> latestRebalance(Session on) throws SQLException {
        Optional<Long> latest = on.query("SELECT job_id FROM citus_rebalance_status()",
                s -> Optional.ofNullable(single(s, r -> r.getLong(1)))).result();
        return latest.isEmpty() ? Optional.empty() : job(on, latest.get());
    }

    public Optional<RebalanceJob> job(long jobId) throws SQLException {
        return job(ownConnections, jobId);
    }

    private Optional<RebalanceJob> job(Session on, long jobId) throws SQLException {
        return on.query("""
                SELECT j.job_id, j.state::text, j.job_type::text, j.description, j.started_at, j.finished_at,
                       (SELECT r.details::text FROM citus_rebalance_status() r WHERE r.job_id = j.job_id)
                  FROM pg_dist_background_job j
                 WHERE j.job_id = ?""", s -> {
            s.setLong(1, jobId);
            try (ResultSet row = s.executeQuery()) {
                if (!row.next()) {
                    return Optional.<RebalanceJob>empty();
                }
                List<Task> tasks = tasks(s.getConnection(), jobId);
                return Optional.of(new RebalanceJob(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getObject(5, OffsetDateTime.class), row.getObject(6, OffsetDateTime.class), tasks,
                        json(row.getString(7))));
            }
        }).result();
    }

    private static List<Task> tasks(Connection connection, long jobId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT task_id, status::text, command, message, retry_count
                  FROM pg_dist_background_task WHERE job_id = ? ORDER BY task_id""")) {
            s.setLong(1, jobId);
            List<Task> tasks = new ArrayList<>();
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    tasks.add(new Task(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                            (Integer) row.getObject(5)));
                }
            }
            return tasks;
        }
    }

    public List<Strategy> strategies() throws SQLException {
        return query("""
                SELECT name::text, default_strategy, improvement_threshold, default_threshold, minimum_threshold
                  FROM pg_dist_rebalance_strategy WHERE name::text NOT LIKE 'pinned\\_%' ORDER BY name""", s -> {
            List<Strategy> strategies = new ArrayList<>();
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    strategies.add(new Strategy(row.getString(1), row.getBoolean(2), row.getDouble(3), row.getDouble(4),
                            row.getDouble(5)));
                }
            }
            return strategies;
        }).result();
    }

    // ---------------------------------------------------------------- nodes

    /**
     * Every node with its health as the coordinator sees it (citus_check_connection_to_node from
     * the coordinator: one connection per node, where citus_check_cluster_node_health checks
     * every pair of nodes, measured at 190 ms of coordinator CPU a call on three nodes). A node that
     * does not answer within two seconds is reported unhealthy instead of holding the request for
     * Citus' default 30 s.
     */
    public List<Node> nodes() throws SQLException {
        return nodes(ownConnections);
    }

    private List<Node> nodes(Session on) throws SQLException {
        return on.query("""
                WITH sizes AS (
                    SELECT nodename, nodeport, sum(shard_size) AS bytes FROM citus_shards GROUP BY 1, 2)
                SELECT n.nodeid, n.nodename, n.nodeport, n.groupid, n.noderole::text, n.groupid = 0, n.isactive,
                       n.shouldhaveshards, citus_check_connection_to_node(n.nodename, n.nodeport),
                       coalesce(z.bytes, 0), pg_size_pretty(coalesce(z.bytes, 0))
                  FROM pg_dist_node n
                  LEFT JOIN sizes z ON z.nodename = n.nodename AND z.nodeport = n.nodeport
                 ORDER BY n.nodeid""", s -> {
            try (Statement timeout = s.getConnection().createStatement()) {
                timeout.execute("SET citus.node_connection_timeout = 2000");
            }
            List<Node> nodes = new ArrayList<>();
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    nodes.add(new Node(row.getInt(1), new NodeAddress(row.getString(2), row.getInt(3)), row.getInt(4),
                            row.getString(5), row.getBoolean(6), row.getBoolean(7), row.getBoolean(8),
                            (Boolean) row.getObject(9), row.getLong(10), row.getString(11)));
                }
            }
            return nodes;
        }).result();
    }

    public boolean nodeExists(NodeAddress node) throws SQLException {
        return query("SELECT EXISTS (SELECT FROM pg_dist_node WHERE nodename = ? AND nodeport = ?)", s -> {
            bindNode(s, node);
            return single(s, r -> r.getBoolean(1));
        }).result();
    }

    /**
     * Adds a primary worker (through citus_admin.add_node: citus_add_node needs a superuser). A
     * node the coordinator cannot reach is refused as such: the cluster itself is fine.
     */
    public Outcome<Integer> addNode(NodeAddress node) throws SQLException {
        try {
            return query("SELECT citus_admin.add_node(?, ?)", s -> {
                bindNode(s, node);
                return single(s, r -> r.getInt(1));
            });
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("08") && e.getMessage() != null && e.getMessage().contains("remote node")) {
                throw new SQLException("The coordinator cannot reach " + node.host() + ":" + node.port()
                        + ", so it was not added: " + DatabaseFailureMapper.serverMessage(e),
                        DatabaseFailureMapper.REFUSED, e);
            }
            throw e;
        }
    }

    /**
     * Moves every shard off a node (through citus_admin.drain_node: it rewrites every node's
     * metadata), then deletes the moved shards' leftovers there at once instead of at Citus' next
     * deferred cleanup, so the drained node holds nothing and can be removed and added back. A
     * drain that meets a leftover of an earlier move on a target (Citus gives up after a 1 s lock
     * timeout) is tried once more after the leftovers are deleted, as a move is.
     */
    public Outcome<Void> drainNode(NodeAddress node, String transferMode) throws SQLException {
        String drain = "SELECT citus_admin.drain_node(?, ?, ?)";
        Binder binder = s -> {
            bindNode(s, node);
            s.setString(3, transferMode);
        };
        List<String> notices = new ArrayList<>();
        Outcome<Void> drained;
        try {
            drained = call(drain, binder);
        } catch (SQLException e) {
            // As for a move (see move): a leftover of an earlier move still on a target. The moves done
            // so far stay done; delete the leftovers on every node, then drain the rest once more.
            if (e.getMessage() == null || !e.getMessage().contains("could not be cleaned up")) {
                throw e;
            }
            for (Node other : nodes()) {
                if (!other.address().equals(node)) {
                    notices.addAll(cleanUpLeftovers(other.address()).notices());
                }
            }
            drained = call(drain, binder);
        }
        notices.addAll(drained.notices());
        notices.addAll(cleanUpLeftovers(node).notices());
        return new Outcome<>(null, notices);
    }

    /** How long {@link #cleanUpLeftovers} keeps trying, and how long it waits between tries. */
    private static final int CLEANUP_TRIES = 10;
    private static final long CLEANUP_PAUSE_MILLIS = 500;

    /**
     * Deletes what earlier moves left on a node (pg_dist_cleanup). Citus skips a leftover that is
     * still locked (by a query, or by the operation that made it), so this tries again for a few
     * seconds; what is left then is said in a notice, and Citus' background cleanup deletes it later.
     */
    private Outcome<Void> cleanUpLeftovers(NodeAddress node) throws SQLException {
        Set<String> notices = new LinkedHashSet<>();
        long left = 0;
        for (int attempt = 0; attempt < CLEANUP_TRIES; attempt++) {
            notices.addAll(call("CALL citus_cleanup_orphaned_resources()", s -> { }).notices());
            left = leftovers(node);
            if (left == 0) {
                return new Outcome<>(null, List.copyOf(notices));
            }
            try {
                Thread.sleep(CLEANUP_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        notices.add(left + " leftover(s) of moved shards are still on " + node.host() + ":" + node.port()
                + " (in use); Citus deletes them in the background, and the node can be removed once they are gone");
        return new Outcome<>(null, List.copyOf(notices));
    }

    /**
     * Everything Citus is to delete after moves (pg_dist_cleanup), with the node it is on: after an
     * interrupted move the new copy of the shard on the target, the publication and replication
     * slot on the source, the subscription (and its role) on the target.
     */
    public List<Leftover> leftovers() throws SQLException {
        return query("""
                SELECT c.record_id, c.operation_id,
                       CASE c.object_type WHEN 1 THEN 'shard' WHEN 2 THEN 'subscription' WHEN 3 THEN 'replication_slot'
                                          WHEN 4 THEN 'publication' WHEN 5 THEN 'user' WHEN 6 THEN 'database'
                                          ELSE 'unknown' END,
                       c.object_name, n.nodename, n.nodeport,
                       CASE c.policy_type WHEN 0 THEN 'always' WHEN 1 THEN 'on_failure'
                                          WHEN 2 THEN 'deferred_on_success' ELSE 'unknown' END
                  FROM pg_dist_cleanup c LEFT JOIN pg_dist_node n ON n.groupid = c.node_group_id
                 ORDER BY c.record_id""", s -> {
            List<Leftover> leftovers = new ArrayList<>();
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    String host = row.getString(5);
                    leftovers.add(new Leftover(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4),
                            host == null ? null : new NodeAddress(host, row.getInt(6)), row.getString(7)));
                }
            }
            return leftovers;
        }).result();
    }

    /** Citus' notice of what it deleted: "cleaned up 6 orphaned resources". */
    private static final Pattern CLEANED = Pattern.compile("cleaned up (\\d+) orphaned resource");

    /**
     * Deletes every leftover Citus can delete now (citus_cleanup_orphaned_resources), on every node:
     * what a failed move left, and old copies of moved shards that no query uses any more. A
     * leftover on a node that does not answer, or still in use, stays listed for the next cleanup.
     */
    public Outcome<Cleanup> cleanUp() throws SQLException {
        Outcome<Void> cleaned = call("CALL citus_cleanup_orphaned_resources()", s -> { });
        int count = cleaned.notices().stream().map(CLEANED::matcher).filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1))).sum();
        return new Outcome<>(new Cleanup(count, leftovers()), cleaned.notices());
    }

    /** How many of the leftovers Citus is to delete (pg_dist_cleanup) are on this node. */
    private long leftovers(NodeAddress node) throws SQLException {
        return query("""
                SELECT count(*) FROM pg_dist_cleanup c JOIN pg_dist_node n ON n.groupid = c.node_group_id
                 WHERE n.nodename = ? AND n.nodeport = ?""", s -> {
            bindNode(s, node);
            return single(s, r -> r.getLong(1));
        }).result();
    }

    /** Removes a node (through citus_admin.remove_node: it rewrites every node's metadata). */
    public Outcome<Void> removeNode(NodeAddress node) throws SQLException {
        return call("SELECT citus_admin.remove_node(?, ?)", s -> bindNode(s, node));
    }

    // ---------------------------------------------------------------- services

    /** A new service's role (with this password), its own schema, distributed (citus_admin.onboard_service). */
    public Outcome<Void> onboardService(String service, String password) throws SQLException {
        SqlNames.quoted(service); // validates; the function quotes it again with format('%I')
        return call("SELECT citus_admin.onboard_service(?::name, ?)", s -> {
            s.setString(1, service);
            s.setString(2, password);
        });
    }

    /**
     * Where the admin datasource reaches the coordinator (host, port, database), for the pool of a
     * new service on the same app servers. Not the coordinator's name in pg_dist_node: that is how
     * the nodes reach it (in containers, a name only their network resolves).
     */
    public DatabaseAddress datasourceAddress() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return DatabaseAddress.of(connection.getMetaData().getURL(), connection.getCatalog());
        }
    }

    // ---------------------------------------------------------------- one transaction for a scrape

    /** What a metrics scrape reads: the schemas, the nodes, the activity and the latest rebalance. */
    public record Snapshot(List<DistributedSchema> schemas, List<Node> nodes, Activity activity,
                           Optional<RebalanceJob> latestRebalance) {
    }

    /**
     * The reads of {@link #schemas}, {@link #nodes}, {@link #activity} and {@link #latestRebalance}
     * in one transaction on one connection. Citus keeps the connections it opens to the workers
     * until the transaction ends (the admin role caches none after: citus.max_cached_conns_per_worker
     * is 0 for it), so all of them share one connection per worker, where each read on its own opened
     * its own: a scrape took 126 ms of the coordinator's CPU that way on the local three nodes. Any
     * failure (a worker that does not answer fails citus_shards) undoes the transaction and is thrown.
     */
    public Snapshot snapshot() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            requireCitus(connection);
            connection.setAutoCommit(false);
            try {
                Session transaction = new Session() {
                    @Override
                    public <T> Outcome<T> query(String sql, Work<T> work) throws SQLException {
                        return on(connection, sql, work);
                    }
                };
                Snapshot snapshot = new Snapshot(schemas(transaction), nodes(transaction), activity(transaction),
                        latestRebalance(transaction));
                connection.commit();
                return snapshot;
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Where reads run: on a connection of their own each, or on one transaction's. */
    private interface Session {
        <T> Outcome<T> query(String sql, Work<T> work) throws SQLException;
    }

    private final Session ownConnections = new Session() {
        @Override
        public <T> Outcome<T> query(String sql, Work<T> work) throws SQLException {
            return CitusOperations.this.query(sql, work);
        }
    };

    // ---------------------------------------------------------------- plumbing

    /** Binds a node's host and port as the statement's first two parameters. */
    private static void bindNode(PreparedStatement statement, NodeAddress node) throws SQLException {
        statement.setString(1, node.host());
        statement.setInt(2, node.port());
    }

    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private Outcome<Void> call(String sql, Binder binder) throws SQLException {
        return query(sql, s -> {
            binder.bind(s);
            s.execute();
            return null;
        });
    }

    private <T> Outcome<T> query(String sql, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            requireCitus(connection);
            return on(connection, sql, work);
        }
    }

    /** One statement's work on this connection, with the notices Citus gave. */
    private static <T> Outcome<T> on(Connection connection, String sql, Work<T> work) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            T result;
            try {
                result = work.run(statement);
            } catch (SQLException failure) {
                List<String> said = notices(statement);
                throw said.isEmpty() || failure instanceof FailureWithNotices ? failure : new FailureWithNotices(failure, said);
            }
            return new Outcome<>(result, notices(statement));
        }
    }

    /**
     * A value whose type PostgreSQL infers from the function's signature, such as a
     * citus.shard_transfer_mode: naming that type in a cast would need USAGE on Citus' internal
     * schema, which the admin role does not have.
     */
    private static void untyped(PreparedStatement statement, int index, String value) throws SQLException {
        statement.setObject(index, value, Types.OTHER);
    }

    private static <T> T single(PreparedStatement statement, RowReader<T> reader) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            return row.next() ? reader.read(row) : null;
        }
    }

    private static void requireCitus(Connection connection) throws SQLException {
        try (Statement check = connection.createStatement();
             ResultSet row = check.executeQuery(
                     "SELECT current_database(), (SELECT extversion FROM pg_extension WHERE extname = 'citus')")) {
            row.next();
            if (row.getString(2) == null) {
                throw new CitusUnavailableException("Citus is not installed in database " + row.getString(1)
                        + " behind " + DATASOURCE + ": there is no cluster to manage");
            }
        }
    }

    /** The NOTICE and WARNING messages of the statement, in order, without the driver's level prefix. */
    private static List<String> notices(Statement statement) throws SQLException {
        List<String> notices = new ArrayList<>();
        for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
            notices.add(warning.getMessage());
        }
        return notices;
    }

    private static String prettySize(Connection connection, long bytes) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_size_pretty(?::bigint)")) {
            s.setLong(1, bytes);
            return single(s, r -> r.getString(1));
        }
    }

    private static JsonObject json(String text) {
        if (text == null) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
