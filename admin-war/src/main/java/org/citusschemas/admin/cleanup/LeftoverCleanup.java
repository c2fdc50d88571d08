package org.citusschemas.admin.cleanup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.citusschemas.admin.database.NodeAddress;
import org.citusschemas.admin.database.Outcome;

/**
 * The moves' rules about leftovers. Citus refuses to move a shard while a leftover of an earlier
 * move of it is still on the target (its own cleanup gives up after a 1 s lock timeout): a move or
 * a drain that meets one deletes the leftovers on its targets, then runs once more. A drained node
 * is cleaned at once, so it holds nothing and can be removed.
 */
@ApplicationScoped
public class LeftoverCleanup {

    /** One run of a move or a drain. */
    @FunctionalInterface
    public interface Operation {
        Outcome<Void> run() throws SQLException;
    }

    /** Where the leftovers in the way may be: the nodes the operation moves shards to. */
    @FunctionalInterface
    public interface Targets {
        List<NodeAddress> list() throws SQLException;
    }

    @Inject
    Leftovers leftovers;

    /**
     * Runs the operation; if a leftover of an earlier move is in its way, deletes the leftovers on
     * the targets and runs it once more. The moves an interrupted drain made stay made.
     */
    public Outcome<Void> runDeletingLeftoversInTheWay(Targets targets, Operation operation) throws SQLException {
        try {
            return operation.run();
        } catch (SQLException e) {
            if (e.getMessage() == null || !e.getMessage().contains("could not be cleaned up")) {
                throw e;
            }
            List<String> notices = new ArrayList<>();
            for (NodeAddress target : targets.list()) {
                notices.addAll(deleteOn(target));
            }
            notices.addAll(operation.run().notices());
            return new Outcome<>(null, notices);
        }
    }

    /**
     * Deletes what earlier moves left on a node; Citus' notices, and one saying what is still
     * there when something held it for too long (Citus' background cleanup deletes it later).
     */
    public List<String> deleteOn(NodeAddress node) throws SQLException {
        Set<String> notices = new LinkedHashSet<>();
        try {
            leftovers.deleteOn(node, notices);
        } catch (LeftoversInUseException e) {
            notices.add(
                    e.left + " leftover(s) of moved shards are still on " + node.host() + ":" + node.port()
                            + " (in use); Citus deletes them in the background, and the node can be removed once they are gone");
        }
        return List.copyOf(notices);
    }
}
