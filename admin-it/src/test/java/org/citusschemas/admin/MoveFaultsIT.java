package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.citusschemas.it.Browser;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.SeparateMicro;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.citusschemas.it.TestCluster.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Faults in the middle of a schema move or a rebalance, on the cluster in containers, while the
 * three services keep taking writes: the target worker stopped half-way through the copy, the
 * source worker frozen (docker pause), the coordinator restarted, and the admin server that
 * started the rebalance killed. After each: every write the services acknowledged is stored
 * exactly once and the rows from before are unchanged (a checksum); the user schema lives whole on
 * exactly one worker; once cleanup has run, no shard copy, publication, subscription or
 * replication slot of the move is left on any node (read on each node directly); the job's state
 * in the API and the audit trail is Citus' own; and the same move started again succeeds. What
 * Citus left before the cleanup, and the timings, are printed.
 *
 * <p>The user schema is grown to about 270 MB first so that its copy takes seconds, and each fault
 * strikes once the target has received 30 MB of it. Every service's schema starts on the worker that
 * holds the user schema, so a rebalance by shard count moves the user schema (the first created).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MoveFaultsIT extends AdminServer {

    static final int GROWTH_ROWS = 3_000_000;
    static final String GROWN = "faultgrown";
    /**
     * The rebalances' strategy: with every schema on one worker, by shard count moves the first
     * schema's shards (the user schema's: it was created first) and perhaps others. By disk size
     * moved the two small schemas instead, for the base cost it counts for every shard (100 MB).
     */
    static final String STRATEGY = "by_shard_count";
    /** How far the copy has come (bytes received by the target) when the fault strikes. */
    static final long COPIED_BEFORE_FAULT = 30_000_000;
    /** Failures of the services' calls may come this long after a fault ended (the breaker, a reconnect). */
    static final Duration AFTER_FAULT = Duration.ofSeconds(10);

    /** Grown once, before the first test. */
    private static final GrownUserSchema GROWTH = new GrownUserSchema(GROWN);

    /** After the test server is up: its services create their tables when they deploy. */
    static void growTheUserSchema() throws SQLException {
        if (!GROWTH.isGrown()) {
            GROWTH.grow(GROWTH_ROWS);
        }
    }

    @AfterAll
    static void shrinkTheUserSchema() throws SQLException {
        if (GROWTH.isGrown()) {
            everyNodeBack();
            GROWTH.shrink();
        }
    }

    static void everyNodeBack() {
        for (String node : List.of("worker1", "worker2")) {
            TestCluster.containers().reconnect(node);
        }
        TestCluster.startNodes();
    }

    @BeforeEach
    void containersOnly(TestInfo test) throws SQLException {
        CitusRequirement.assumeContainers(
                "MoveFaultsIT." + test.getTestMethod().orElseThrow().getName());
        everyNodeBack();
        growTheUserSchema();
    }

    // ------------------------------------------------------------------ the faults

    @Test
    @Order(1)
    void aTargetStoppedMidCopyFailsTheMoveLeavesTheSchemaWholeOnItsSourceAndCleanupRemovesWhatTheMoveMade()
            throws Exception {
        Node source = everySchemaOnOneWorker();
        Node target = otherWorker(source);
        Rows before = Rows.read();
        Counts counts = Counts.read();
        try (ServiceLoad load = new ServiceLoad(server())) {
            load.awaitRequests(10, Duration.ofSeconds(60));

            CompletableFuture<HttpReply> move = moveUntilCopying(target);
            Instant fault = Instant.now();
            TestCluster.stopNode(TestCluster.nodeName(target));
            HttpReply failed = move.get(2, TimeUnit.MINUTES);
            System.out.println("target stopped: the move answered " + failed.status() + " "
                    + Duration.between(fault, Instant.now()).toMillis() + " ms after the stop: " + failed.body());
            assertEquals(503, failed.status(), failed::toString);
            assertTrue(failed.object().getString("detail").contains("GET /cleanup"), failed::toString);
            assertEquals(source, placement().get("userservice"), "the schema stays on its source");

            List<JsonObject> left = leftoversListed();
            System.out.println("target stopped: Citus left, before cleanup: " + describe(left));
            // What the move made on the stopped target cannot be dropped until it is back; what it made
            // on the source (publication, slot) Citus drops at once when it can, or lists too.
            assertTrue(
                    left.stream()
                            .anyMatch(l -> l.getString("kind").equals("shard")
                                    && node(l.getJsonObject("node")).equals(target)),
                    () -> "its copy on the target: " + left);
            assertTrue(
                    left.stream().allMatch(l -> List.of(source, target).contains(node(l.getJsonObject("node")))),
                    () -> "only on the move's two workers: " + left);
            assertOutcomeAudited("schema.move", failed);

            cleanUpThroughTheConsole(TestCluster::startNodes);
            // The target held no service's schema: no request had any reason to fail.
            cleanUpAndCheck("target stopped", source, load, counts, null, null);
        }
        assertEquals(before, Rows.read(), "the rows from before the move are unchanged");

        moveAgain(target);
        assertEquals(before, Rows.read(), "and after it");
    }

    @Test
    @Order(2)
    void aSourceFrozenMidCopyHoldsTheMoveUntilItThawsThenTheMoveFinishesAndLosesNothing() throws Exception {
        Node source = everySchemaOnOneWorker();
        Node target = otherWorker(source);
        Rows before = Rows.read();
        String frozen = TestCluster.nodeName(source);
        Instant fault;
        Instant thawed;
        Counts counts = Counts.read();
        try (ServiceLoad load = new ServiceLoad(server())) {
            load.awaitRequests(10, Duration.ofSeconds(60));

            CompletableFuture<HttpReply> move = moveUntilCopying(target);
            fault = Instant.now();
            TestCluster.containers().pause(frozen);
            try {
                Thread.sleep(6_000);
                assertFalse(move.isDone(), () -> "the move waits for the frozen source: " + move.join());
                System.out.println("source frozen: after 6 s the move still waits; the services answered "
                        + load.failures().size() + " failures meanwhile");
            } finally {
                TestCluster.containers().unpause(frozen);
            }
            thawed = Instant.now();
            HttpReply moved = move.get(2, TimeUnit.MINUTES);
            System.out.println("source thawed: the move answered " + moved.status() + " "
                    + Duration.between(thawed, Instant.now()).toMillis() + " ms after the thaw");
            assertEquals(200, moved.status(), moved::toString);
            assertEquals(target, placement().get("userservice"));
            assertOutcomeAudited("schema.move", moved);

            cleanUpAndCheck("source frozen", target, load, counts, fault, thawed);
        }
        assertEquals(before, Rows.read(), "the rows from before the move are unchanged");

        moveAgain(source);
    }

    @Test
    @Order(3)
    void aCoordinatorRestartedMidRebalanceLetsCitusRetryTheMoveAndTheJobFinishes() throws Exception {
        Node source = everySchemaOnOneWorker();
        Node target = otherWorker(source);
        Rows before = Rows.read();
        Instant fault;
        Instant back;
        long job;
        Counts counts = Counts.read();
        try (ServiceLoad load = new ServiceLoad(server())) {
            load.awaitRequests(10, Duration.ofSeconds(60));

            assertPlanMovesTheUserSchema(operator(), target);
            HttpReply started = operator().postJson("rebalance", "{\"strategy\":\"" + STRATEGY + "\"}");
            assertEquals(202, started.status(), started::toString);
            job = started.object().getJsonNumber("job_id").longValue();
            long started1 = job;
            awaitCopy(
                    target,
                    null,
                    () -> operator().get("rebalance/jobs/" + started1).body());
            fault = Instant.now();
            TestCluster.stopNode("coordinator");
            TestCluster.startNodes();
            back = Instant.now();
            System.out.println(
                    "coordinator restarted in " + Duration.between(fault, back).toMillis() + " ms");

            JsonObject ended = awaitJobThroughOutages(job, Duration.ofMinutes(4));
            System.out.println("coordinator restarted: job " + job + " " + ended.getString("state") + " "
                    + Duration.between(back, Instant.now()).toMillis() + " ms after the restart; tasks "
                    + ended.getJsonArray("tasks"));
            assertEquals("finished", ended.getString("state"), ended::toString);
            assertEquals(citusJobState(job), ended.getString("state"), "the API says what Citus says");
            assertTrue(
                    ended.getJsonArray("tasks").stream()
                            .map(JsonValue::asJsonObject)
                            .anyMatch(t -> t.getInt("retry_count", 0) > 0),
                    () -> "Citus retried the interrupted move: " + ended);
            assertEquals(target, placement().get("userservice"));

            cleanUpAndCheck("coordinator restarted", target, load, counts, fault, back);
        }
        assertEquals(before, Rows.read(), "the rows from before the rebalance are unchanged");
        assertJobEndAudited(operator(), job, "finished");

        // A rebalance started again succeeds: nothing left to move, or a job that finishes.
        HttpReply again = operator().postJson("rebalance", "{\"strategy\":\"" + STRATEGY + "\"}");
        assertTrue(again.status() == 200 || again.status() == 202, again::toString);
        if (again.status() == 202) {
            JsonObject next = awaitJob(again.object().getJsonNumber("job_id").longValue(), Duration.ofMinutes(4));
            assertEquals("finished", next.getString("state"), next::toString);
        }
    }

    @Test
    @Order(4)
    void anAdminServerKilledMidRebalanceLeavesTheJobToCitusAndTheRestartedServerShowsAndAuditsItsEnd()
            throws Exception {
        Node source = everySchemaOnOneWorker();
        Node target = otherWorker(source);
        Rows before = Rows.read();
        long job;
        try (SeparateMicro admin = SeparateMicro.start(System.getProperty("service.war"), "admin-killed", List.of())) {
            ServiceClient killed = admin.awaitReady(Duration.ofMinutes(3))
                    .client()
                    .as("operator", TestCluster.adminPassword("operator"));
            Counts counts = Counts.read();
            try (ServiceLoad load = new ServiceLoad(server())) {
                load.awaitRequests(10, Duration.ofSeconds(60));
                assertPlanMovesTheUserSchema(killed, target);
                HttpReply started = killed.postJson("rebalance", "{\"strategy\":\"" + STRATEGY + "\"}");
                assertEquals(202, started.status(), started::toString);
                job = started.object().getJsonNumber("job_id").longValue();
                long started1 = job;
                awaitCopy(
                        target,
                        null,
                        () -> killed.get("rebalance/jobs/" + started1).body());
                admin.kill();
                System.out.println("admin server killed in the middle of job " + job + ", which Citus says is "
                        + citusJobState(job));

                try (SeparateMicro restarted =
                        SeparateMicro.start(System.getProperty("service.war"), "admin-restarted", List.of())) {
                    ServiceClient again = restarted
                            .awaitReady(Duration.ofMinutes(3))
                            .client()
                            .as("operator", TestCluster.adminPassword("operator"));
                    JsonObject ended = awaitJob(again, job, Duration.ofMinutes(4));
                    assertEquals("finished", ended.getString("state"), ended::toString);
                    assertEquals(citusJobState(job), ended.getString("state"), "the API says what Citus says");
                    assertJobEndAudited(again, job, "finished");
                    assertConsoleShowsJobEnd(restarted.client(), job, "finished");
                }
                // The rebalance went on without the admin server, unnoticed by the services.
                cleanUpAndCheck("admin server killed", target, load, counts, null, null);
            }
        }
        assertEquals(before, Rows.read(), "the rows from before the rebalance are unchanged");
    }

    /**
     * After a fault: what GET /cleanup lists is printed, cleanup leaves nothing on any node, the
     * schema is whole on its worker, the load's writes are stored exactly once, and its failures
     * all came in the fault's window and were 503s; with no window ({@code from} null), the fault
     * touched no service: no failure at all, and every write acknowledged.
     */
    void cleanUpAndCheck(String fault, Node holder, ServiceLoad load, Counts counts, Instant from, Instant to)
            throws Exception {
        System.out.println(fault + ": GET /cleanup lists, before cleanup: " + describe(leftoversListed()));
        cleanUpEverything();
        assertNothingLeftAndSchemaWholeOn(holder);
        load.awaitMore(20, Duration.ofSeconds(60));
        load.stop();
        int unacknowledged = load.assertStoredExactlyOnce(counts.times, counts.pings);
        System.out.println(fault + ": " + load + "; writes stored without their answer: " + unacknowledged);
        if (from == null) {
            assertEquals(List.of(), load.failures(), fault + ": no service had any reason to fail");
            assertEquals(0, unacknowledged, "every write acknowledged");
        } else {
            assertFailuresOnlyIn(load, from, to);
        }
    }

    // ------------------------------------------------------------------ setting up

    /** Moves the time and ping schemas to the user schema's worker (small moves); that worker. */
    Node everySchemaOnOneWorker() {
        Map<String, Node> placement = placement();
        Node source = placement.get("userservice");
        for (String schema : List.of("timeservice", "pingservice")) {
            if (!placement.get(schema).equals(source)) {
                HttpReply moved = operator().postJson("schemas/" + schema + "/move", moveBody(source, "block_writes"));
                assertEquals(200, moved.status(), moved::toString);
            }
        }
        cleanUpEverything();
        assertNothingLeftAndSchemaWholeOn(source);
        return source;
    }

    /**
     * The rebalance by shard count would move every shard of the user schema (one per table) to the
     * target (and perhaps other schemas of the test run, wherever they are: the suite's other tests
     * leave some).
     */
    static void assertPlanMovesTheUserSchema(ServiceClient admin, Node target) {
        JsonObject plan = ok(admin.get("rebalance/plan?strategy=" + STRATEGY)).object();
        System.out.println("the plan: " + plan.getJsonArray("result"));
        List<JsonObject> user = plan.getJsonArray("result").stream()
                .map(JsonValue::asJsonObject)
                .filter(m -> m.getString("table").startsWith("userservice."))
                .toList();
        int tables = ok(admin.get("schemas/userservice"))
                .object()
                .getJsonArray("shard_ids")
                .size();
        assertTrue(tables >= 2, "the user schema's tables: users and Flyway's history at least");
        assertEquals(tables, user.size(), plan::toString);
        assertTrue(user.stream().allMatch(m -> node(m.getJsonObject("target")).equals(target)), plan::toString);
    }

    /** Starts moving the user schema to the target (force_logical) and waits until its copy is under way. */
    CompletableFuture<HttpReply> moveUntilCopying(Node target) throws Exception {
        CompletableFuture<HttpReply> move =
                async(() -> operator().postJson("schemas/userservice/move", moveBody(target, "force_logical")));
        awaitCopy(target, move);
        return move;
    }

    /** The same move, after the fault, succeeds, and cleanup leaves nothing of it. */
    void moveAgain(Node to) {
        HttpReply again = operator().postJson("schemas/userservice/move", moveBody(to, "force_logical"));
        assertEquals(200, again.status(), () -> "the same move again: " + again);
        cleanUpEverything();
        assertNothingLeftAndSchemaWholeOn(to);
    }

    static Node otherWorker(Node worker) {
        return TestCluster.workers().stream()
                .filter(w -> !w.equals(worker))
                .findFirst()
                .orElseThrow();
    }

    static <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work);
    }

    /**
     * Waits until the target has received {@link #COPIED_BEFORE_FAULT} bytes of the copy (read on
     * the target itself), failing if the operation ended first.
     */
    static void awaitCopy(Node target, CompletableFuture<HttpReply> operation) throws Exception {
        awaitCopy(target, operation, () -> "");
    }

    static void awaitCopy(Node target, CompletableFuture<HttpReply> operation, Supplier<String> meanwhile)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        try (Connection node = TestCluster.connectToNode(TestCluster.nodeName(target));
                PreparedStatement progress =
                        node.prepareStatement("SELECT coalesce(sum(bytes_processed), 0) FROM pg_stat_progress_copy")) {
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet row = progress.executeQuery()) {
                    row.next();
                    if (row.getLong(1) >= COPIED_BEFORE_FAULT) {
                        System.out.println("the copy to " + target + " has reached " + row.getLong(1) + " bytes");
                        return;
                    }
                }
                assertFalse(
                        operation != null && operation.isDone(),
                        () -> "the move ended before the fault: " + operation.join());
                if (operation == null) {
                    String job = meanwhile.get();
                    assertFalse(
                            ENDED.stream().anyMatch(state -> job.contains("\"state\":\"" + state + "\"")),
                            () -> "the job ended before the fault: " + job);
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the copy to " + target + " did not reach " + COPIED_BEFORE_FAULT + " bytes in 90 s "
                + meanwhile.get());
    }

    // ------------------------------------------------------------------ what is left

    /** What GET /cleanup lists. */
    List<JsonObject> leftoversListed() {
        return ok(operator().get("cleanup")).array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
    }

    static String describe(List<JsonObject> leftovers) {
        return leftovers.isEmpty()
                ? "nothing"
                : leftovers.stream()
                        .map(l -> l.getString("kind") + " " + l.getString("name") + " on "
                                + (l.isNull("node") ? "?" : node(l.getJsonObject("node"))) + " ("
                                + l.getString("policy") + ")")
                        .collect(Collectors.joining(", "));
    }

    /**
     * POST /cleanup until nothing is left (a leftover still in use, or on a node still starting,
     * waits for the next try), within 60 s; the answers are checked to list what is left.
     */
    void cleanUpEverything() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonObject answer;
        do {
            answer = ok(operator().send("POST", "cleanup", null, null)).object();
            if (answer.getJsonObject("result").getJsonArray("left").isEmpty()) {
                assertEquals(List.of(), leftoversListed(), "GET /cleanup agrees");
                return;
            }
            sleep(1000);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("leftovers still there after 60 s of cleanup: " + answer);
    }

    /**
     * Read on every node directly as the superuser: no publication, subscription or replication
     * slot of Citus', and the user schema's shards on exactly the one worker Citus names.
     */
    static void assertNothingLeftAndSchemaWholeOn(Node holder) {
        Map<String, List<String>> shards = new LinkedHashMap<>();
        for (String node : List.of("coordinator", "worker1", "worker2")) {
            try (Connection connection = TestCluster.connectToNode(node);
                    Statement sql = connection.createStatement()) {
                sql.execute("SET citus.override_table_visibility = off");
                try (ResultSet row = sql.executeQuery("""
                        SELECT (SELECT string_agg(pubname, ',') FROM pg_publication WHERE pubname LIKE 'citus%'),
                               (SELECT string_agg(subname, ',') FROM pg_subscription WHERE subname LIKE 'citus%'),
                               (SELECT string_agg(slot_name, ',') FROM pg_replication_slots WHERE slot_name LIKE 'citus%'),
                               ARRAY(SELECT relname::text FROM pg_class WHERE relnamespace = 'userservice'::regnamespace
                                        AND relkind = 'r' AND relname ~ '_[0-9]+$' ORDER BY 1)""")) {
                    row.next();
                    assertNull(row.getString(1), node + " has no publication of a move");
                    assertNull(row.getString(2), node + " has no subscription of a move");
                    assertNull(row.getString(3), node + " has no replication slot of a move");
                    shards.put(node, List.of((String[]) row.getArray(4).getArray()));
                }
            } catch (SQLException e) {
                throw new AssertionError("could not read node " + node, e);
            }
        }
        String holderName = TestCluster.nodeName(holder);
        assertFalse(
                shards.get(holderName).isEmpty(), () -> "the user schema's shards on " + holderName + ": " + shards);
        shards.forEach((node, tables) -> {
            if (!node.equals(holderName)) {
                assertEquals(List.of(), tables, () -> "no shard of the user schema elsewhere: " + shards);
            }
        });
    }

    // ------------------------------------------------------------------ the data

    /** The rows that existed before a fault: how many, and a checksum of every column of every one. */
    record Rows(long count, String checksum, long maxId) {
        static Rows read() throws SQLException {
            try (Connection users = TestCluster.connectAs("userservice");
                    Statement sql = users.createStatement();
                    ResultSet row = sql.executeQuery("SELECT max(id) FROM users WHERE name LIKE '" + GROWN + "%'")) {
                row.next();
                return read(users, row.getLong(1));
            }
        }

        /** The rows up to the last grown one: the load's users come after it. */
        static Rows read(Connection users, long maxId) throws SQLException {
            try (PreparedStatement query = users.prepareStatement(
                    "SELECT count(*), sum(hashtextextended(u::text, 0))::text FROM users u WHERE id <= ?")) {
                query.setLong(1, maxId);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return new Rows(row.getLong(1), row.getString(2), maxId);
                }
            }
        }
    }

    /** The time and ping services' rows before the load. */
    record Counts(long times, long pings) {
        static Counts read() throws SQLException {
            return new Counts(
                    TestCluster.count("timeservice", "query_details"),
                    TestCluster.count("pingservice", "ping_results"));
        }
    }

    /**
     * Every failed call of the load came while the fault lasted (or shortly after, while the
     * service found its database again), and each was a 503 problem: none hung, none was a 500.
     */
    static void assertFailuresOnlyIn(ServiceLoad load, Instant from, Instant to) {
        List<String> outside = new ArrayList<>();
        for (ServiceLoad.Failure failure : load.failures()) {
            assertEquals(503, failure.status(), failure::toString);
            assertTrue(failure.contentType().startsWith("application/problem+json"), failure::toString);
            if (failure.at().isBefore(from) || failure.at().isAfter(to.plus(AFTER_FAULT))) {
                outside.add(failure.toString());
            }
        }
        assertEquals(List.of(), outside, "failures outside the fault (" + from + " to " + to + ")");
    }

    // ------------------------------------------------------------------ jobs and the trail

    String citusJobState(long job) throws SQLException {
        try (Connection admin = TestCluster.connectAs("citusadmin");
                PreparedStatement query =
                        admin.prepareStatement("SELECT state::text FROM pg_dist_background_job WHERE job_id = ?")) {
            query.setLong(1, job);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "Citus knows job " + job);
                return row.getString(1);
            }
        }
    }

    /** The job once it has ended, asking through the admin API while the coordinator may still be away. */
    JsonObject awaitJobThroughOutages(long job, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            HttpReply reply = operator().get("rebalance/jobs/" + job);
            if (reply.status() == 200 && ENDED.contains(reply.object().getString("state"))) {
                return reply.object();
            }
            assertTrue(reply.status() == 200 || reply.status() == 503, reply::toString);
            sleep(500);
        }
        throw new AssertionError("job " + job + " did not end within " + limit);
    }

    static JsonObject awaitJob(ServiceClient admin, long job, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            JsonObject state = ok(admin.get("rebalance/jobs/" + job)).object();
            if (ENDED.contains(state.getString("state"))) {
                return state;
            }
            sleep(500);
        }
        throw new AssertionError("job " + job + " did not end within " + limit);
    }

    /** The audit trail's newest record of the operation carries the answer's status and detail. */
    void assertOutcomeAudited(String operation, HttpReply answer) {
        JsonObject record = ok(operator().get("audit?operation=" + operation + "&limit=1"))
                .object()
                .getJsonArray("records")
                .getJsonObject(0);
        JsonObject outcome = record.getJsonObject("outcome");
        assertEquals(answer.status(), outcome.getInt("status"), record::toString);
        if (answer.status() >= 400) {
            assertEquals(answer.object().getString("detail"), outcome.getString("detail"), record::toString);
        }
    }

    /** The audit trail records the job's end, as Citus reports it. */
    static void assertJobEndAudited(ServiceClient admin, long job, String state) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonObject outcome;
        do {
            outcome =
                    ok(admin.get("audit?operation=rebalance.start&limit=20")).object().getJsonArray("records").stream()
                            .map(r -> r.asJsonObject().getJsonObject("outcome"))
                            .filter(o -> o != null
                                    && o.containsKey("job_id")
                                    && !o.isNull("job_id")
                                    && o.getJsonNumber("job_id").longValue() == job)
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no audit record starts job " + job));
            if (outcome.containsKey("job_state") && !outcome.isNull("job_state")) {
                assertEquals(state, outcome.getString("job_state"), outcome::toString);
                assertFalse(outcome.isNull("job_ended_at"), outcome::toString);
                return;
            }
            sleep(1000);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("the audit trail did not record the end of job " + job + ": " + outcome);
    }

    /**
     * The console shows the leftovers above the map while the target is still down, and its "Clean
     * up now" button says what it could not delete yet; once the target is back the button deletes
     * the rest and the line goes.
     */
    void cleanUpThroughTheConsole(Runnable bringTheTargetBack) {
        try (Browser browser = Browser.start("MoveFaultsIT.aTargetStoppedMidCopy (console)")) {
            logIn(browser, api());
            String line = browser.await(Duration.ofSeconds(30), d -> {
                var box = d.findElement(By.id("leftovers"));
                return box.isDisplayed() ? box.getText() : null;
            });
            browser.screenshot("faults-leftovers");
            assertTrue(line.matches("(?s)\\d+ leftovers? of moves wait for Citus' cleanup: .*shard.*"), line);
            String outcome = clickCleanUp(browser);
            assertTrue(outcome.contains("still in use or on a node that does not answer"), outcome);
            assertTrue(browser.driver().findElement(By.id("leftovers")).isDisplayed(), "the line stays");

            bringTheTargetBack.run();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            // Citus' own background cleanup may delete the rest between two clicks: the line (and
            // its button) then goes by itself, and there is nothing left to click.
            while (browser.driver().findElement(By.id("cleanup-button")).isDisplayed()) {
                String said;
                try {
                    said = clickCleanUp(browser);
                } catch (ElementNotInteractableException hiddenMeanwhile) {
                    continue;
                }
                if (said.contains("nothing is left")) {
                    break;
                }
                assertTrue(Instant.now().isBefore(deadline), "the console's cleanup never emptied the list");
                sleep(1000); // a leftover on the target still starting: the next click
            }
            browser.await(
                    Duration.ofSeconds(30),
                    d -> !d.findElement(By.id("leftovers")).isDisplayed());
            browser.screenshot("faults-cleaned");
        }
    }

    /** Clicks "Clean up now" and returns what the page says of it. */
    static String clickCleanUp(Browser browser) {
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('result').replaceChildren()");
        browser.driver().findElement(By.id("cleanup-button")).click();
        String outcome = browser.await(Duration.ofSeconds(30), d -> {
            var box = d.findElements(By.cssSelector("#result .outcome"));
            return box.isEmpty() ? null : box.get(0).getText();
        });
        System.out.println("console, clean up now: " + outcome.replace('\n', ' '));
        assertTrue(outcome.startsWith("Cleanup done"), outcome);
        return outcome;
    }

    static void logIn(Browser browser, ServiceClient admin) {
        var page = browser.driver();
        page.get(admin.base().toString());
        browser.await(
                Duration.ofSeconds(20), d -> d.findElement(By.id("login-user")).isDisplayed());
        page.findElement(By.id("login-user")).sendKeys("operator");
        page.findElement(By.id("login-password")).sendKeys(TestCluster.adminPassword("operator"));
        page.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    }

    /** The console of that admin server shows the job's end in its recent changes. */
    static void assertConsoleShowsJobEnd(ServiceClient admin, long job, String state) {
        try (Browser browser = Browser.start("MoveFaultsIT.anAdminServerKilledMidRebalance (console)")) {
            logIn(browser, admin);
            String row = browser.await(
                    Duration.ofSeconds(30),
                    d -> d.findElements(By.cssSelector("#audit tbody tr")).stream()
                            .map(r -> r.getText())
                            .filter(text -> text.contains("job " + job + " "))
                            .findFirst()
                            .orElse(null));
            browser.screenshot("faults-admin-restarted");
            assertTrue(row.contains("rebalance.start") && row.contains("job " + job + " " + state), row);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
