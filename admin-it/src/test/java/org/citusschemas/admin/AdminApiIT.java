package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.Listening;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.citusschemas.it.TestCluster.Node;
import org.citusschemas.it.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every endpoint of the admin API, its errors and its access rules, on Payara Micro against the
 * test run's own Citus cluster (a coordinator on 9810 and workers on 9811 and 9812). The tests
 * that change placement run in order and put every service schema back where it was.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminApiIT extends AdminServer {

    static final List<String> SERVICES = List.of("pingservice", "timeservice", "userservice");

    /** The onboarded service's password, shown once by the onboarding answer. */
    static String orderPassword;

    @BeforeEach
    void needsCitus(TestInfo test) {
        CitusRequirement.assumeInstalled(
                "AdminApiIT." + test.getTestMethod().orElseThrow().getName());
    }

    ServiceClient anonymous() {
        return api();
    }

    static void assertProblem(HttpReply reply, int status, String detailMentions) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals(status, reply.object().getInt("status"), reply::toString);
        assertTrue(
                reply.object().getString("detail").contains(detailMentions),
                () -> "detail should mention '" + detailMentions + "': " + reply);
    }

    /** The workers as Citus registered them: 127.0.0.1 and a port each, or containers' network names. */
    static Node worker1() {
        return TestCluster.workers().get(0);
    }

    static Node worker2() {
        return TestCluster.workers().get(1);
    }

    /** Every node's id, address, role and whether it may hold schemas, as GET /nodes tells them. */
    String nodeState() {
        return ok(operator().get("nodes")).array().stream()
                .map(JsonValue::asJsonObject)
                .map(n -> n.getInt("id") + " " + node(n.getJsonObject("address")) + " " + n.getBoolean("coordinator")
                        + " " + n.getBoolean("active") + " " + n.getBoolean("should_have_shards"))
                .sorted()
                .collect(Collectors.joining("; "));
    }

    /** A node that no cluster of the tests has. */
    static final Node NO_NODE = new Node("127.0.0.1", 1);

    // ------------------------------------------------------------------ access

    @Test
    @Order(1)
    void refusesAnonymousAndWrongPasswordsWithAProblem() {
        HttpReply anonymous = anonymous().get("schemas");
        assertProblem(anonymous, 401, "Log in");
        assertTrue(anonymous.header("WWW-Authenticate").orElse("").startsWith("Basic"), anonymous::toString);
        assertProblem(anonymous().as("operator", "wrong").get("schemas"), 401, "Log in");
    }

    @Test
    @Order(2)
    void letsAReaderReadButNotChangeAnything() {
        ok(reader().get("schemas"));
        ok(reader().get("nodes"));
        assertProblem(reader().postJson("schemas", "{\"schema\":\"userservice\"}"), 403, "operator");
        assertProblem(reader().delete("rebalance"), 403, "operator");
        assertProblem(reader().postJson("services", "{\"name\":\"readerservice\"}"), 403, "operator");
    }

    @Test
    @Order(3)
    void publishesAnOpenApiDocumentOfEveryResource() {
        HttpReply openapi = anonymous().get("openapi");
        assertEquals(200, openapi.status(), openapi::toString);
        for (String path : List.of(
                "/schemas:",
                "/schemas/{name}/move:",
                "/placement:",
                "/rebalance:",
                "/rebalance/plan:",
                "/rebalance/jobs/{id}:",
                "/rebalance/strategies:",
                "/nodes:",
                "/services:",
                "/activity:",
                "/session:",
                "/audit:")) {
            assertTrue(openapi.body().contains(path), () -> path + " missing from " + openapi.body());
        }
    }

    // ------------------------------------------------------------------ the console page and its login

    @Test
    @Order(4)
    void servesTheConsolePageAndItsFilesWithoutALogin() {
        HttpReply page = anonymous().get("");
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.contentType().startsWith("text/html"), page::toString);
        assertTrue(page.body().contains("<title>Citus schemas"), page::toString);
        HttpReply script = anonymous().get("console/console.js");
        assertEquals(200, script.status(), script::toString);
        assertTrue(script.contentType().startsWith("text/javascript"), script::toString);
        assertProblem(anonymous().get("console/nothing.js"), 404, "no file nothing.js");
        assertEquals(404, anonymous().get("console/..%2Fconsole%2Fconsole.js").status());
        assertEquals(404, anonymous().get("console/web.xml").status());
    }

    @Test
    @Order(5)
    void opensAPageSessionThatActsAsTheUserUntilLogout() {
        HttpReply wrong = anonymous().postJson("session", "{\"user\":\"operator\",\"password\":\"wrong\"}");
        assertProblem(wrong, 401, "Wrong user name or password");
        assertTrue(wrong.header("Set-Cookie").isEmpty(), "no session for a failed login: " + wrong);
        assertEquals(
                "{\"operator\":false,\"roles\":[]}", anonymous().get("session").body(), "nobody is logged in");

        HttpReply login = anonymous()
                .postJson(
                        "session",
                        "{\"user\":\"reader\",\"password\":\"" + TestCluster.adminPassword("reader") + "\"}");
        ok(login);
        assertEquals("reader", login.object().getString("user"));
        assertEquals(false, login.object().getBoolean("operator"));
        String cookie = login.header("Set-Cookie").orElseThrow();
        assertTrue(
                cookie.contains("HttpOnly") && cookie.toLowerCase(Locale.ROOT).contains("samesite=strict"), cookie);
        Map<String, String> session = Map.of("Cookie", cookie.substring(0, cookie.indexOf(';')));

        ok(anonymous().send("GET", "schemas", null, null, session));
        assertEquals(
                "reader",
                anonymous().send("GET", "session", null, null, session).object().getString("user"));
        assertProblem(
                anonymous().send("POST", "schemas", "application/json", "{\"schema\":\"userservice\"}", session),
                403,
                "operator");

        ok(anonymous().send("DELETE", "session", null, null, session));
        HttpReply after = anonymous().send("GET", "schemas", null, null, session);
        assertProblem(after, 401, "Log in");
    }

    @Test
    @Order(6)
    void givesThePagesRequestsNoBasicChallengeSoTheBrowserKeepsItsOwnDialogClosed() {
        HttpReply page = anonymous().send("GET", "schemas", null, null, Map.of("X-Requested-With", "console"));
        assertEquals(401, page.status(), page::toString);
        assertTrue(page.header("WWW-Authenticate").isEmpty(), page::toString);
    }

    @Test
    @Order(7)
    void reportsQueriesAndCpuPerDistributedSchemaFromCitusTenantStatistics() throws Exception {
        for (int i = 0; i < 20; i++) {
            ok(server().sibling("time-war").get("current_time"));
        }
        // A reading is served again for up to 4 s: wait for one taken after the requests.
        OffsetDateTime sent = OffsetDateTime.now();
        JsonObject activity = ok(reader().get("activity")).object();
        for (int i = 0;
                i < 20
                        && OffsetDateTime.parse(activity.getString("measured_at"))
                                .isBefore(sent);
                i++) {
            Thread.sleep(500);
            activity = ok(reader().get("activity")).object();
        }
        JsonObject read = activity;
        assertEquals("all", read.getString("tracking"), () -> "the bootstrap turns tracking on: " + read);
        assertEquals(10, read.getInt("period_seconds"), read::toString);
        double window = read.getJsonNumber("window_seconds").doubleValue();
        assertTrue(window >= 10 && window <= 20, read::toString);
        Map<String, JsonObject> bySchema = activity.getJsonArray("schemas").stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(s -> s.getString("schema"), s -> s));
        assertTrue(bySchema.keySet().containsAll(SERVICES), read::toString);
        JsonObject time = bySchema.get("timeservice");
        long queries = time.getJsonNumber("queries_this_period").longValue()
                + time.getJsonNumber("queries_last_period").longValue();
        assertTrue(queries >= 20, () -> "the 20 inserts of time-war are counted: " + time);
        assertEquals(queries / window, time.getJsonNumber("queries_per_second").doubleValue(), 0.5, time::toString);
    }

    @Test
    @Order(8)
    void sendsTheSecurityHeadersOnEveryAnswerErrorsIncluded() {
        Map<String, HttpReply> answers = Map.of(
                "the page", anonymous().get(""),
                "a page file", anonymous().get("console/console.js"),
                "an answer", ok(reader().get("schemas")),
                "a missing login", anonymous().get("schemas"),
                "a refused role", reader().delete("rebalance"),
                "an unknown path", reader().get("nothing-here"));
        answers.forEach((what, reply) -> {
            String policy = reply.header("Content-Security-Policy").orElse("");
            assertTrue(
                    policy.contains("script-src 'self'")
                            && policy.contains("frame-ancestors 'none'")
                            && !policy.contains("unsafe-inline"),
                    () -> what + ": " + reply.raw().headers());
            assertEquals(
                    List.of("DENY"),
                    reply.raw().headers().allValues("X-Frame-Options"),
                    () -> what + ": " + reply.raw().headers());
            assertEquals("nosniff", reply.header("X-Content-Type-Options").orElse(""), what);
            assertEquals("no-referrer", reply.header("Referrer-Policy").orElse(""), what);
            assertTrue(reply.header("Strict-Transport-Security").isEmpty(), () -> what + ": HSTS only over HTTPS");
        });
    }

    @Test
    @Order(9)
    void listensOnThisMachineOnly() {
        Set<InetAddress> bound = Listening.addresses(deployment.getPort());
        assertFalse(bound.isEmpty(), "the kernel lists the server's socket");
        assertTrue(
                bound.stream().allMatch(InetAddress::isLoopbackAddress),
                () -> "bound to loopback only (HTTP_BIND_ADDRESS=127.0.0.1), not " + bound);
    }

    /**
     * Nothing of the test server listens beyond this machine: no data grid (Hazelcast, which
     * would bind the first interface it finds), no admin port, only loopback.
     */
    @Test
    @Order(9)
    void theServerListensOnLoopbackOnlyOnEveryPort() {
        Set<InetSocketAddress> sockets = Listening.ofProcess(TestServer.pid());
        assertTrue(
                sockets.stream().anyMatch(s -> s.getPort() == deployment.getPort()), () -> "its HTTP port: " + sockets);
        assertTrue(
                sockets.stream().allMatch(s -> s.getAddress().isLoopbackAddress()),
                () -> "every listening socket on loopback: " + sockets);
    }

    // ------------------------------------------------------------------ reading

    @Test
    @Order(10)
    void listsTheServicesDistributedSchemasWithSizeOwnerAndNode() throws Exception {
        JsonArray schemas = ok(operator().get("schemas")).array();
        for (String service : SERVICES) {
            JsonObject schema = schemas.stream()
                    .map(JsonValue::asJsonObject)
                    .filter(s -> s.getString("name").equals(service))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(service + " not listed: " + schemas));
            assertEquals(service, schema.getString("owner"));
            assertTrue(schema.getJsonNumber("size_bytes").longValue() > 0, schema::toString);
            assertFalse(schema.getString("size").isBlank(), schema::toString);
            assertTrue(schema.getInt("colocation_id") > 0, schema::toString);
            assertTrue(Set.of(worker1(), worker2()).contains(node(schema.getJsonObject("node"))), schema::toString);
            assertEquals(
                    shardIds(schema.getInt("colocation_id")),
                    schema.getJsonArray("shard_ids").stream()
                            .map(id -> ((JsonNumber) id).longValue())
                            .toList(),
                    schema::toString);
        }
        assertEquals(
                "userservice",
                ok(operator().get("schemas/userservice")).object().getString("name"));
    }

    /** The shards of a colocation group, as citus_shards lists them. */
    static List<Long> shardIds(int colocationId) throws SQLException {
        try (Connection admin = TestCluster.connectAs("citusadmin");
                PreparedStatement query = admin.prepareStatement(
                        "SELECT shardid FROM citus_shards WHERE colocation_id = ? ORDER BY shardid")) {
            query.setInt(1, colocationId);
            List<Long> ids = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getLong(1));
                }
            }
            return ids;
        }
    }

    @Test
    @Order(11)
    void answers404ForASchemaThatIsNotDistributedAnd400ForANameThatIsNoIdentifier() {
        assertProblem(operator().get("schemas/nosuchschema"), 404, "nosuchschema");
        assertProblem(operator().delete("schemas/nosuchschema"), 404, "nosuchschema");
        assertProblem(
                operator().postJson("schemas/nosuchschema/move", moveBody(worker1(), "auto")), 404, "nosuchschema");
        assertProblem(operator().postJson("schemas", "{\"schema\":\"nosuchschema\"}"), 404, "nosuchschema");

        assertProblem(operator().get("schemas/Bad-Name"), 400, "identifier");
        assertProblem(operator().postJson("schemas", "{\"schema\":\"x; DROP SCHEMA userservice\"}"), 400, "identifier");
        assertProblem(operator().postJson("schemas", "{}"), 400, "schema");
        assertProblem(operator().postJson("schemas/userservice/move", "{\"host\":\"a b\",\"port\":9811}"), 400, "host");
        assertProblem(
                operator().postJson("schemas/userservice/move", moveBody(new Node("127.0.0.1", 70000), "auto")),
                400,
                "port");
        assertProblem(operator().postJson("schemas/userservice/move", moveBody(worker1(), "fast")), 400, "mode");
        assertProblem(
                operator().postJson("schemas/userservice/move", moveBody(NO_NODE, "auto")), 404, "No node 127.0.0.1:1");
    }

    @Test
    @Order(12)
    void showsWhereEachSchemaLivesByNodeAndTableWithTotals() {
        JsonArray nodes = ok(operator().get("placement")).array();
        Map<Node, JsonObject> byNode = nodes.stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(n -> node(n.getJsonObject("node")), n -> n));
        assertTrue(byNode.keySet().containsAll(Set.of(worker1(), worker2())), nodes::toString);
        Map<String, Node> tableNodes = new HashMap<>();
        for (JsonObject node : byNode.values()) {
            long sum = node.getJsonArray("tables").stream()
                    .mapToLong(t -> t.asJsonObject().getJsonNumber("size_bytes").longValue())
                    .sum();
            assertEquals(sum, node.getJsonNumber("total_bytes").longValue(), node::toString);
            node.getJsonArray("tables")
                    .forEach(t -> tableNodes.put(
                            t.asJsonObject().getString("schema") + "."
                                    + t.asJsonObject().getString("table"),
                            node(node.getJsonObject("node"))));
        }
        assertEquals(placement().get("userservice"), tableNodes.get("userservice.users"), tableNodes::toString);
        assertEquals(placement().get("timeservice"), tableNodes.get("timeservice.query_details"));
        assertEquals(placement().get("pingservice"), tableNodes.get("pingservice.ping_results"));
    }

    @Test
    @Order(13)
    void listsNodesWithRoleHealthAndSize() {
        JsonArray nodes = ok(operator().get("nodes")).array();
        assertEquals(3, nodes.size(), nodes::toString);
        long coordinators = nodes.stream()
                .filter(n -> n.asJsonObject().getBoolean("coordinator"))
                .count();
        assertEquals(1, coordinators, nodes::toString);
        for (JsonValue value : nodes) {
            JsonObject node = value.asJsonObject();
            assertEquals("primary", node.getString("role"));
            assertTrue(node.getBoolean("healthy"), node::toString);
            assertTrue(node.getBoolean("active"), node::toString);
        }
        JsonObject worker =
                ok(operator().get(nodePath(placement().get("userservice"), ""))).object();
        assertTrue(worker.getJsonNumber("size_bytes").longValue() > 0, worker::toString);
        assertProblem(operator().get(nodePath(NO_NODE, "")), 404, "No node");
    }

    @Test
    @Order(14)
    void listsStrategiesAndPlansADryRunWithCitusNotices() {
        JsonArray strategies = ok(operator().get("rebalance/strategies")).array();
        Set<String> names =
                strategies.stream().map(s -> s.asJsonObject().getString("name")).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("by_disk_size", "by_shard_count")), names::toString);

        JsonObject plan =
                ok(operator().get("rebalance/plan?strategy=by_disk_size")).object();
        assertNotNull(plan.getJsonArray("result"), plan::toString);
        assertNotNull(plan.getJsonArray("notices"), plan::toString);
        assertProblem(operator().get("rebalance/plan?strategy=nope"), 400, "by_disk_size");
        assertProblem(operator().postJson("rebalance", "{\"strategy\":\"nope\"}"), 400, "Unknown rebalance strategy");
        assertProblem(operator().postJson("rebalance", "{\"mode\":\"fast\"}"), 400, "mode");
        assertProblem(operator().get("rebalance/jobs/999999"), 404, "999999");
    }

    // ------------------------------------------------------------------ changing

    @Test
    @Order(20)
    void onboardsANewServiceInOneCallAndRefusesItTwice() throws Exception {
        HttpReply reply = operator().postJson("services", "{\"name\":\"orderservice\"}");

        assertEquals(201, reply.status(), reply::toString);
        assertTrue(reply.header("Location").orElse("").endsWith("/schemas/orderservice"), reply::toString);
        JsonObject onboarded = reply.object();
        assertEquals("jdbc/orderservice", onboarded.getString("datasource"));
        assertEquals("orderservice", onboarded.getJsonObject("schema").getString("owner"));
        assertEquals("ORDERSERVICE_DB_PASSWORD", onboarded.getString("password_variable"));
        String commands = onboarded.getString("server_config");
        assertTrue(commands.contains("user=orderservice:password=${ENV=ORDERSERVICE_DB_PASSWORD}"), commands);
        assertTrue(
                commands.contains("create-jdbc-resource --connectionpoolid orderservice-pool jdbc/orderservice"),
                commands);
        assertTrue(
                commands.contains(":serverName=127.0.0.1:portNumber=" + TestCluster.port()
                        + ":databaseName=citus:sslmode=prefer:"),
                () -> "the pool reaches the coordinator where and as the admin API's does: " + commands);
        assertFalse(commands.contains(onboarded.getString("password")), "no password in the commands");
        assertFalse(commands.matches("(?s).*@[A-Z_]+@.*"), "every slot of the template is filled: " + commands);
        String serverCommands = onboarded.getString("payara_server_config");
        assertTrue(serverCommands.startsWith("create-password-alias orderservice-db"), serverCommands);
        assertTrue(serverCommands.contains("user=orderservice:password=${ALIAS=orderservice-db}"), serverCommands);
        assertFalse(serverCommands.contains(onboarded.getString("password")), "no password in the commands");

        orderPassword = onboarded.getString("password");
        // For the check that no log of the test run holds a generated secret (secrets-check).
        java.nio.file.Files.writeString(
                java.nio.file.Path.of(System.getProperty("cluster.dir"), "secrets", "onboarded-orderservice.password"),
                orderPassword);
        try (Connection order = DriverManager.getConnection(TestCluster.url(), "orderservice", orderPassword);
                Statement sql = order.createStatement()) {
            sql.execute("CREATE TABLE orders (id serial PRIMARY KEY, item text NOT NULL)");
            sql.execute("INSERT INTO orders (item) VALUES ('book')");
            try (ResultSet row = sql.executeQuery("SELECT current_schema(), count(*) FROM orders GROUP BY 1")) {
                row.next();
                assertEquals("orderservice", row.getString(1));
                assertEquals(1, row.getInt(2));
            }
        }
        assertNotNull(ok(operator().get("schemas/orderservice")).object().get("node"));
        assertProblem(operator().postJson("services", "{\"name\":\"orderservice\"}"), 409, "already exists");
        assertProblem(operator().postJson("services", "{\"name\":\"Order-Service\"}"), 400, "identifier");
    }

    @Test
    @Order(21)
    void undistributesAndRefusesToDistributeWhatCitusCannotTakeWithItsReason() throws Exception {
        JsonObject undistributed = ok(operator().delete("schemas/orderservice")).object();
        assertTrue(
                undistributed.getJsonArray("notices").toString().contains("undistributing schema orderservice"),
                undistributed::toString);
        assertProblem(operator().get("schemas/orderservice"), 404, "orderservice");

        try (Connection order = DriverManager.getConnection(TestCluster.url(), "orderservice", orderPassword);
                Statement sql = order.createStatement()) {
            sql.execute("CREATE TABLE orderservice.parent (id int)");
            sql.execute("CREATE TABLE orderservice.child () INHERITS (orderservice.parent)");
        }
        HttpReply refused = operator().postJson("schemas", "{\"schema\":\"orderservice\"}");
        assertProblem(refused, 409, "Citus refused");
        assertTrue(refused.object().getString("detail").contains("inherit"), refused::toString);

        try (Connection order = DriverManager.getConnection(TestCluster.url(), "orderservice", orderPassword);
                Statement sql = order.createStatement()) {
            sql.execute("DROP TABLE orderservice.child, orderservice.parent");
        }
        HttpReply distributed = operator().postJson("schemas", "{\"schema\":\"orderservice\"}");
        assertEquals(201, distributed.status(), distributed::toString);
        assertTrue(
                distributed
                        .object()
                        .getJsonArray("notices")
                        .toString()
                        .contains("distributing the schema orderservice"),
                distributed::toString);
        assertEquals(
                "orderservice", distributed.object().getJsonObject("result").getString("name"));
    }

    @Test
    @Order(22)
    void movesASchemaToTheOtherWorkerWithItsData() throws Exception {
        Node from = placement().get("orderservice");
        Node to = from.equals(worker1()) ? worker2() : worker1();

        JsonObject moved = ok(operator().postJson("schemas/orderservice/move", moveBody(to, "block_writes")))
                .object();

        assertEquals(to, node(moved.getJsonObject("result").getJsonObject("node")), moved::toString);
        assertEquals(to, placement().get("orderservice"));
        try (Connection order = DriverManager.getConnection(TestCluster.url(), "orderservice", orderPassword);
                Statement sql = order.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM orders")) {
            rows.next();
            assertEquals(1, rows.getInt(1), "the order moved with its schema");
        }
    }

    @Test
    @Order(30)
    void refusesNodeOperationsThatWouldBreakTheClusterAndChangesNothing() {
        String nodes = nodeState();
        Node holder = placement().get("userservice");
        assertProblem(operator().delete(nodePath(holder, "")), 409, "holds schema(s)");
        Node coordinator = TestCluster.coordinator();
        assertProblem(operator().delete(nodePath(coordinator, "")), 409, "cannot remove the coordinator");
        assertProblem(operator().postJson(nodePath(coordinator, "/drain"), "{}"), 409, "cannot drain the coordinator");
        assertProblem(
                operator()
                        .postJson(
                                "nodes",
                                "{\"host\":\"" + worker1().host() + "\",\"port\":"
                                        + worker1().port() + "}"),
                409,
                "already in the cluster");
        assertProblem(
                operator().postJson("nodes", "{\"host\":\"127.0.0.1\",\"port\":1}"), 409, "cannot reach 127.0.0.1:1");
        assertEquals(nodes, nodeState(), "a refused operation changed the nodes");
    }

    @Test
    @Order(30)
    void answers404ForAnUnknownNode() {
        assertProblem(operator().delete(nodePath(NO_NODE, "")), 404, "No node");
        assertProblem(operator().postJson(nodePath(NO_NODE, "/drain"), "{}"), 404, "No node");
        assertProblem(operator().postJson("nodes", "{\"host\":\"-x\",\"port\":9999}"), 400, "host");
    }

    @Test
    @Order(31)
    void drainsRemovesAndAddsBackAWorkerThenRestoresThePlacement() {
        Map<String, Node> before = placement();
        Node worker1 = worker1();
        Node worker2 = worker2();

        JsonObject drained = ok(operator().postJson(nodePath(worker2, "/drain"), "{\"mode\":\"block_writes\"}"))
                .object();
        assertEquals(
                0, drained.getJsonObject("result").getJsonNumber("size_bytes").longValue(), drained::toString);
        assertTrue(
                placement().values().stream().allMatch(worker1::equals),
                () -> placement().toString());
        String nodes = nodeState();
        assertProblem(
                operator().postJson(nodePath(worker1, "/drain"), "{}"), 409, "the only node that may hold schemas");
        assertEquals(nodes, nodeState(), "the refused drain changed the nodes");

        ok(operator().delete(nodePath(worker2, "")));
        assertEquals(2, ok(operator().get("nodes")).array().size());
        assertProblem(operator().delete(nodePath(worker1, "")), 409, "holds schema(s)");

        HttpReply added =
                operator().postJson("nodes", "{\"host\":\"" + worker2.host() + "\",\"port\":" + worker2.port() + "}");
        assertEquals(201, added.status(), added::toString);
        assertTrue(added.header("Location").orElse("").endsWith("/" + nodePath(worker2, "")), added::toString);
        assertTrue(added.object().getJsonObject("result").getBoolean("healthy"), added::toString);
        assertEquals(3, ok(operator().get("nodes")).array().size());

        for (Map.Entry<String, Node> schema : before.entrySet()) {
            if (!schema.getValue().equals(worker1)) {
                ok(operator()
                        .postJson("schemas/" + schema.getKey() + "/move", moveBody(schema.getValue(), "block_writes")));
            }
        }
        assertEquals(before, placement());
    }

    @Test
    @Order(40)
    void stopsARunningRebalanceAndRefusesToStopWhenNoneRuns() throws Exception {
        assertProblem(operator().delete("rebalance"), 409, "no ongoing rebalance");

        Map<String, Node> before = placement();
        try (Connection order = DriverManager.getConnection(TestCluster.url(), "orderservice", orderPassword);
                Statement sql = order.createStatement()) {
            sql.executeUpdate("INSERT INTO orders (item) SELECT 'item' || g FROM generate_series(1, 200000) g");
        }
        Node crowded = before.get("userservice");
        for (String schema : List.of("orderservice", "timeservice", "pingservice")) {
            if (!placement().get(schema).equals(crowded)) {
                ok(operator().postJson("schemas/" + schema + "/move", moveBody(crowded, "block_writes")));
            }
        }

        HttpReply started =
                operator().postJson("rebalance", "{\"strategy\":\"by_shard_count\",\"mode\":\"force_logical\"}");
        assertEquals(202, started.status(), started::toString);
        long job = started.object().getJsonNumber("job_id").longValue();
        String nodes = nodeState();
        assertProblem(operator().postJson(nodePath(worker2(), "/drain"), "{}"), 409, "while background job " + job);
        assertEquals(nodes, nodeState(), "the refused drain changed the nodes");
        JsonObject stopped = ok(operator().delete("rebalance")).object();
        assertNotNull(stopped.getJsonArray("notices"), stopped::toString);

        JsonObject ended = awaitJob(job, Duration.ofMinutes(1));
        assertEquals("cancelled", ended.getString("state"), ended::toString);
        assertEquals(
                job,
                ok(operator().get("rebalance")).object().getJsonNumber("job_id").longValue());

        Map<String, Node> now = placement();
        for (Map.Entry<String, Node> schema : before.entrySet()) {
            if (!schema.getValue().equals(now.get(schema.getKey()))) {
                ok(operator()
                        .postJson("schemas/" + schema.getKey() + "/move", moveBody(schema.getValue(), "block_writes")));
            }
        }
        assertEquals(before, placement());
    }
}
