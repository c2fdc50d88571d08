package org.citusschemas.admin.placement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citusschemas.admin.database.AdminDatabase;
import org.citusschemas.admin.database.NodeAddress;
import org.citusschemas.admin.database.Rows;

/** Where the tables of the distributed schemas live (citus_shards), node by node. */
@ApplicationScoped
public class Placement {

    @Inject
    AdminDatabase database;

    /** Every primary node with its tables of distributed schemas and their total size. */
    public List<NodePlacement> byNode() throws SQLException {
        return database.query("""
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
                            List<TablePlacement> tables =
                                    byNode.computeIfAbsent(Rows.node(row, 1), n -> new ArrayList<>());
                            if (row.getString(4) != null) {
                                tables.add(new TablePlacement(
                                        row.getString(3), row.getString(4), row.getLong(5), row.getString(6)));
                            }
                        }
                    }
                    List<NodePlacement> nodes = new ArrayList<>();
                    for (Map.Entry<NodeAddress, List<TablePlacement>> node : byNode.entrySet()) {
                        long total = node.getValue().stream()
                                .mapToLong(TablePlacement::sizeBytes)
                                .sum();
                        nodes.add(new NodePlacement(
                                node.getKey(), total, prettySize(s.getConnection(), total), node.getValue()));
                    }
                    return nodes;
                })
                .result();
    }

    private static String prettySize(Connection connection, long bytes) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_size_pretty(?::bigint)")) {
            s.setLong(1, bytes);
            return Rows.single(s, r -> r.getString(1));
        }
    }
}
