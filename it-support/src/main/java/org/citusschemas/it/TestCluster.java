package org.citusschemas.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The database cluster the test run started for itself through the launcher (see the parent
 * pom): its coordinator address comes from system properties, a role's password from the same
 * environment variable the service's pool reads.
 */
public final class TestCluster {

    private TestCluster() {
    }

    public static String url() {
        return "jdbc:postgresql://127.0.0.1:" + System.getProperty("cluster.port", "9810") + "/"
                + System.getProperty("cluster.db", "citus");
    }

    public static String password(String role) {
        String variable = role.toUpperCase(Locale.ROOT) + "_DB_PASSWORD";
        String password = System.getenv(variable);
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException(variable + " is not set: run the tests through Maven (mvn verify)");
        }
        return password;
    }

    /** A connection to the coordinator as the given service role. */
    public static Connection connectAs(String role) throws SQLException {
        return DriverManager.getConnection(url(), role, password(role));
    }

    /** Rows in one of the role's own tables. */
    public static long count(String role, String table) throws SQLException {
        try (Connection connection = connectAs(role); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Whether the cluster runs Citus (the launcher uses it whenever it is installed). */
    public static boolean isCitus(String role) throws SQLException {
        try (Connection connection = connectAs(role);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getBoolean(1);
        }
    }
}
