package org.citusschemas.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
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
    private static ManagedLikeCluster managed;
    /** How the launcher and the tests reach a managed-like cluster (empty otherwise). */
    private static Map<String, String> external = Map.of();

    private TestCluster() {}

    public static int port() {
        return managed != null ? 5432 : Integer.getInteger("cluster.port", 9810);
    }

    /** Where the coordinator answers: 127.0.0.1, or the managed-like cluster's address. */
    public static String host() {
        return managed != null ? ManagedLikeCluster.COORDINATOR : "127.0.0.1";
    }

    /** The launcher's settings for this run's cluster beyond its directory, port and database. */
    static synchronized Map<String, String> launcherEnvironment() {
        Map<String, String> environment = new HashMap<>(external);
        if (mode != null) {
            environment.put("CLUSTER_MODE", mode.launcherName());
        }
        return environment;
    }

    public static String database() {
        return System.getProperty("cluster.db", "citus");
    }

    /** The coordinator's JDBC URL, verifying its TLS certificate where the cluster is a managed-like one. */
    public static String url() {
        String url = "jdbc:postgresql://" + host() + ":" + port() + "/" + database();
        return managed == null ? url : url + "?sslmode=verify-full&sslrootcert=" + managed.ca();
    }

    /** Starts and bootstraps the cluster, and renders the post-boot file of this run's Payara Micro. */
    static synchronized void start() {
        ClusterMode.Choice choice = ClusterMode.choose();
        if (choice == null) {
            banner("NO TEST CLUSTER: no managed-like cluster can be had here ("
                    + ManagedLikeCluster.unavailableBecause() + "); this run's Citus tests are SKIPPED");
            renderPostBootFile(); // Payara Micro still starts; its services answer 503 until the tests skip
            return;
        }
        mode = choice.mode();
        String nodes = switch (mode) {
            case POSTGRES ->
                "one plain PostgreSQL, NO Citus: the Citus tests will be SKIPPED; coordinator 127.0.0.1:" + port();
            case CONTAINERS ->
                "a coordinator and two workers in containers of " + CitusContainers.image() + "; coordinator 127.0.0.1:"
                        + port();
            case LOCAL ->
                "a coordinator and two workers from this machine's PostgreSQL with Citus; coordinator 127.0.0.1:"
                        + port();
            case MANAGED ->
                "a managed-like Citus cluster (TLS only, admin login without superuser) on "
                        + String.join(", ", ManagedLikeCluster.NODES) + ", port 5432, set up as the user's own; nodes: "
                        + (ManagedLikeCluster.inContainers()
                                ? "containers of " + CitusContainers.image()
                                : "this machine's PostgreSQL");
        };
        banner("TEST CLUSTER: " + mode.name().toLowerCase(Locale.ROOT) + " (" + choice.why() + "): " + nodes);
        long started = System.nanoTime();
        try {
            if (mode == ClusterMode.CONTAINERS) {
                containers = CitusContainers.start(port(), database(), password("postgres"));
                System.out.print(Launcher.run(Map.of(), "bootstrap"));
            } else if (mode == ClusterMode.MANAGED) {
                startManaged();
                System.out.print(Launcher.run(Map.of(), "start"));
            } else {
                System.out.print(Launcher.run(Map.of(), "start"));
            }
            renderPostBootFile();
        } catch (Exception e) {
            stop();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        System.out.printf("[test cluster] ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static void renderPostBootFile() {
        String postBoot = System.getProperty("post.boot.file");
        if (postBoot != null && !postBoot.isBlank()) {
            Launcher.run(Map.of(), "post-boot", System.getProperty("post.boot.roles"), postBoot);
        }
    }

    /**
     * The provider's side of a managed-like cluster: its nodes know the product's role passwords
     * (how nodes log in to each other is the provider's business); the product gets only the
     * coordinator's address, the CA file and the admin login's password in a private file.
     */
    private static void startManaged() throws Exception {
        Path dir = Path.of(System.getProperty("cluster.dir"));
        Files.createDirectories(dir);
        Map<String, String> passwords = new HashMap<>();
        for (String role : List.of("userservice", "timeservice", "pingservice", "citusadmin")) {
            passwords.put(role, password(role));
        }
        String adminPassword = Long.toHexString(new SecureRandom().nextLong());
        managed = new ManagedLikeCluster(dir.resolveSibling("managed-provider"), adminPassword, passwords);
        managed.start();
        external = managed.launcherSettings(dir.resolve("admin-login.password"));
    }

    /** Removes the containers (with their volumes and network), or stops the local or managed-like nodes. */
    static synchronized void stop() {
        if (mode == null) {
            return;
        }
        if (containers != null) {
            containers.close();
            containers = null;
        } else if (managed != null) {
            try {
                managed.close();
            } catch (Exception e) {
                System.err.println("[test cluster] could not stop the managed-like cluster: " + e);
            }
            managed = null;
            external = Map.of();
        } else {
            Launcher.run(Map.of(), "stop");
        }
        banner("TEST CLUSTER " + mode.name().toLowerCase(Locale.ROOT) + " removed");
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
            Launcher.run(Map.of(), "stop", node);
        }
    }

    /** Starts every stopped node again. */
    public static void startNodes() {
        if (mode == ClusterMode.CONTAINERS) {
            CitusContainers.NODES.forEach(containers()::start);
        } else {
            Launcher.run(Map.of(), "start");
        }
    }

    /**
     * A superuser connection straight to one node (coordinator, worker1, worker2) of the cluster in
     * containers, through its port on the host: to see what is on each node, whatever Citus says.
     */
    public static Connection connectToNode(String node) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + containers().hostPort(node) + "/" + database(),
                "postgres",
                password("postgres"));
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
        return nodes("groupid <> 0");
    }

    /** The coordinator as Citus registered it. */
    public static Node coordinator() {
        return nodes("groupid = 0").get(0);
    }

    private static List<Node> nodes(String which) {
        try (Connection connection = connectAs("citusadmin");
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT nodename, nodeport FROM pg_dist_node WHERE " + which + " ORDER BY nodeid")) {
            List<Node> nodes = new ArrayList<>();
            while (rows.next()) {
                nodes.add(new Node(rows.getString(1), rows.getInt(2)));
            }
            return nodes;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the nodes", e);
        }
    }

    public static String password(String role) {
        return secret(role.toUpperCase(Locale.ROOT) + "_DB_PASSWORD");
    }

    /** The password of one of the admin API's users (reader, operator), which the launcher generated. */
    public static String adminPassword(String user) {
        return secret("ADMIN_" + user.toUpperCase(Locale.ROOT) + "_PASSWORD");
    }

    private static String secret(String variable) {
        String password = System.getenv(variable);
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException(variable + " is not set: run the tests through Maven (mvn verify)");
        }
        return password;
    }

    /** The managed-like cluster's provider side, when this run's cluster is one. */
    public static synchronized ManagedLikeCluster managedLike() {
        if (managed == null) {
            throw new IllegalStateException("the test cluster is not a managed-like one (mode " + mode + ")");
        }
        return managed;
    }

    /** A connection to the coordinator as the given service role. */
    public static Connection connectAs(String role) throws SQLException {
        return DriverManager.getConnection(url(), role, password(role));
    }

    /**
     * A connection to the coordinator as the nodes' superuser, for the tests' own housekeeping where a
     * service role's settings (its lock_timeout) would get in the way. Not on a managed-like cluster.
     */
    public static Connection connectAsSuperuser() throws SQLException {
        if (managed != null) {
            throw new IllegalStateException("a managed-like cluster gives the tests no superuser login");
        }
        return DriverManager.getConnection(url(), "postgres", password("postgres"));
    }

    /** Rows in one of the role's own tables. */
    public static long count(String role, String table) throws SQLException {
        try (Connection connection = connectAs(role);
                Statement statement = connection.createStatement();
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
