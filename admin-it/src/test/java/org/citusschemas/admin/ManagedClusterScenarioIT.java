package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.ClusterMode;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.ManagedLikeCluster;
import org.citusschemas.it.TestCluster;
import org.citusschemas.it.TestCluster.Node;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The product on a cluster it did not start, as on a managed Citus service (only in the build's
 * managed-cluster run, beside TutorialScenarioIT): the services and the admin API reach the
 * coordinator at 127.0.0.21 over verified TLS, each as its own role; the admin API names the nodes
 * as the cluster does, moves a schema under load, onboards a new service through what the bootstrap's
 * CREATEROLE login set up, and refuses the node operations a login without superuser cannot do
 * with a problem that says the nodes are managed outside the cluster.
 */
class ManagedClusterScenarioIT extends AdminServer {

    static final Set<String> ROLES = Set.of("userservice", "timeservice", "pingservice", "citusadmin");

    @BeforeEach
    void onlyOnTheManagedLikeCluster(TestInfo test) {
        String name =
                "ManagedClusterScenarioIT." + test.getTestMethod().orElseThrow().getName();
        CitusRequirement.assumeInstalled(name);
        if (TestCluster.mode() != ClusterMode.MANAGED) {
            CitusRequirement.skipLoudly(
                    "A MANAGED-LIKE CLUSTER",
                    name,
                    "the test run's cluster is " + TestCluster.mode()
                            + ": this test runs in admin-war's managed-cluster run (mvn verify runs it).");
        }
    }

    @Test
    void servesTheTutorialsCallsEachServiceOverTlsAsItsOwnRole() throws Exception {
        HttpReply created = server().sibling("user-war")
                .postJson(
                        "users",
                        "[{\"name\": \"John Doe\", \"email\": \"john@example.com\"}, {\"name\": \"Jane Smith\", \"email\": \"jane@example.com\"}]");
        assertEquals(201, created.status(), created::toString);
        assertEquals(200, server().sibling("user-war").get("users").status());
        assertEquals(200, server().sibling("time-war").get("current_time").status());
        HttpReply ping = server().sibling("ping-war").postJson("ping", "{\"host\":\"127.0.0.1\",\"count\":1}");
        assertEquals(200, ping.status(), ping::toString);
        assertEquals(200, operator().get("schemas").status());

        Map<String, Boolean> tls = new HashMap<>();
        try (Connection admin = TestCluster.connectAs("citusadmin");
                Statement sql = admin.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT a.usename, a.application_name, s.ssl FROM pg_stat_activity a "
                                + "JOIN pg_stat_ssl s USING (pid) WHERE a.application_name IN ('userservice', 'timeservice', 'pingservice', 'citusadmin')")) {
            while (rows.next()) {
                assertEquals(rows.getString(2), rows.getString(1), "each pool logs in as its own role");
                tls.merge(rows.getString(2), rows.getBoolean(3), Boolean::logicalAnd);
            }
        }
        assertEquals(ROLES, tls.keySet(), "every pool has connections: " + tls);
        assertTrue(tls.values().stream().allMatch(Boolean::booleanValue), "every connection is TLS: " + tls);
    }

    @Test
    void keepsEachServicesSchemaToItsOwnRole() throws Exception {
        try (Connection users = TestCluster.connectAs("userservice");
                Statement sql = users.createStatement()) {
            SQLException denied = org.junit.jupiter.api.Assertions.assertThrows(
                    SQLException.class, () -> sql.executeQuery("SELECT count(*) FROM timeservice.query_details"));
            assertEquals("42501", denied.getSQLState(), denied.getMessage());
        }
    }

    @Test
    void namesTheNodesAsTheClusterDoesAndRefusesTheOperationsOfItsProvider() throws Exception {
        JsonArray nodes = operator().get("nodes").array();
        Map<Node, JsonObject> byNode = nodes.stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(n -> node(n.getJsonObject("address")), n -> n));
        assertEquals(
                Set.of(new Node("127.0.0.21", 5432), new Node("127.0.0.22", 5432), new Node("127.0.0.23", 5432)),
                byNode.keySet(),
                nodes::toString);
        byNode.values().forEach(n -> assertTrue(n.getBoolean("healthy"), n::toString));
        assertTrue(
                Set.of(new Node("127.0.0.22", 5432), new Node("127.0.0.23", 5432))
                        .containsAll(placement().values()),
                () -> "schemas live on the workers: " + placement());

        List<HttpReply> refused = List.of(
                operator().postJson("nodes", "{\"host\":\"127.0.0.24\",\"port\":5432}"),
                operator().postJson("nodes/127.0.0.23/5432/drain", "{}"),
                operator().delete("nodes/127.0.0.23/5432"));
        for (HttpReply reply : refused) {
            assertEquals(409, reply.status(), reply::toString);
            assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
            assertTrue(
                    reply.object().getString("detail").startsWith("Nodes of this cluster are managed outside it"),
                    reply::toString);
        }
        assertEquals(3, operator().get("nodes").array().size(), "nothing changed");

        HttpReply pin = operator().put("schemas/timeservice/pin");
        assertEquals(409, pin.status(), pin::toString);
        assertTrue(pin.object().getString("detail").startsWith("Pins need a superuser once"), pin::toString);
        assertFalse(operator().get("schemas/timeservice").object().containsKey("pin"), "not pinned");

        // Distributing onto a node with a pin: refused as a whole, the schema left undistributed.
        ManagedLikeCluster provider = TestCluster.managedLike();
        provider.sql(
                ManagedLikeCluster.COORDINATOR,
                "citus",
                "SET citus.enable_schema_based_sharding = off; "
                        + "CREATE SCHEMA pin_refused AUTHORIZATION pingservice; CREATE TABLE pin_refused.t (id int PRIMARY KEY); "
                        + "ALTER TABLE pin_refused.t OWNER TO pingservice");
        try {
            HttpReply distributed = operator()
                    .postJson(
                            "schemas",
                            "{\"schema\":\"pin_refused\",\"host\":\"127.0.0.22\",\"port\":5432,\"pin\":true}");
            assertEquals(409, distributed.status(), distributed::toString);
            assertTrue(
                    distributed.object().getString("detail").startsWith("Pins need a superuser once"),
                    distributed::toString);
            assertEquals(404, operator().get("schemas/pin_refused").status(), "undistributed again: nothing half-done");
        } finally {
            provider.sql(ManagedLikeCluster.COORDINATOR, "citus", "DROP SCHEMA pin_refused CASCADE");
        }
    }

    @Test
    void onboardsAServiceThroughWhatTheBootstrapsCreateroleLoginSetUp() throws Exception {
        try (Connection admin = TestCluster.connectAs("citusadmin");
                Statement sql = admin.createStatement();
                ResultSet row = sql.executeQuery("SELECT r.rolsuper, r.rolcreaterole, o.rolname FROM pg_proc p "
                        + "JOIN pg_roles o ON o.oid = p.proowner, pg_roles r WHERE p.proname = 'onboard_service' "
                        + "AND r.rolname = o.rolname")) {
            assertTrue(row.next(), "the bootstrap installed citus_admin.onboard_service");
            assertEquals("citus", row.getString(3), "owned by the bootstrap's login");
            assertFalse(row.getBoolean(1), "which is no superuser");
            assertTrue(row.getBoolean(2), "but may create roles");
        }
        HttpReply reply = operator().postJson("services", "{\"name\":\"shopservice\"}");
        try {
            assertEquals(201, reply.status(), reply::toString);
            JsonObject onboarded = reply.object();
            assertEquals("shopservice", onboarded.getJsonObject("schema").getString("owner"), reply::toString);
            assertTrue(
                    onboarded
                            .getJsonArray("notices")
                            .toString()
                            .contains("the nodes must let each other in as role shopservice"),
                    reply::toString);
            String password = onboarded.getString("password");
            java.nio.file.Files.writeString(
                    java.nio.file.Path.of(
                            System.getProperty("cluster.dir"), "secrets", "onboarded-shopservice.password"),
                    password);
            assertTrue(
                    onboarded.getString("server_config").contains(":sslmode=verify-full:"),
                    () -> "the new pool verifies the coordinator as the admin API's does: " + onboarded);

            TestCluster.managedLike().letNodesIn("shopservice", password); // the provider's part
            try (Connection shop = java.sql.DriverManager.getConnection(TestCluster.url(), "shopservice", password);
                    Statement sql = shop.createStatement()) {
                sql.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, item text NOT NULL)");
                sql.execute("INSERT INTO orders (item) VALUES ('book'), ('pen')");
                try (ResultSet row = sql.executeQuery("SELECT current_schema(), count(*), (SELECT ssl FROM pg_stat_ssl "
                        + "WHERE pid = pg_backend_pid()) FROM orders GROUP BY 1")) {
                    assertTrue(row.next());
                    assertEquals("shopservice", row.getString(1));
                    assertEquals(2, row.getInt(2));
                    assertTrue(row.getBoolean(3), "over TLS");
                }
                SQLException denied = org.junit.jupiter.api.Assertions.assertThrows(
                        SQLException.class, () -> sql.executeQuery("SELECT count(*) FROM userservice.users"));
                assertEquals(
                        "42501",
                        denied.getSQLState(),
                        "the new role reads its own schema only: " + denied.getMessage());
            }
            JsonObject schema = operator().get("schemas/shopservice").object();
            assertTrue(
                    Set.of("127.0.0.22", "127.0.0.23")
                            .contains(schema.getJsonObject("node").getString("host")),
                    () -> "its table lives on a worker: " + schema);
            HttpReply again = operator().postJson("services", "{\"name\":\"shopservice\"}");
            assertEquals(409, again.status(), again::toString);
            assertTrue(again.object().getString("detail").contains("already exists"), again::toString);
        } finally {
            TestCluster.managedLike().dropRole("shopservice");
        }
    }

    @Test
    void movesASchemaBetweenTheWorkersWhileTheServicesKeepServing() throws Exception {
        Map<String, Node> before = placement();
        Node from = before.get("timeservice");
        Node to =
                from.equals(new Node("127.0.0.22", 5432)) ? new Node("127.0.0.23", 5432) : new Node("127.0.0.22", 5432);
        long timesBefore = TestCluster.count("timeservice", "query_details");
        long pingsBefore = TestCluster.count("pingservice", "ping_results");
        try (ServiceLoad load = new ServiceLoad(api())) {
            load.awaitRequests(10, Duration.ofSeconds(60));
            HttpReply moved = operator().postJson("schemas/timeservice/move", moveBody(to, "force_logical"));
            assertEquals(200, moved.status(), moved::toString);
            load.awaitRequests(load.requests() + 10, Duration.ofSeconds(60));
            load.stop();
            assertEquals(List.of(), load.failures(), "failed requests during the move");
            assertEquals(
                    0, load.assertStoredExactlyOnce(timesBefore, pingsBefore), "no row lost, every write acknowledged");
            assertEquals(
                    timesBefore + load.timeCalls(), TestCluster.count("timeservice", "query_details"), "no row lost");
        }
        assertEquals(to, placement().get("timeservice"));
    }
}
