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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.ManagedLikeCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster launcher (server-config/bin/cluster) as the local run and every integration test
 * use it: a cluster of its own on port 9820 (auto: local Citus when installed, else containers,
 * else plain PostgreSQL), a plain PostgreSQL one on 9830 (CLUSTER_MODE=postgres), so that path is
 * covered on every machine, and one in containers of the Citus image on 9840 where Docker has it.
 */
class ClusterLauncherIT {

    static final Path DIR = Path.of(System.getProperty("cluster.dir", "target/launcher-it"));
    static final int PORT = Integer.getInteger("cluster.port", 9820);
    static final Path PLAIN_DIR = DIR.resolveSibling(DIR.getFileName() + "-plain");
    static final int PLAIN_PORT = PORT + 10;
    static final Path CONTAINERS_DIR = DIR.resolveSibling(DIR.getFileName() + "-containers");
    static final int CONTAINERS_PORT = PORT + 20;
    static final List<String> ROLES = List.of("userservice", "timeservice", "pingservice");

    record Run(int exit, String output) {}

    static Run launcher(Path dir, int port, Map<String, String> extraEnv, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("launcher", "bin/cluster")));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CLUSTER_DIR", dir.toString());
        builder.environment().put("CLUSTER_PORT", String.valueOf(port));
        builder.environment().remove("CLUSTER_MODE"); // auto, unless the test says otherwise
        builder.environment().putAll(extraEnv);
        ROLES.forEach(role -> builder.environment().remove(role.toUpperCase() + "_DB_PASSWORD"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "launcher finished");
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }

    static Run launcher(String... arguments) throws IOException, InterruptedException {
        return launcher(DIR, PORT, Map.of(), arguments);
    }

    static Properties credentials(Path dir) throws IOException {
        Properties credentials = new Properties();
        try (var in = Files.newInputStream(dir.resolve("credentials.env"))) {
            credentials.load(in);
        }
        return credentials;
    }

    static Connection connect(Path dir, int port, String role) throws IOException, SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/citus",
                role,
                credentials(dir).getProperty(role.toUpperCase() + "_DB_PASSWORD"));
    }

    @BeforeAll
    static void startFresh() throws Exception {
        launcher("destroy");
        Run start = launcher("start");
        assertEquals(0, start.exit(), start.output());
    }

    @AfterAll
    static void stop() throws Exception {
        launcher("stop");
        launcher(PLAIN_DIR, PLAIN_PORT, Map.of("CLUSTER_MODE", "postgres"), "stop");
    }

    @Test
    void startIsIdempotentAndStatusReportsEveryNodeRunning() throws Exception {
        Run again = launcher("start");
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("already running"), again.output());

        Run status = launcher("status");
        assertEquals(0, status.exit(), status.output());
        assertFalse(status.output().contains("stopped"), status.output());
    }

    @Test
    void keepsSecretsPrivateAndThePasswordsStableAcrossStarts() throws Exception {
        Properties before = credentials(DIR);
        launcher("start");
        assertEquals(before, credentials(DIR), "a second start keeps the passwords");
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(DIR.resolve("credentials.env"))));
        for (String role : ROLES) {
            assertTrue(before.getProperty(role.toUpperCase() + "_DB_PASSWORD").length() >= 32, role);
        }
    }

    @Test
    void eachServiceRoleLogsInWithItsPasswordAndFindsItsOwnSchemaFirst() throws Exception {
        for (String role : ROLES) {
            try (Connection connection = connect(DIR, PORT, role);
                    Statement sql = connection.createStatement();
                    ResultSet row = sql.executeQuery("SELECT current_schema(), "
                            + "(SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = current_user)")) {
                row.next();
                assertEquals(role, row.getString(1), "search_path of " + role);
                assertEquals(role, row.getString(2), "owner of schema " + role);
            }
        }
    }

    @Test
    void createsTheAdminRoleAsAMemberOfEveryServiceRoleAndNoSuperuser() throws Exception {
        try (Connection connection = connect(DIR, PORT, "citusadmin");
                Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery(
                        "SELECT rolsuper, rolcreaterole, rolcreatedb, "
                                + "pg_has_role('citusadmin', 'userservice', 'USAGE'), pg_has_role('citusadmin', 'timeservice', 'USAGE'), "
                                + "pg_has_role('citusadmin', 'pingservice', 'USAGE') FROM pg_roles WHERE rolname = current_user")) {
            row.next();
            assertFalse(row.getBoolean(1), "superuser");
            assertFalse(row.getBoolean(2), "createrole");
            assertFalse(row.getBoolean(3), "createdb");
            assertTrue(row.getBoolean(4) && row.getBoolean(5) && row.getBoolean(6), "member of every service role");
        }
    }

    @Test
    void rendersTheAdminUsersIntoTheAdminPostBootFileOnly() throws Exception {
        Path file = DIR.resolve("admin.asadmin");
        assertEquals(
                0,
                launcher("post-boot", "citusadmin,userservice", file.toString()).exit());
        String commands = Files.readString(file);
        assertTrue(commands.contains("jdbc/citusadmin") && commands.contains("jdbc/userservice"), commands);
        assertTrue(commands.contains("create-file-user --groups citus-operators --passwordfile"), commands);
        assertTrue(commands.contains("create-file-user --groups citus-readers --passwordfile"), commands);
        assertFalse(
                commands.contains(credentials(DIR).getProperty("ADMIN_OPERATOR_PASSWORD")), "no password in the file");
        assertFalse(Files.readString(launcherFile("userservice")).contains("create-file-user"));
    }

    private static Path launcherFile(String role) throws Exception {
        Path file = DIR.resolve(role + "-only.asadmin");
        assertEquals(0, launcher("post-boot", role, file.toString()).exit());
        return file;
    }

    @Test
    void refusesAWrongPassword() {
        SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(
                SQLException.class,
                () -> DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + PORT + "/citus", "userservice", "wrong"));
        assertEquals("28P01", refused.getSQLState(), refused.getMessage());
    }

    @Test
    void distributesEveryServiceSchemaOverTwoWorkersWhenCitusIsInstalled() throws Exception {
        String mode = Files.readString(DIR.resolve("mode")).trim();
        if (mode.equals("postgres")) {
            CitusRequirement.skipLoudly(
                    "NEEDS CITUS",
                    "ClusterLauncherIT.distributesEveryServiceSchemaOverTwoWorkersWhenCitusIsInstalled",
                    "the launcher found no Citus (neither installed locally nor Docker with the image) and started plain PostgreSQL.");
        }
        assertDistributedOverTwoWorkers(DIR, PORT);
    }

    static void assertDistributedOverTwoWorkers(Path dir, int port) throws Exception {
        try (Connection connection = connect(dir, port, "userservice");
                Statement sql = connection.createStatement()) {
            List<String> schemas = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT schema_name::text FROM citus_schemas ORDER BY 1")) {
                while (rows.next()) {
                    schemas.add(rows.getString(1));
                }
            }
            assertEquals(ROLES.stream().sorted().toList(), schemas);
            try (ResultSet rows = sql.executeQuery(
                    "SELECT count(*) FILTER (WHERE groupid <> 0), count(*) FILTER (WHERE groupid = 0) FROM pg_dist_node")) {
                rows.next();
                assertEquals(2, rows.getInt(1), "workers");
                assertEquals(1, rows.getInt(2), "coordinator in the metadata");
            }
        }
    }

    static String docker(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker finished");
        return output;
    }

    @Test
    void runsTheClusterInContainersPublishedOnLoopbackKeepsTheDataAcrossAStopAndDestroyRemovesEverything()
            throws Exception {
        String unavailable = org.citusschemas.it.CitusContainers.unavailableBecause();
        if (unavailable != null) {
            CitusRequirement.skipLoudly(
                    "NEEDS CONTAINERS",
                    "ClusterLauncherIT.runsTheClusterInContainersPublishedOnLoopbackKeepsTheDataAcrossAStopAndDestroyRemovesEverything",
                    unavailable);
        }
        Map<String, String> containers = Map.of("CLUSTER_MODE", "containers");
        String project = "citus-schemas-" + CONTAINERS_PORT;
        launcher(CONTAINERS_DIR, CONTAINERS_PORT, containers, "destroy");
        try {
            Run start = launcher(CONTAINERS_DIR, CONTAINERS_PORT, containers, "start");
            assertEquals(0, start.exit(), start.output());
            assertTrue(start.output().contains("workers worker1:5432 worker2:5432"), start.output());
            assertEquals(
                    "127.0.0.1:" + CONTAINERS_PORT,
                    docker("port", project + "-coordinator", "5432"),
                    "published on loopback only");
            assertEquals("127.0.0.1:" + (CONTAINERS_PORT + 2), docker("port", project + "-worker2", "5432"));
            assertDistributedOverTwoWorkers(CONTAINERS_DIR, CONTAINERS_PORT);
            try (Connection connection = connect(CONTAINERS_DIR, CONTAINERS_PORT, "userservice");
                    Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE kept (note text)");
                sql.execute("INSERT INTO kept VALUES ('survives a stop')");
            }

            assertEquals(
                    0,
                    launcher(CONTAINERS_DIR, CONTAINERS_PORT, Map.of(), "stop").exit());
            Run stopped = launcher(CONTAINERS_DIR, CONTAINERS_PORT, Map.of(), "status");
            assertNotEquals(0, stopped.exit(), stopped.output());
            assertTrue(stopped.output().contains("mode: containers"), stopped.output());
            assertEquals(
                    3,
                    docker("volume", "ls", "-q", "--filter", "label=org.citusschemas.cluster=" + project)
                            .lines()
                            .count(),
                    "stop keeps the volumes");

            String made = docker("container", "inspect", "-f", "{{.Config.Image}}", project + "-coordinator");
            assertTrue(stopped.output().contains("image: " + made), stopped.output());
            Run otherLine = launcher(
                    CONTAINERS_DIR, CONTAINERS_PORT, Map.of("CITUS_IMAGE", "citusdata/citus:0.0.0-other"), "start");
            assertNotEquals(0, otherLine.exit(), otherLine.output());
            assertTrue(
                    otherLine
                            .output()
                            .contains("were made from " + made + ", not CITUS_IMAGE=citusdata/citus:0.0.0-other"),
                    otherLine.output());
            assertTrue(otherLine.output().contains("./run destroy"), "names the way forward: " + otherLine.output());
            assertEquals(
                    "exited",
                    docker("container", "inspect", "-f", "{{.State.Status}}", project + "-coordinator"),
                    "the old containers were not started on another line");

            Run again = launcher(CONTAINERS_DIR, CONTAINERS_PORT, Map.of(), "start");
            assertEquals(0, again.exit(), again.output());
            try (Connection connection = connect(CONTAINERS_DIR, CONTAINERS_PORT, "userservice");
                    Statement sql = connection.createStatement();
                    ResultSet row = sql.executeQuery("SELECT note FROM kept")) {
                assertTrue(row.next());
                assertEquals("survives a stop", row.getString(1));
            }
        } finally {
            Run destroy = launcher(CONTAINERS_DIR, CONTAINERS_PORT, Map.of(), "destroy");
            assertEquals(0, destroy.exit(), destroy.output());
        }
        String label = "label=org.citusschemas.cluster=" + project;
        assertEquals("", docker("ps", "-aq", "--filter", label), "no container left");
        assertEquals("", docker("volume", "ls", "-q", "--filter", label), "no volume left");
        assertEquals("", docker("network", "ls", "-q", "--filter", "name=" + project), "no network left");
        assertFalse(Files.exists(CONTAINERS_DIR));
    }

    /**
     * A machine with several PostgreSQL majors and Citus built for one of them (here fakes under a
     * PG_ROOT of its own: 16 without Citus, 17 with it in its Debian library directory, 18 without):
     * the local mode takes 17, and a cluster whose data a different major made is refused by name.
     */
    @Test
    void findsTheNewestPostgresWithCitusAndRefusesDataOfAnotherMajor() throws Exception {
        Path root = DIR.resolveSibling("pg-root");
        Path dir = DIR.resolveSibling("pg-root-cluster");
        for (String major : List.of("16", "17", "18")) {
            Path bin = Files.createDirectories(root.resolve(major).resolve("bin"));
            Files.createDirectories(root.resolve(major).resolve("lib"));
            fake(bin.resolve("postgres"), "echo 'postgres (PostgreSQL) " + major + ".2 (Debian " + major + ".2-1)'");
            fake(bin.resolve("initdb"), "exit 1");
            fake(bin.resolve("pg_ctl"), "exit 3"); // status: not running
        }
        fake(root.resolve("16/bin/pg_config"), "echo " + root.resolve("16/lib"));
        Files.writeString(root.resolve("17/lib/citus.so"), "");
        Files.createDirectories(dir.resolve("data/coordinator"));
        Files.createDirectories(dir.resolve("data/worker1"));
        Files.writeString(dir.resolve("mode"), "local\n");
        Files.writeString(dir.resolve("data/coordinator/PG_VERSION"), "15\n");
        ManagedLikeCluster.run(List.of("chmod", "-R", "a+rX", root.toString()));

        Map<String, String> fakes = new HashMap<>(Map.of("PG_ROOT", root.toString()));
        Run status = launcher(dir, 9890, fakes, "status");
        assertTrue(status.output().contains("postgres: " + root.resolve("17/bin")), status.output());

        Run start = launcher(dir, 9890, fakes, "start");
        assertNotEquals(0, start.exit(), start.output());
        assertTrue(
                start.output().contains("was made by PostgreSQL 15, and this run found PostgreSQL 17"), start.output());
        assertTrue(start.output().contains("PG_BIN=" + root + "/15/bin keeps the old major"), start.output());
    }

    private static void fake(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        file.toFile().setExecutable(true, false);
    }

    @Test
    void withoutCitusRunsOnePlainPostgresAndSaysTheSchemasAreNotDistributed() throws Exception {
        Map<String, String> plain = Map.of("CLUSTER_MODE", "postgres");
        launcher(PLAIN_DIR, PLAIN_PORT, plain, "destroy");
        Run start = launcher(PLAIN_DIR, PLAIN_PORT, plain, "start");
        assertEquals(0, start.exit(), start.output());
        assertTrue(start.output().contains("NOT distributed"), start.output());

        Run status = launcher(PLAIN_DIR, PLAIN_PORT, plain, "status");
        assertEquals(0, status.exit(), status.output());
        assertFalse(status.output().contains("worker"), status.output());
        try (Connection connection = connect(PLAIN_DIR, PLAIN_PORT, "timeservice");
                Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery(
                        "SELECT current_schema(), EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')")) {
            row.next();
            assertEquals("timeservice", row.getString(1));
            assertFalse(row.getBoolean(2), "no Citus in plain mode");
        }
        Run otherMode = launcher(PLAIN_DIR, PLAIN_PORT, Map.of("CLUSTER_MODE", "local"), "start");
        assertNotEquals(0, otherMode.exit(), otherMode.output());
        assertTrue(otherMode.output().contains("started in postgres mode, not local"), otherMode.output());

        launcher(PLAIN_DIR, PLAIN_PORT, plain, "stop");
        assertNotEquals(0, launcher(PLAIN_DIR, PLAIN_PORT, plain, "status").exit(), "status fails once stopped");
        Run destroy = launcher(PLAIN_DIR, PLAIN_PORT, Map.of("CLUSTER_MODE", "local"), "destroy");
        assertEquals(0, destroy.exit(), "destroy takes the cluster as it was started: " + destroy.output());
        assertFalse(Files.exists(PLAIN_DIR));
    }

    @Test
    void rendersEachServicesPoolWithItsRoleAndNoPassword() throws Exception {
        Path file = DIR.resolve("userservice.asadmin");
        assertEquals(0, launcher("post-boot", "userservice", file.toString()).exit());
        String commands = Files.readString(file);
        assertTrue(commands.contains("user=userservice:password=${ENV=USERSERVICE_DB_PASSWORD}"), commands);
        assertTrue(commands.contains("portNumber=" + PORT), commands);
        assertTrue(commands.contains("--isconnectvalidatereq true"), commands);
        assertTrue(commands.contains("--leaktimeout 0 "), "leak tracing off by default: " + commands);
        assertFalse(commands.matches("(?s).*@[A-Z_]+@.*"), "every slot of the template is filled: " + commands);
        assertTrue(
                commands.contains("create-jdbc-resource --connectionpoolid userservice-pool jdbc/userservice"),
                commands);
        assertFalse(
                commands.contains(credentials(DIR).getProperty("USERSERVICE_DB_PASSWORD")), "no password in the file");

        Run unknown =
                launcher("post-boot", "nosuchservice", DIR.resolve("x.asadmin").toString());
        assertNotEquals(0, unknown.exit());
        assertTrue(unknown.output().contains("unknown role"), unknown.output());
    }

    @Test
    void rendersTheLeakTimeoutAnOperatorChoseAndRefusesANonNumber() throws Exception {
        Path file = DIR.resolve("leak-tracing.asadmin");
        assertEquals(
                0,
                launcher(DIR, PORT, Map.of("POOL_LEAK_TIMEOUT", "300"), "post-boot", "timeservice", file.toString())
                        .exit());
        assertTrue(Files.readString(file).contains("--leaktimeout 300 "), Files.readString(file));

        Run refused =
                launcher(DIR, PORT, Map.of("POOL_LEAK_TIMEOUT", "5m"), "post-boot", "timeservice", file.toString());
        assertNotEquals(0, refused.exit());
        assertTrue(refused.output().contains("POOL_LEAK_TIMEOUT must be a number of seconds"), refused.output());
    }

    @Test
    void refusesAPortTakenByAnotherCluster() throws Exception {
        Path other = DIR.resolveSibling(DIR.getFileName() + "-other");
        Run clash = launcher(other, PORT, Map.of("CLUSTER_MODE", "postgres"), "start");
        assertNotEquals(0, clash.exit(), clash.output());
        assertTrue(clash.output().contains("is taken by another process"), clash.output());
        launcher(other, PORT, Map.of("CLUSTER_MODE", "postgres"), "destroy");
    }
}
