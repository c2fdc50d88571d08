package org.citusschemas.admin.cleanup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citusschemas.admin.database.AdminDatabase;
import org.citusschemas.admin.database.NodeAddress;
import org.citusschemas.admin.database.Outcome;
import org.citusschemas.admin.database.Rows;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * What moves left on the nodes for Citus to delete (pg_dist_cleanup), and deleting it: after an
 * interrupted move the new copy of the shard on the target, the publication and replication slot
 * on the source, the subscription (and its role) on the target; after every move the old copy.
 */
@ApplicationScoped
public class Leftovers {

    /** Citus' notice of what it deleted: "cleaned up 6 orphaned resources". */
    private static final Pattern CLEANED = Pattern.compile("cleaned up (\\d+) orphaned resource");

    private static final String CLEAN_UP = "CALL citus_cleanup_orphaned_resources()";

    @Inject
    AdminDatabase database;

    public List<Leftover> list() throws SQLException {
        return database.query(
                        """
                SELECT c.record_id, c.operation_id,
                       CASE c.object_type WHEN 1 THEN 'shard' WHEN 2 THEN 'subscription' WHEN 3 THEN 'replication_slot'
                                          WHEN 4 THEN 'publication' WHEN 5 THEN 'user' WHEN 6 THEN 'database'
                                          ELSE 'unknown' END,
                       c.object_name, n.nodename, n.nodeport,
                       CASE c.policy_type WHEN 0 THEN 'always' WHEN 1 THEN 'on_failure'
                                          WHEN 2 THEN 'deferred_on_success' ELSE 'unknown' END
                  FROM pg_dist_cleanup c LEFT JOIN pg_dist_node n ON n.groupid = c.node_group_id
                 ORDER BY c.record_id""",
                        s -> Rows.list(
                                s,
                                row -> new Leftover(
                                        row.getLong(1),
                                        row.getLong(2),
                                        row.getString(3),
                                        row.getString(4),
                                        Rows.node(row, 5),
                                        row.getString(7))))
                .result();
    }

    /**
     * Deletes every leftover Citus can delete now, on every node: what a failed move left, and old
     * copies of moved shards that no query uses any more. A leftover on a node that does not
     * answer, or still in use, stays listed for the next cleanup.
     */
    public Outcome<Cleanup> deleteAll() throws SQLException {
        Outcome<Void> cleaned = database.execute(CLEAN_UP, s -> {});
        int count = cleaned.notices().stream()
                .map(CLEANED::matcher)
                .filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1)))
                .sum();
        return new Outcome<>(new Cleanup(count, list()), cleaned.notices());
    }

    /**
     * Deletes what earlier moves left on a node, adding Citus' notices to {@code said}. Citus skips
     * a leftover that is still locked (by a query, or by the operation that made it), so Fault
     * Tolerance tries again, every half second for about five seconds, before the caller hears of it.
     */
    @Retry(retryOn = LeftoversInUseException.class, maxRetries = 9, delay = 500, jitter = 0)
    public void deleteOn(NodeAddress node, Collection<String> said) throws SQLException {
        said.addAll(database.execute(CLEAN_UP, s -> {}).notices());
        long left = countOn(node);
        if (left > 0) {
            throw new LeftoversInUseException(left);
        }
    }

    /** How many of the leftovers Citus is to delete are on this node. */
    public long countOn(NodeAddress node) throws SQLException {
        return database.query("""
                SELECT count(*) FROM pg_dist_cleanup c JOIN pg_dist_node n ON n.groupid = c.node_group_id
                 WHERE n.nodename = ? AND n.nodeport = ?""", s -> {
                    Rows.bindNode(s, node);
                    return Rows.single(s, r -> r.getLong(1));
                })
                .result();
    }
}
