package org.citusschemas.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The database cluster of one test run (one test JVM): started before the first test and removed
 * after the last by {@link TestClusterSession}, in the {@link ClusterMode} this machine allows,
 * and bootstrapped by the launcher in every mode. Its coordinator answers on 127.0.0.1 at the
 * port the build gives ({@code cluster.port}); a role's password comes from the same environment
 * variable the service's pool reads.
 */
public final class TestCluster {

    /** A node as Citus knows it (pg_dist_node): the name and port the admin API answers with. */
    public record Node(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private static ClusterMode mode;
    private static CitusContainers containers;

    private TestCluster() {
    }

    public static int port() {
        return Integer.getInteger("cluster.port", 9810);
    }

    public static String database() {
        return System.getProperty("cluster.db", "citus");
    }

    public static String url() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database();
    }

    /** Starts and bootstraps the cluster, and renders the post-boot file of this run's Payara Micro. */
    static synchronized void start() {
        ClusterMode.Choice choice = ClusterMode.choose();
        mode = choice.mode();
        String nodes = mode == ClusterMode.POSTGRES ? "one plain PostgreSQL, NO Citus: the Citus tests will be SKIPPED"
                : mode == ClusterMode.CONTAINERS ? "a coordinator and two workers in containers of " + CitusContainers.image()
                : "a coordinator and two workers from this machine's PostgreSQL with Citus";
        banner("TEST CLUSTER: " + mode.launcherName() + " (" + choice.why() + "): " + nodes + "; coordinator 127.0.0.1:" + port());
        long started = System.nanoTime();
        Map<String, String> environment = Map.of("CLUSTER_MODE", mode.launcherName());
        try {
            if (mode == ClusterMode.CONTAINERS) {
                containers = CitusContainers.start(port(), database(), password("postgres"));
                System.out.print(Launcher.run(environment, "bootstrap"));
            } else {
                System.out.print(Launcher.run(environment, "start"));
            }
            String postBoot = System.getProperty("post.boot.file");
            if (postBoot != null && !postBoot.isBlank()) {
                Launcher.run(environment, "post-boot", System.getProperty("post.boot.roles"), postBoot);
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        System.out.printf("[test cluster] ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** Removes the containers (with their volumes and network), or stops the local nodes. */
    static synchronized void stop() {
        if (mode == null) {
            return;
        }
        if (containers != null) {
            containers.close();
            containers = null;
        } else {
            Launcher.run(Map.of("CLUSTER_MODE", mode.launcherName()), "stop");
        }
        banner("TEST CLUSTER " + mode.launcherName() + " removed");
        mode = null;
    }

    private static void banner(String message) {
        System.out.println("\n" + "=".repeat(100) + "\n" + message + "\n" + "=".repeat(100) + "\n");
    }

    /** The mode of this run's cluster; null when none was started (a module that runs its own). */
    public static synchronized ClusterMode mode() {
        return mode;
    }

    /** This run's containers, when the cluster runs in containers. */
    public static synchronized CitusContainers containers() {
        if (containers == null) {
            throw new IllegalStateException("the test cluster does not run in containers (mode " + mode + ")");
        }
        return containers;
    }

    /** Stops one node (coordinator, worker1, worker2) as a failed host would. */
    public static void stopNode(String node) {
        if (mode == ClusterMode.CONTAINERS) {
            containers().stop(node);
        } else {
            Launcher.run(Map.of("CLUSTER_MODE", mode.launcherName()), "stop", node);
        }
    }

    /** Starts every stopped node again. */
    public static void startNodes() {
        if (mode == ClusterMode.CONTAINERS) {
            CitusContainers.NODES.forEach(containers()::start);
        } else {
            Launcher.run(Map.of("CLUSTER_MODE", mode.launcherName()), "start");
        }
    }

    /** The launcher's name of the node Citus knows by this address. */
    public static String nodeName(Node node) {
        List<Node> workers = workers();
        int index = workers.indexOf(node);
        if (index < 0) {
            throw new IllegalArgumentException(node + " is not a worker of this cluster: " + workers);
        }
        return "worker" + (index + 1);
    }

    /** The workers as Citus registered them, in the order they were added (worker1, worker2). */
    public static List<Node> workers() {
        try (Connection connection = connectAs("citusadmin"); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT nodename, nodeport FROM pg_dist_node WHERE groupid <> 0 ORDER BY nodeid")) {
            List<Node> workers = new ArrayList<>();
            while (rows.next()) {
                workers.add(new Node(rows.getString(1), rows.getInt(2)));
            }
            return workers;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the workers", e);
        }
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

    /** Whether the cluster runs Citus. */
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
