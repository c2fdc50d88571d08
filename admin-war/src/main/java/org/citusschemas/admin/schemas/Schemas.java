package org.citusschemas.admin.schemas;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citusschemas.admin.cleanup.LeftoverCleanup;
import org.citusschemas.admin.database.AdminDatabase;
import org.citusschemas.admin.database.NodeAddress;
import org.citusschemas.admin.database.Outcome;
import org.citusschemas.admin.database.Rows;
import org.citusschemas.admin.database.SqlNames;
import org.citusschemas.admin.database.Statements;
import org.citusschemas.admin.pins.Pin;

/**
 * The distributed schemas (citus_schemas, with their shards from citus_shards and their pins),
 * and distributing, undistributing and moving one.
 */
@ApplicationScoped
public class Schemas {

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

    @Inject
    AdminDatabase database;

    @Inject
    LeftoverCleanup leftovers;

    public List<DistributedSchema> list() throws SQLException {
        return list(database);
    }

    /** Every distributed schema, read where the caller runs its statements. */
    public List<DistributedSchema> list(Statements on) throws SQLException {
        return on.query(SCHEMAS, s -> {
                    s.setNull(1, Types.VARCHAR);
                    s.setNull(2, Types.VARCHAR);
                    return read(s);
                })
                .result();
    }

    public Optional<DistributedSchema> find(String name) throws SQLException {
        return database
                .query(SCHEMAS, s -> {
                    s.setString(1, name);
                    s.setString(2, name);
                    return read(s);
                })
                .result()
                .stream()
                .findFirst();
    }

    /** The distributed schema of that name; a 404 when there is none. */
    public DistributedSchema distributed(String name) throws SQLException {
        return find(name).orElseThrow(() -> new NotFoundException("No distributed schema " + name));
    }

    /** Whether a schema of that name exists, distributed or not. */
    public boolean exists(String name) throws SQLException {
        return database.query("SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = ?)", s -> {
                    s.setString(1, name);
                    return Rows.single(s, r -> r.getBoolean(1));
                })
                .result();
    }

    /** Whether a schema holds a table (only then does Citus place it on a node). */
    public boolean hasTables(String schema) throws SQLException {
        return database.query("""
                SELECT EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                WHERE n.nspname = ? AND c.relkind IN ('r', 'p'))""", s -> {
                    s.setString(1, schema);
                    return Rows.single(s, r -> r.getBoolean(1));
                })
                .result();
    }

    public Outcome<Void> distribute(String schema) throws SQLException {
        return database.execute(
                "SELECT citus_schema_distribute(?::regnamespace)", s -> s.setString(1, SqlNames.quoted(schema)));
    }

    public Outcome<Void> undistribute(String schema) throws SQLException {
        return database.execute(
                "SELECT citus_schema_undistribute(?::regnamespace)", s -> s.setString(1, SqlNames.quoted(schema)));
    }

    /** Moves a schema to the node (citus_schema_move), deleting a leftover in its way on the target. */
    public Outcome<Void> move(String schema, NodeAddress target, String transferMode) throws SQLException {
        return leftovers.runDeletingLeftoversInTheWay(
                () -> List.of(target),
                () -> database.execute("SELECT citus_schema_move(?::regnamespace, ?, ?, ?)", s -> {
                    s.setString(1, SqlNames.quoted(schema));
                    s.setString(2, target.host());
                    s.setInt(3, target.port());
                    Rows.untyped(s, 4, transferMode);
                }));
    }

    private static List<DistributedSchema> read(PreparedStatement statement) throws SQLException {
        return Rows.list(
                statement,
                row -> new DistributedSchema(
                        row.getString(1),
                        row.getInt(2),
                        row.getLong(4),
                        row.getString(5),
                        row.getString(3),
                        Rows.node(row, 6),
                        shards(row),
                        pin(row)));
    }

    private static List<Long> shards(ResultSet row) throws SQLException {
        List<Long> shards = new ArrayList<>();
        for (Object shard : (Object[]) row.getArray(8).getArray()) {
            shards.add(((Number) shard).longValue());
        }
        return shards;
    }

    private static Pin pin(ResultSet row) throws SQLException {
        NodeAddress node = Rows.node(row, 9);
        return node == null
                ? null
                : new Pin(row.getString(1), node, row.getString(11), row.getObject(12, OffsetDateTime.class));
    }
}
