package org.citusschemas.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.citusschemas.it.TestCluster;

/**
 * Rows added to the user schema so that a move of it takes seconds, each named with a test's own
 * prefix, and taken away again with their space on disk: the schema's size is what the next tests
 * see, and what the admin API estimates a {@code block_writes} move from.
 */
final class GrownUserSchema {

    private final String prefix;
    private boolean grown;

    GrownUserSchema(String prefix) {
        this.prefix = prefix;
    }

    /** Adds the rows, as the service's role (the rows' owner). */
    void grow(int rows) throws SQLException {
        try (Connection users = TestCluster.connectAs("userservice");
                PreparedStatement grow = users.prepareStatement("INSERT INTO users (name, email)"
                        + " SELECT ? || g, ? || g || '@example.com' FROM generate_series(1, ?) g")) {
            grow.setString(1, prefix);
            grow.setString(2, prefix);
            grow.setInt(3, rows);
            grow.executeUpdate();
        }
        grown = true;
    }

    boolean isGrown() {
        return grown;
    }

    /**
     * Deletes the rows and gives their space back with {@code VACUUM FULL}. As the nodes' superuser,
     * not the service's role: that role's 1 s {@code lock_timeout} also holds on the workers, and right
     * after a move autovacuum can hold the new shard for about that long before it yields.
     */
    void shrink() throws SQLException {
        if (!grown) {
            return;
        }
        try (Connection admin = TestCluster.connectAsSuperuser();
                PreparedStatement delete =
                        admin.prepareStatement("DELETE FROM userservice.users WHERE name LIKE ? || '%'");
                Statement vacuum = admin.createStatement()) {
            delete.setString(1, prefix);
            delete.executeUpdate();
            vacuum.execute("VACUUM FULL userservice.users");
        }
        grown = false;
    }
}
