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
import org.citusschemas.it.TestCluster;
import org.citusschemas.it.TestCluster.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Pinned schemas on real Citus: a schema distributed onto a chosen worker and pinned there in one
 * call; a plan, a rebalance and a drain that leave it alone (every other schema pinned too, so the
 * pinned one is the only one Citus could move); moving it by hand and draining its node refused
 * with a 409 that names the pin; the pin kept over a restart of the coordinator; unpinned, the next
 * rebalance moves it to even the workers; a schema undistributed or dropped loses its pin. Every
 * schema goes back where it was, unpinned, at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PinsIT extends AdminServer {

    static final String PINNED = "pin_tenant";
    static final String OTHER = "pin_other";
    static final String STRATEGY = "by_shard_count";
    /** Where each schema was before this class, to put it back. */
    static Map<String, Node> before;

    @BeforeEach
    void onCitus(TestInfo test) {
        String name = "PinsIT." + test.getTestMethod().orElseThrow().getName();
        CitusRequirement.assumeInstalled(name);
        if (TestCluster.mode() == ClusterMode.MANAGED) {
            CitusRequirement.skipLoudly(
                    "NEEDS A SUPERUSER",
                    name,
                    "pins need the strategies a superuser adds; "
                            + "ManagedClusterScenarioIT checks that a managed-like cluster refuses them with a 409");
        }
    }

    /** A schema of the ping service's role (the admin role may manage it) with one table, not distributed. */
    static void createSchema(String name) throws SQLException {
        try (Connection owner = TestCluster.connectAs("postgres");
                Statement sql = owner.createStatement()) {
            sql.execute("SET citus.enable_schema_based_sharding = off");
            sql.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            sql.execute("CREATE SCHEMA " + name + " AUTHORIZATION pingservice");
            sql.execute("CREATE TABLE " + name + ".orders (id int PRIMARY KEY, item text)");
            sql.execute("ALTER TABLE " + name + ".orders OWNER TO pingservice");
            sql.execute("INSERT INTO " + name + ".orders SELECT g, 'item ' || g FROM generate_series(1, 100) g");
        }
    }

    JsonObject schema(String name) {
        return ok(operator().get("schemas/" + name)).object();
    }

    Node nodeOf(String name) {
        return node(schema(name).getJsonObject("node"));
    }

    static Node other(Node worker) {
        List<Node> workers = TestCluster.workers();
        return worker.equals(workers.get(0)) ? workers.get(1) : workers.get(0);
    }

    /** Pins every distributed schema but the named one where it is. */
    void pinEveryOtherSchema(String except) {
        for (String name : placement().keySet()) {
            if (!name.equals(except)) {
                ok(operator().put("schemas/" + name + "/pin"));
            }
        }
    }

    void unpinEverySchema() {
        for (JsonValue schema : ok(operator().get("schemas")).array()) {
            if (schema.asJsonObject().containsKey("pin")) {
                ok(operator().delete("schemas/" + schema.asJsonObject().getString("name") + "/pin"));
            }
        }
    }

    @Test
    @Order(1)
    void distributesASchemaOntoAChosenWorkerAndPinsItThereInOneCall() throws Exception {
        before = placement();
        createSchema(PINNED);
        // Onto the worker that does not hold the user schema: not where Citus would put it by itself, perhaps.
        Node chosen = other(before.get("userservice"));
        HttpReply distributed = operator()
                .postJson(
                        "schemas",
                        "{\"schema\":\"" + PINNED + "\",\"host\":\"" + chosen.host() + "\",\"port\":" + chosen.port()
                                + ",\"pin\":true}");
        assertEquals(201, distributed.status(), distributed::toString);
        JsonObject result = distributed.object().getJsonObject("result");
        assertEquals(chosen, node(result.getJsonObject("node")), distributed::toString);
        JsonObject pin = result.getJsonObject("pin");
        assertEquals(chosen, node(pin.getJsonObject("node")), distributed::toString);
        assertEquals("operator", pin.getString("pinned_by"));
        assertEquals(pin, ok(operator().get("schemas/" + PINNED + "/pin")).object());
        assertEquals(chosen, nodeOf(PINNED), "Citus has it there");

        // Pinning it again changes nothing.
        assertEquals(
                pin.getString("pinned_at"),
                ok(operator().put("schemas/" + PINNED + "/pin")).object().getString("pinned_at"));
        // Who pinned it, in the audit trail too.
        JsonArray audited = ok(operator().get("audit?operation=schema.distribute&limit=1"))
                .object()
                .getJsonArray("records");
        assertEquals("operator", audited.getJsonObject(0).getString("user"), audited::toString);
        assertEquals(201, audited.getJsonObject(0).getJsonObject("outcome").getInt("status"), audited::toString);
    }

    @Test
    @Order(2)
    void refusesBadDistributionsAndLeavesNothingBehind() throws Exception {
        createSchema(OTHER);
        Node worker = TestCluster.workers().get(0);
        String target = "\"host\":\"" + worker.host() + "\",\"port\":" + worker.port();
        HttpReply noPort =
                operator().postJson("schemas", "{\"schema\":\"" + OTHER + "\",\"host\":\"" + worker.host() + "\"}");
        assertEquals(400, noPort.status(), noPort::toString);
        HttpReply pinWithoutNode = operator().postJson("schemas", "{\"schema\":\"" + OTHER + "\",\"pin\":true}");
        assertEquals(400, pinWithoutNode.status(), pinWithoutNode::toString);
        HttpReply noSuchNode =
                operator().postJson("schemas", "{\"schema\":\"" + OTHER + "\",\"host\":\"127.0.0.1\",\"port\":1}");
        assertEquals(404, noSuchNode.status(), noSuchNode::toString);
        Node coordinator = TestCluster.coordinator();
        HttpReply onCoordinator = operator()
                .postJson(
                        "schemas",
                        "{\"schema\":\"" + OTHER + "\",\"host\":\"" + coordinator.host() + "\",\"port\":"
                                + coordinator.port() + "}");
        assertEquals(409, onCoordinator.status(), onCoordinator::toString);
        assertTrue(onCoordinator.object().getString("detail").contains("takes no schemas"), onCoordinator::toString);
        for (HttpReply refused : List.of(noPort, pinWithoutNode, noSuchNode, onCoordinator)) {
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused::toString);
        }
        assertEquals(404, operator().get("schemas/" + OTHER).status(), "none of them distributed it");

        try (Connection owner = TestCluster.connectAs("postgres");
                Statement sql = owner.createStatement()) {
            sql.execute("CREATE SCHEMA pin_empty AUTHORIZATION pingservice");
        }
        try {
            HttpReply empty = operator().postJson("schemas", "{\"schema\":\"pin_empty\"," + target + ",\"pin\":true}");
            assertEquals(409, empty.status(), empty::toString);
            assertTrue(empty.object().getString("detail").contains("has no table yet"), empty::toString);
            assertEquals(404, operator().get("schemas/pin_empty").status(), "not distributed");
        } finally {
            try (Connection owner = TestCluster.connectAs("postgres");
                    Statement sql = owner.createStatement()) {
                sql.execute("DROP SCHEMA pin_empty");
            }
        }
    }

    @Test
    @Order(3)
    void aPlanARebalanceAndADrainLeaveThePinnedSchemaWhereItIs() throws Exception {
        Node home = nodeOf(PINNED);
        Node away = other(home);
        // The other test schema distributed onto the pinned schema's worker, unpinned: the rebalance below moves it.
        ok(operator()
                .postJson(
                        "schemas",
                        "{\"schema\":\"" + OTHER + "\",\"host\":\"" + home.host() + "\",\"port\":" + home.port()
                                + "}"));
        assertFalse(schema(OTHER).containsKey("pin"));

        // Every schema onto that worker, and every one but the other test schema pinned there.
        for (Map.Entry<String, Node> schema : placement().entrySet()) {
            if (!schema.getKey().equals(PINNED)
                    && !schema.getKey().equals(OTHER)
                    && schema.getValue().equals(away)) {
                ok(operator().postJson("schemas/" + schema.getKey() + "/move", moveBody(home, "block_writes")));
            }
        }
        pinEveryOtherSchema(OTHER);

        // By hand: refused until unpinned; its node is not drained either.
        HttpReply moved = operator().postJson("schemas/" + PINNED + "/move", moveBody(away, "block_writes"));
        assertEquals(409, moved.status(), moved::toString);
        assertTrue(
                moved.object().getString("detail").contains("is pinned to " + home.host() + ":" + home.port()),
                moved::toString);
        HttpReply drained = operator().postJson(nodePath(home, "/drain"), "{}");
        assertEquals(409, drained.status(), drained::toString);
        assertTrue(
                drained.object().getString("detail").contains("are pinned to it")
                        && drained.object().getString("detail").contains(PINNED),
                drained::toString);
        assertEquals(home, nodeOf(PINNED));
        assertEquals(home, nodeOf(OTHER), "the refused drain moved nothing");
        assertTrue(
                ok(operator().get(nodePath(home, ""))).object().getBoolean("should_have_shards"),
                "nor marked the node");

        // Every schema on one worker, and only the unpinned one may move: the plan moves it alone.
        JsonObject plan =
                ok(operator().get("rebalance/plan?strategy=" + STRATEGY)).object();
        Set<String> left = plan.getJsonArray("pinned").stream()
                .map(p -> p.asJsonObject().getString("schema"))
                .collect(Collectors.toSet());
        assertTrue(left.contains(PINNED), plan::toString);
        assertEquals(
                placement().keySet().stream().filter(s -> !s.equals(OTHER)).collect(Collectors.toSet()),
                left,
                plan::toString);
        Set<String> moving = plan.getJsonArray("result").stream()
                .map(m -> m.asJsonObject().getString("table").replaceFirst("\\..*", ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of(OTHER), moving, plan::toString);

        HttpReply started =
                operator().postJson("rebalance", "{\"strategy\":\"" + STRATEGY + "\",\"mode\":\"block_writes\"}");
        assertEquals(202, started.status(), started::toString);
        assertTrue(started.object().getJsonArray("pinned").toString().contains(PINNED), started::toString);
        assertEquals(
                "finished",
                awaitJob(started.object().getJsonNumber("job_id").longValue(), Duration.ofMinutes(3))
                        .getString("state"));
        assertEquals(away, nodeOf(OTHER), "the rebalance moved the schema it could");
        assertEquals(home, nodeOf(PINNED), "and left the pinned one alone");

        // The other worker drains (its pinned schemas unpinned first), and leaves the pinned schema alone.
        for (Map.Entry<String, Node> schema : placement().entrySet()) {
            if (schema.getValue().equals(away) && schema(schema.getKey()).containsKey("pin")) {
                ok(operator().delete("schemas/" + schema.getKey() + "/pin"));
            }
        }
        HttpReply drainedAway = operator().postJson(nodePath(away, "/drain"), "{\"mode\":\"block_writes\"}");
        try {
            assertEquals(200, drainedAway.status(), drainedAway::toString);
            assertEquals(home, nodeOf(PINNED));
            assertTrue(
                    placement().values().stream().allMatch(home::equals),
                    () -> "everything on " + home + ": " + placement());
        } finally {
            takeSchemasAgain(away);
        }
    }

    @Test
    @Order(4)
    void keepsThePinOverARestartOfTheCoordinator() throws Exception {
        JsonObject pin = ok(operator().get("schemas/" + PINNED + "/pin")).object();
        TestCluster.stopNode("coordinator");
        TestCluster.startNodes();
        JsonObject after = awaitOk("schemas/" + PINNED + "/pin");
        assertEquals(pin, after);
    }

    @Test
    @Order(5)
    void unpinnedTheNextRebalanceMovesItWhenThatEvensTheWorkers() throws Exception {
        Node home = nodeOf(PINNED);
        Node away = other(home);
        assertTrue(placement().values().stream().noneMatch(away::equals), "the other worker is empty: " + placement());
        pinEveryOtherSchema(PINNED); // so the pinned schema is the only one that can even the workers

        JsonObject unpinned =
                ok(operator().delete("schemas/" + PINNED + "/pin")).object();
        assertEquals(home, node(unpinned.getJsonObject("node")));
        assertEquals(404, operator().get("schemas/" + PINNED + "/pin").status());
        HttpReply again = operator().delete("schemas/" + PINNED + "/pin");
        assertEquals(404, again.status(), again::toString);

        JsonObject plan =
                ok(operator().get("rebalance/plan?strategy=" + STRATEGY)).object();
        assertTrue(
                plan.getJsonArray("result").stream()
                        .anyMatch(m -> m.asJsonObject().getString("table").startsWith(PINNED + ".")),
                plan::toString);
        HttpReply started =
                operator().postJson("rebalance", "{\"strategy\":\"" + STRATEGY + "\",\"mode\":\"block_writes\"}");
        assertEquals(202, started.status(), started::toString);
        assertEquals(
                "finished",
                awaitJob(started.object().getJsonNumber("job_id").longValue(), Duration.ofMinutes(3))
                        .getString("state"));
        assertEquals(away, nodeOf(PINNED), "moved to the empty worker");
        unpinEverySchema();
    }

    @Test
    @Order(6)
    void aSchemaUndistributedOrDroppedLosesItsPin() throws Exception {
        ok(operator().put("schemas/" + OTHER + "/pin"));
        ok(operator().delete("schemas/" + OTHER));
        ok(operator().postJson("schemas", "{\"schema\":\"" + OTHER + "\"}"));
        assertFalse(schema(OTHER).containsKey("pin"), "distributed again, it is not pinned");

        ok(operator().put("schemas/" + PINNED + "/pin"));
        try (Connection owner = TestCluster.connectAs("postgres");
                Statement sql = owner.createStatement()) {
            sql.execute("DROP SCHEMA " + PINNED + " CASCADE");
        }
        assertEquals(404, operator().get("schemas/" + PINNED + "/pin").status());
        assertTrue(
                ok(operator().get("rebalance/plan"))
                        .object()
                        .getJsonArray("pinned")
                        .isEmpty(),
                "no pin is left");
        assertEquals(0, pinRows(PINNED), "its row is gone");
        createSchema(PINNED);
        ok(operator().postJson("schemas", "{\"schema\":\"" + PINNED + "\"}"));
        assertFalse(schema(PINNED).containsKey("pin"), "a new schema of the same name is not pinned");
    }

    static long pinRows(String schema) throws SQLException {
        try (Connection admin = TestCluster.connectAs("citusadmin");
                Statement sql = admin.createStatement();
                ResultSet row =
                        sql.executeQuery("SELECT count(*) FROM citus_admin.pin WHERE schema_name = '" + schema + "'")) {
            row.next();
            return row.getLong(1);
        }
    }

    JsonObject awaitOk(String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpReply reply;
        do {
            reply = operator().get(path);
            if (reply.status() == 200) {
                return reply.object();
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " did not answer 200 within 60 s: " + reply);
    }

    /** A drained worker takes schemas again (what Citus' citus_set_node_property does; the API has no call for it). */
    static void takeSchemasAgain(Node worker) throws SQLException {
        try (Connection owner = TestCluster.connectAs("postgres");
                Statement sql = owner.createStatement()) {
            sql.execute("SELECT citus_set_node_property('" + worker.host() + "', " + worker.port()
                    + ", 'shouldhaveshards', true)");
        }
    }

    @AfterAll
    static void everySchemaBackUnpinned() throws Exception {
        if (before == null) {
            return;
        }
        PinsIT test = new PinsIT();
        TestCluster.startNodes();
        for (Node worker : TestCluster.workers()) {
            takeSchemasAgain(worker);
        }
        test.unpinEverySchema();
        Map<String, Node> now = new HashMap<>(test.placement());
        before.forEach((schema, node) -> {
            if (now.containsKey(schema) && !node.equals(now.get(schema))) {
                ok(test.operator().postJson("schemas/" + schema + "/move", moveBody(node, "block_writes")));
            }
        });
        for (String schema : List.of(PINNED, OTHER)) {
            test.operator().delete("schemas/" + schema);
            try (Connection owner = TestCluster.connectAs("postgres");
                    Statement sql = owner.createStatement()) {
                sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
