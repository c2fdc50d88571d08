package org.citusschemas.admin.nodes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.citusschemas.admin.cleanup.LeftoverCleanup;
import org.citusschemas.admin.database.AdminDatabase;
import org.citusschemas.admin.database.DatabaseFailureMapper;
import org.citusschemas.admin.database.NodeAddress;
import org.citusschemas.admin.database.Outcome;
import org.citusschemas.admin.database.RefusedException;
import org.citusschemas.admin.database.Rows;
import org.citusschemas.admin.database.Statements;

/**
 * The cluster's nodes (pg_dist_node) and the operations on them. Adding, draining and removing go
 * through citus_admin's functions (server-config's admin-citus.sql), since Citus' own need a
 * superuser and rewrite every node's metadata.
 */
@ApplicationScoped
public class Nodes {

    @Inject
    AdminDatabase database;

    @Inject
    LeftoverCleanup leftovers;

    public List<Node> list() throws SQLException {
        return list(database);
    }

    /**
     * Every node with its health as the coordinator sees it (citus_check_connection_to_node from
     * the coordinator: one connection per node, where citus_check_cluster_node_health checks
     * every pair of nodes, measured at 190 ms of coordinator CPU a call on three nodes). A node that
     * does not answer within two seconds is reported unhealthy instead of holding the request for
     * Citus' default 30 s.
     */
    public List<Node> list(Statements on) throws SQLException {
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
                    return Rows.list(
                            s,
                            row -> new Node(
                                    row.getInt(1),
                                    Rows.node(row, 2),
                                    row.getInt(4),
                                    row.getString(5),
                                    row.getBoolean(6),
                                    row.getBoolean(7),
                                    row.getBoolean(8),
                                    (Boolean) row.getObject(9),
                                    row.getLong(10),
                                    row.getString(11)));
                })
                .result();
    }

    public boolean exists(NodeAddress node) throws SQLException {
        return database.query("SELECT EXISTS (SELECT FROM pg_dist_node WHERE nodename = ? AND nodeport = ?)", s -> {
                    Rows.bindNode(s, node);
                    return Rows.single(s, r -> r.getBoolean(1));
                })
                .result();
    }

    /** Adds a primary worker; a node the coordinator cannot reach is refused as such. */
    public Outcome<Integer> add(NodeAddress node) throws SQLException {
        try {
            return database.query("SELECT citus_admin.add_node(?, ?)", s -> {
                Rows.bindNode(s, node);
                return Rows.single(s, r -> r.getInt(1));
            });
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("08")
                    && e.getMessage() != null
                    && e.getMessage().contains("remote node")) {
                throw new RefusedException(
                        "The coordinator cannot reach " + node.host() + ":" + node.port() + ", so it was not added: "
                                + DatabaseFailureMapper.serverMessage(e),
                        e);
            }
            throw e;
        }
    }

    /**
     * Moves every shard off a node, deleting a leftover in the way on the other nodes as a move
     * does, then deletes the moved shards' leftovers on the node at once instead of at Citus' next
     * deferred cleanup, so the drained node holds nothing and can be removed and added back.
     */
    public Outcome<Void> drain(NodeAddress node, String transferMode) throws SQLException {
        Outcome<Void> drained = leftovers.runDeletingLeftoversInTheWay(
                () -> otherThan(node),
                () -> database.execute("SELECT citus_admin.drain_node(?, ?, ?)", s -> {
                    Rows.bindNode(s, node);
                    s.setString(3, transferMode);
                }));
        List<String> notices = new ArrayList<>(drained.notices());
        notices.addAll(leftovers.deleteOn(node));
        return new Outcome<>(null, notices);
    }

    public Outcome<Void> remove(NodeAddress node) throws SQLException {
        return database.execute("SELECT citus_admin.remove_node(?, ?)", s -> Rows.bindNode(s, node));
    }

    private List<NodeAddress> otherThan(NodeAddress node) throws SQLException {
        return list().stream()
                .map(Node::address)
                .filter(address -> !address.equals(node))
                .toList();
    }
}
