package org.citusschemas.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.ManagedLikeCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The launcher against a cluster it did not start, as a user's managed Citus service: it gets only
 * the coordinator's address, the CA file and the admin login's password (a file of mode 600), sets
 * the product up through that NOSUPERUSER CREATEROLE login over verified TLS, changes nothing when
 * run again, and stops within seconds, naming the cause, when an address, the TLS, the password, the
 * login's rights or the citus extension is wrong.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManagedClusterIT {

    static final Path DIR =
            Path.of(System.getProperty("cluster.dir", "target/launcher-it")).resolveSibling("managed-it");
    static final List<String> ROLES = List.of("userservice", "timeservice", "pingservice", "citusadmin");
    static final Map<String, String> PASSWORDS = new LinkedHashMap<>();
    static ManagedLikeCluster cluster;

    record Run(int exit, String output, Duration took) {}

    @BeforeAll
    static void startTheProvidersCluster() throws Exception {
        String missing = ManagedLikeCluster.unavailableBecause();
        if (missing != null) {
            CitusRequirement.skipLoudly(
                    "NEEDS CITUS", "ManagedClusterIT", "it imitates a managed Citus service, and " + missing + ".");
        }
        ROLES.forEach(role -> PASSWORDS.put(role, role + "-" + Long.toHexString(System.nanoTime())));
        cluster = new ManagedLikeCluster(
                DIR.resolve("provider"), "admin-" + Long.toHexString(System.nanoTime()), PASSWORDS);
        cluster.start();
        System.out.println("[managed-like cluster] nodes: " + cluster.nodesDescription());
        settings = cluster.launcherSettings(DIR.resolve("admin.password"));
    }

    @AfterAll
    static void stopIt() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** What a user gives the product for their cluster (besides the passwords the provider knows for its roles). */
    static Map<String, String> settings;

    static Run launcher(Map<String, String> changes, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("launcher", "bin/cluster")));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("CLUSTER_") || name.endsWith("_PASSWORD"));
        builder.environment().put("CLUSTER_DIR", DIR.resolve("state").toString());
        builder.environment().putAll(settings);
        builder.environment().put("CLUSTER_DB", "citus");
        PASSWORDS.forEach((role, password) -> builder.environment().put(role.toUpperCase() + "_DB_PASSWORD", password));
        builder.environment().putAll(changes);
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "launcher finished");
        System.out.println(output);
        return new Run(process.exitValue(), output, Duration.ofNanos(System.nanoTime() - start));
    }

    static Connection connect(String role, String sslMode, Path ca) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("password", PASSWORDS.get(role));
        properties.setProperty("sslmode", sslMode);
        properties.setProperty("sslrootcert", ca.toString());
        return DriverManager.getConnection(
                "jdbc:postgresql://" + ManagedLikeCluster.COORDINATOR + ":5432/citus", properties);
    }

    @Test
    @Order(1)
    void setsTheProductUpThroughAnAdminLoginThatIsNoSuperuserOverVerifiedTls() throws Exception {
        Run start = launcher(Map.of(), "start");
        assertEquals(0, start.exit(), start.output());
        System.out.println(
                "bootstrap of the managed-like cluster took " + start.took().toMillis() + " ms");
        assertTrue(start.output().contains("your own Citus cluster at 127.0.0.21:5432"), start.output());
        assertTrue(start.output().contains("nodes: 127.0.0.21:5432 127.0.0.22:5432 127.0.0.23:5432"), start.output());
        assertFalse(start.output().contains("starting coordinator"), "no local node is started: " + start.output());

        try (Connection users = connect("userservice", "verify-full", cluster.ca());
                Statement sql = users.createStatement()) {
            try (ResultSet row = sql.executeQuery(
                    "SELECT current_schema(), (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid())")) {
                row.next();
                assertEquals("userservice", row.getString(1), "the role finds its own schema");
                assertTrue(row.getBoolean(2), "over TLS");
            }
            try (ResultSet rows =
                    sql.executeQuery("SELECT schema_name::text, schema_owner::text FROM citus_schemas ORDER BY 1")) {
                Map<String, String> owners = new LinkedHashMap<>();
                while (rows.next()) {
                    owners.put(rows.getString(1), rows.getString(2));
                }
                assertEquals(
                        Map.of(
                                "pingservice",
                                "pingservice",
                                "timeservice",
                                "timeservice",
                                "userservice",
                                "userservice"),
                        owners);
            }
            sql.execute("CREATE TABLE notes (id serial PRIMARY KEY, text text)");
            sql.execute("INSERT INTO notes (text) VALUES ('kept')");
            try (ResultSet row =
                    sql.executeQuery("SELECT nodename FROM citus_shards WHERE table_name = 'notes'::regclass")) {
                row.next();
                assertTrue(
                        List.of("127.0.0.22", "127.0.0.23").contains(row.getString(1)),
                        "placed on a worker: " + row.getString(1));
            }
        }
        try (Connection admin = connect("citusadmin", "verify-full", cluster.ca());
                Statement sql = admin.createStatement();
                ResultSet row = sql.executeQuery(
                        "SELECT rolsuper, rolcreaterole, pg_has_role('citusadmin', 'userservice', 'USAGE') "
                                + "FROM pg_roles WHERE rolname = current_user")) {
            row.next();
            assertFalse(row.getBoolean(1));
            assertFalse(row.getBoolean(2));
            assertTrue(row.getBoolean(3), "the admin API's role acts as the services' schemas' owner");
        }
        assertEquals(
                "forget_lost_pins,onboard_service:citus",
                cluster.sql(
                                ManagedLikeCluster.COORDINATOR,
                                "citus",
                                "SELECT string_agg(proname, ',' ORDER BY proname) || ':' || string_agg(DISTINCT proowner::regrole::text, ',') FROM pg_proc "
                                        + "WHERE pronamespace = to_regnamespace('citus_admin')")
                        .strip(),
                "no superuser's functions (the nodes are the provider's, pins need strategies only a superuser adds): "
                        + "only onboarding and the pins' upkeep, owned by the bootstrap's login");
    }

    @Test
    @Order(2)
    void runningItAgainChangesNothingAndLosesNothing() throws Exception {
        Run again = launcher(Map.of(), "start");
        assertEquals(0, again.exit(), again.output());
        assertTheNoteIsKept();
        Run status = launcher(Map.of(), "status");
        assertEquals(0, status.exit(), status.output());
        assertTrue(status.output().contains("127.0.0.23:5432  primary  active"), status.output());
    }

    @Test
    @Order(3)
    void rendersPoolsThatReachTheCoordinatorOverVerifiedTls() throws Exception {
        Path file = DIR.resolve("userservice.asadmin");
        Run render = launcher(Map.of(), "post-boot", "userservice", file.toString());
        assertEquals(0, render.exit(), render.output());
        String commands = Files.readString(file);
        assertTrue(
                commands.contains(
                        ":serverName=127.0.0.21:portNumber=5432:databaseName=citus:sslmode=verify-full:sslrootcert="
                                + cluster.ca() + ":"),
                commands);
        assertFalse(commands.contains(PASSWORDS.get("userservice")), "no password in the file");
    }

    @Test
    @Order(4)
    void stopsWithinSecondsNamingWhatIsWrong() throws Exception {
        Path weak = DIR.resolve("weak.password");
        Files.writeString(weak, "weak-secret\n");
        ManagedLikeCluster.run(List.of("chmod", "600", weak.toString()));
        cluster.sql(ManagedLikeCluster.COORDINATOR, "citus", "CREATE ROLE weak LOGIN PASSWORD 'weak-secret'");
        cluster.sql(ManagedLikeCluster.COORDINATOR, "citus", "GRANT CONNECT ON DATABASE citus TO weak");
        Path open = DIR.resolve("open.password");
        Files.writeString(open, cluster.adminPassword() + "\n");

        Map<Map<String, String>, String> failures = new LinkedHashMap<>();
        failures.put(Map.of("CLUSTER_HOST", "127.0.0.29"), "nothing answers on 127.0.0.29:5432");
        failures.put(
                Map.of("CLUSTER_SSLROOTCERT", cluster.otherCa().toString()),
                "is not signed by the CA in CLUSTER_SSLROOTCERT");
        failures.put(Map.of("CLUSTER_HOST", ManagedLikeCluster.UNNAMED_ADDRESS), "does not name 127.0.0.31");
        failures.put(Map.of("CLUSTER_SSLMODE", "disable"), "accepts only TLS connections");
        failures.put(Map.of("CLUSTER_ADMIN_PASSWORD", "wrong"), "refused the password of citus");
        failures.put(Map.of("CLUSTER_ADMIN_PASSWORD_FILE", open.toString()), "others may read it");
        failures.put(Map.of("CLUSTER_DB", "postgres"), "has no citus extension");
        failures.put(
                Map.of("CLUSTER_ADMIN_USER", "weak", "CLUSTER_ADMIN_PASSWORD_FILE", weak.toString()),
                "weak may not create roles");
        for (Map.Entry<Map<String, String>, String> failure : failures.entrySet()) {
            Run run = launcher(failure.getKey(), "start");
            assertNotEquals(0, run.exit(), failure.getKey() + ": " + run.output());
            assertTrue(
                    run.output().contains(failure.getValue()),
                    failure.getKey() + " should say '" + failure.getValue() + "': " + run.output());
            assertEquals(
                    1,
                    run.output()
                            .lines()
                            .filter(line -> line.startsWith("[cluster] error:"))
                            .count(),
                    run.output());
            assertTrue(run.took().compareTo(Duration.ofSeconds(10)) < 0, failure.getKey() + " took " + run.took());
            System.out.println(failure.getKey() + " -> " + run.took().toMillis() + " ms: "
                    + run.output().strip());
        }
    }

    /**
     * A service role that may create databases, which the admin login (CREATEROLE, not CREATEDB)
     * may not take away under PostgreSQL 16 and later: the bootstrap stops naming the role and the
     * way out, keeps the data, and passes again once the provider has taken the attribute away.
     */
    @Test
    @Order(5)
    void stopsOnAServiceRoleThatMayCreateDatabasesNamingItAndLosesNothing() throws Exception {
        cluster.sql(ManagedLikeCluster.COORDINATOR, "citus", "ALTER ROLE pingservice CREATEDB");
        try {
            Run refused = launcher(Map.of(), "start");
            assertNotEquals(0, refused.exit(), refused.output());
            assertTrue(
                    refused.output()
                            .contains(
                                    "role pingservice may create databases, and citus, which may not, does not change"),
                    refused.output());
            assertTrue(
                    refused.output().contains("ALTER ROLE pingservice NOCREATEDB as a login that may"),
                    refused.output());
        } finally {
            cluster.sql(ManagedLikeCluster.COORDINATOR, "citus", "ALTER ROLE pingservice NOCREATEDB");
        }
        Run again = launcher(Map.of(), "start");
        assertEquals(0, again.exit(), again.output());
        assertTheNoteIsKept();
    }

    private static void assertTheNoteIsKept() throws Exception {
        try (Connection users = connect("userservice", "verify-full", cluster.ca());
                Statement sql = users.createStatement();
                ResultSet row = sql.executeQuery("SELECT text FROM notes")) {
            assertTrue(row.next());
            assertEquals("kept", row.getString(1));
        }
    }
}
