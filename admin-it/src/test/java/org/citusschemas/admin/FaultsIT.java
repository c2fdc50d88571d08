package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.ClusterMode;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.SeparateMicro;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.citusschemas.it.TestCluster.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A worker or the coordinator goes away while the services run (stopped like a failed host: a
 * container stopped, or a local node shut down), and comes back: the services whose data is still
 * reachable keep answering, the others answer a 503 problem within 2 s, liveness stays up, and
 * everything answers normally again within 5 s of the database's return, with no restart or
 * redeploy; also for a service started while the database is down. In containers, a worker also
 * freezes with its connections open (docker pause), or is cut off the network (docker network
 * disconnect): the service whose schema it holds answers its first request 503 within its pool's
 * statement and socket timeouts (8 s over TLS) instead of hanging, and every later one at once with
 * Retry-After (its circuit breaker, MicroProfile Fault Tolerance), until its first request after
 * the breaker's delay finds the worker back; health names the worker. And when another client takes
 * the coordinator's last connections, the services answer 503 at once and recover once they are
 * given back. The measured times are printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT extends AdminServer {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    static final Duration HEAL_WITHIN = Duration.ofSeconds(5);
    /**
     * A service started while the database was down heals later: its first request after the
     * breaker's next try also migrates its schema and fills its pool (5.3 s once in a fresh-clone
     * CI run with the suite's other modules busy; a bound for a bug, not a benchmark).
     */
    static final Duration LATE_HEAL_WITHIN = Duration.ofSeconds(10);
    /**
     * A frozen worker's service answers after its pool's statement timeout (2 s) plus its socket
     * timeout (3 s), plus the socket timeout again over TLS, which the containers use: 8 s.
     */
    static final Duration FROZEN_ANSWER_WITHIN = Duration.ofSeconds(10);
    /** A request refused by an open circuit breaker: no database call at all. */
    static final Duration FAIL_FAST_WITHIN = Duration.ofMillis(500);

    /** One call per service, each with the status its success has. */
    Map<String, Function<ServiceClient, HttpReply>> calls() {
        Map<String, Function<ServiceClient, HttpReply>> calls = new LinkedHashMap<>();
        calls.put(
                "userservice",
                s -> s.sibling("user-war").postJson("users", "[{\"name\":\"f\",\"email\":\"f@example.com\"}]"));
        calls.put("timeservice", s -> s.sibling("time-war").get("current_time"));
        // One echo request: the default four take 3 s by themselves, which the time to heal would count.
        calls.put("pingservice", s -> s.sibling("ping-war").postJson("ping", "{\"host\":\"127.0.0.1\",\"count\":1}"));
        return calls;
    }

    static boolean succeeded(HttpReply reply) {
        return reply.status() == 200 || reply.status() == 201;
    }

    /** A reply and how long it took. */
    record Timed(HttpReply reply, Duration took) {}

    static Timed timed(Function<ServiceClient, HttpReply> call, ServiceClient server) {
        long start = System.nanoTime();
        HttpReply reply = call.apply(server);
        return new Timed(reply, Duration.ofNanos(System.nanoTime() - start));
    }

    static void assertUnavailableProblem(String service, Timed timed) {
        assertUnavailableProblem(service, timed, ANSWER_WITHIN);
    }

    static void assertUnavailableProblem(String service, Timed timed, Duration within) {
        HttpReply reply = timed.reply();
        assertEquals(503, reply.status(), () -> service + ": " + reply);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertTrue(reply.object().getString("detail").contains("database is unavailable"), reply::toString);
        assertFalse(reply.body().contains("\tat ") || reply.body().contains("Exception:"), "no stack trace: " + reply);
        assertTrue(timed.took().compareTo(within) < 0, () -> service + " took " + timed.took());
    }

    /** Polls until every call succeeds; the time that took. */
    static Duration timeToHeal(Map<String, Function<ServiceClient, HttpReply>> calls, ServiceClient server)
            throws InterruptedException {
        long start = System.nanoTime();
        Duration limit = HEAL_WITHIN.multipliedBy(4);
        while (true) {
            boolean all = calls.values().stream().allMatch(call -> succeeded(call.apply(server)));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (all || waited.compareTo(limit) > 0) {
                return waited;
            }
            Thread.sleep(100);
        }
    }

    /** Check name to status, from /health/ready (all applications of this server). */
    Map<String, String> readiness() {
        return readinessChecks().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, c -> c.getValue().getString("status")));
    }

    /** Check name to the check (status and data), from /health/ready. */
    Map<String, JsonObject> readinessChecks() {
        HttpReply ready = server().get("/health/ready");
        return ready.object().getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
    }

    /** A service refused at once by its open circuit breaker: 503, Retry-After, and nothing waited for. */
    static void assertFailedFast(String service, Timed timed) {
        assertUnavailableProblem(service, timed, FAIL_FAST_WITHIN);
        assertEquals("3", timed.reply().header("Retry-After").orElse(null), timed.reply()::toString);
    }

    /**
     * Calls every service three rounds over while a worker is away: the services on it answer 503, the
     * first within {@code firstWithin} and every later one at once; the others keep working. The
     * first and the slowest later answer of the services on that worker.
     */
    Duration[] callWhileAway(Map<String, Node> placement, Node away, Duration firstWithin, String what) {
        Duration first = null;
        Duration later = Duration.ZERO;
        for (int round = 0; round < 3; round++) {
            for (Map.Entry<String, Function<ServiceClient, HttpReply>> call : calls().entrySet()) {
                Timed timed = timed(call.getValue(), server());
                if (placement.get(call.getKey()).equals(away)) {
                    if (first == null) {
                        assertUnavailableProblem(call.getKey(), timed, firstWithin);
                        first = timed.took();
                    } else {
                        assertFailedFast(call.getKey(), timed);
                        later = later.compareTo(timed.took()) > 0 ? later : timed.took();
                    }
                } else {
                    assertTrue(succeeded(timed.reply()), () -> call.getKey() + " keeps working: " + timed.reply());
                }
                System.out.println(what + ", round " + (round + 1) + ": " + call.getKey() + " answered "
                        + timed.reply().status() + " in " + timed.took().toMillis() + " ms");
            }
        }
        return new Duration[] {first, later};
    }

    /** The readiness check of the service names the node that holds its schema. */
    void assertReadinessNames(String service, Node node) {
        JsonObject check = readinessChecks().get(service + "-database");
        assertEquals("DOWN", check.getString("status"), check::toString);
        assertEquals(node.toString(), check.getJsonObject("data").getString("node"), check::toString);
    }

    @AfterEach
    void everyNodeRunsAgain() {
        if (TestCluster.mode() == ClusterMode.CONTAINERS) {
            List.of("worker1", "worker2").forEach(TestCluster.containers()::reconnect);
        }
        TestCluster.startNodes();
    }

    /** The services' schemas and the worker each lives on; the time service's shares it with none. */
    Map<String, Node> servicePlacement() {
        Map<String, Node> placement = placement();
        placement.keySet().retainAll(calls().keySet());
        Node stopped = placement.get("timeservice");
        assertTrue(
                placement.values().stream().anyMatch(node -> !node.equals(stopped)),
                () -> "some service lives on the other worker: " + placement);
        return placement;
    }

    @Test
    @Order(1)
    void aStoppedWorkerStrandsOnlyItsSchemasThatAnswer503AtOnceAndHealWithin5Seconds() throws Exception {
        CitusRequirement.assumeInstalled(
                "FaultsIT.aStoppedWorkerStrandsOnlyItsSchemasThatAnswer503AtOnceAndHealWithin5Seconds");
        Map<String, Node> placement = servicePlacement();
        Node stopped = placement.get("timeservice");
        Map<String, Function<ServiceClient, HttpReply>> calls = calls();
        calls.forEach((service, call) -> assertTrue(succeeded(call.apply(server())), service + " works before"));

        TestCluster.stopNode(TestCluster.nodeName(stopped));

        for (int round = 0; round < 3; round++) {
            for (Map.Entry<String, Function<ServiceClient, HttpReply>> call : calls.entrySet()) {
                Timed timed = timed(call.getValue(), server());
                if (placement.get(call.getKey()).equals(stopped)) {
                    assertUnavailableProblem(call.getKey(), timed);
                    System.out.println("worker down: " + call.getKey() + " answered 503 in "
                            + timed.took().toMillis() + " ms");
                } else {
                    assertTrue(succeeded(timed.reply()), () -> call.getKey() + " keeps working: " + timed.reply());
                }
            }
        }
        Map<String, String> ready = readiness();
        assertEquals("DOWN", ready.get("timeservice-database"), ready::toString);
        assertReadinessNames("timeservice", stopped);
        // The admin API says which node is down, and only that one (every node of the containers has port 5432).
        Map<Node, Boolean> healthy = ok(operator().get("nodes")).array().stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(n -> node(n.getJsonObject("address")), n -> n.getBoolean("healthy")));
        healthy.forEach(
                (node, up) -> assertEquals(!node.equals(stopped), up, () -> "health of " + node + ": " + healthy));
        placement.forEach((service, node) -> {
            if (!node.equals(stopped)) {
                assertEquals("UP", ready.get(service + "-database"), ready::toString);
            }
        });
        assertEquals(200, server().get("/health/live").status(), "liveness stays up");

        TestCluster.startNodes();
        Duration healed = timeToHeal(calls, server());
        System.out.println("worker back: every service answered normally after " + healed.toMillis() + " ms");
        assertTrue(healed.compareTo(HEAL_WITHIN) < 0, "healed after " + healed);
        assertEquals("UP", readiness().get("timeservice-database"));
    }

    @Test
    @Order(2)
    void aRestartedCoordinatorMakesEveryServiceAnswer503AtOnceThenHealWithin5Seconds() throws Exception {
        Map<String, Function<ServiceClient, HttpReply>> calls = calls();
        calls.forEach((service, call) -> assertTrue(succeeded(call.apply(server())), service + " works before"));

        TestCluster.stopNode("coordinator");

        for (Map.Entry<String, Function<ServiceClient, HttpReply>> call : calls.entrySet()) {
            Timed timed = timed(call.getValue(), server());
            assertUnavailableProblem(call.getKey(), timed);
            System.out.println("coordinator down: " + call.getKey() + " answered 503 in "
                    + timed.took().toMillis() + " ms");
        }
        HttpReply users = server().sibling("user-war").get("users");
        assertEquals(503, users.status(), "the streamed list too: " + users);
        assertEquals(200, server().get("/health/live").status(), "liveness stays up");
        assertTrue(readiness().values().stream().anyMatch("DOWN"::equals), readiness()::toString);

        TestCluster.startNodes();
        Duration healed = timeToHeal(calls, server());
        System.out.println("coordinator back: every service answered normally after " + healed.toMillis() + " ms");
        assertTrue(healed.compareTo(HEAL_WITHIN) < 0, "healed after " + healed);
    }

    @Test
    @Order(3)
    void aServiceStartedWhileTheDatabaseIsDownStartsAnswers503AndHealsWithin10Seconds() throws Exception {
        TestCluster.stopNode("coordinator");
        try (SeparateMicro micro = SeparateMicro.start(System.getProperty("time.war"), "late-timeservice", List.of())) {
            ServiceClient late = micro.awaitReady(Duration.ofMinutes(3)).client();
            Timed down = timed(s -> s.get("current_time"), late);
            assertUnavailableProblem("timeservice started without its database", down);
            System.out.println("started without database: timeservice answered 503 in "
                    + down.took().toMillis() + " ms");

            TestCluster.startNodes();
            Duration healed = timeToHeal(Map.of("timeservice", s -> s.get("current_time")), late);
            System.out.println(
                    "database back: the late timeservice answered normally after " + healed.toMillis() + " ms");
            assertTrue(healed.compareTo(LATE_HEAL_WITHIN) < 0, "healed after " + healed);
            JsonObject time = late.get("current_time").object();
            assertEquals("127.0.0.1", time.getString("ip_address"));
        }
    }

    @Test
    @Order(4)
    void aFrozenWorkerMakesOnlyItsServiceAnswer503WithinTheSocketTimeoutThenAtOnceAndHealsWithin5Seconds()
            throws Exception {
        CitusRequirement.assumeContainers(
                "FaultsIT.aFrozenWorkerMakesOnlyItsServiceAnswer503WithinTheSocketTimeoutThenAtOnceAndHealsWithin5Seconds");
        workerAwayThenBack(
                "worker frozen", "the thaw", TestCluster.containers()::pause, TestCluster.containers()::unpause);
    }

    @Test
    @Order(5)
    void aWorkerCutOffTheNetworkMakesOnlyItsServiceAnswer503FirstWithinTheTimeoutsThenAtOnceAndHealsWhenReconnected()
            throws Exception {
        CitusRequirement.assumeContainers(
                "FaultsIT.aWorkerCutOffTheNetworkMakesOnlyItsServiceAnswer503FirstWithinTheTimeoutsThenAtOnceAndHealsWhenReconnected");
        workerAwayThenBack(
                "worker cut off",
                "the reconnection",
                TestCluster.containers()::disconnect,
                TestCluster.containers()::reconnect);
    }

    /**
     * The time service's worker goes away without closing its connections (frozen, or cut off the
     * network): the time service answers 503, the first within the pool's timeouts and every later
     * one at once, health names the worker, the others keep working; once it is back, everything
     * heals within 5 s.
     */
    void workerAwayThenBack(String what, String returnedBy, Consumer<String> away, Consumer<String> back)
            throws Exception {
        Map<String, Node> placement = servicePlacement();
        Node gone = placement.get("timeservice");
        Map<String, Function<ServiceClient, HttpReply>> calls = calls();
        calls.forEach((service, call) -> assertTrue(succeeded(call.apply(server())), service + " works before"));

        String worker = TestCluster.nodeName(gone);
        away.accept(worker);
        Instant returned;
        try {
            Duration[] took = callWhileAway(placement, gone, FROZEN_ANSWER_WITHIN, what);
            System.out.println(what + ": first answer " + took[0].toMillis() + " ms, later answers at most "
                    + took[1].toMillis() + " ms");
            assertReadinessNames("timeservice", gone);
            assertEquals(200, server().get("/health/live").status(), "liveness stays up");
        } finally {
            back.accept(worker);
            returned = Instant.now();
        }
        Duration healed = timeToHeal(calls, server());
        System.out.println(what + ": every service answered normally "
                + Duration.between(returned, Instant.now()).toMillis() + " ms after " + returnedBy);
        assertTrue(healed.compareTo(HEAL_WITHIN) < 0, "healed after " + healed);
    }

    @Test
    @Order(6)
    void whenAnotherClientTakesTheCoordinatorsLastConnectionsTheServicesAnswer503AtOnceAndRecoverWhenTheyAreFree()
            throws Exception {
        CitusRequirement.assumeContainers(
                "FaultsIT.whenAnotherClientTakesTheCoordinatorsLastConnectionsTheServicesAnswer503AtOnceAndRecoverWhenTheyAreFree");
        Map<String, Function<ServiceClient, HttpReply>> calls = calls();
        calls.forEach((service, call) -> assertTrue(succeeded(call.apply(server())), service + " works before"));

        List<Connection> taken = new ArrayList<>();
        try {
            // The services' pooled connections end (as after a restart of their pools), and before
            // they can open new ones, another client takes every connection the coordinator has left.
            try (Connection first = TestCluster.connectToNode("coordinator");
                    Statement sql = first.createStatement()) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE application_name IN ('userservice', 'timeservice', 'pingservice')");
            }
            String refusal = takeEveryConnection(taken);
            System.out.println("connections taken: " + taken.size() + ", then the coordinator said: " + refusal);

            for (int round = 0; round < 2; round++) {
                for (Map.Entry<String, Function<ServiceClient, HttpReply>> call : calls.entrySet()) {
                    Timed timed = timed(call.getValue(), server());
                    assertUnavailableProblem(call.getKey(), timed);
                    if (round > 0) {
                        assertFailedFast(call.getKey(), timed);
                    }
                    System.out.println("no connections left, round " + (round + 1) + ": " + call.getKey()
                            + " answered 503 in " + timed.took().toMillis() + " ms: "
                            + timed.reply().object().getString("detail"));
                }
            }
            assertTrue(readiness().values().stream().anyMatch("DOWN"::equals), readiness()::toString);
            assertEquals(200, server().get("/health/live").status(), "liveness stays up");
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
        Duration healed = timeToHeal(calls, server());
        System.out.println(
                "connections given back: every service answered normally after " + healed.toMillis() + " ms");
        assertTrue(healed.compareTo(HEAL_WITHIN) < 0, "healed after " + healed);
    }

    /** Opens superuser connections to the coordinator until it refuses one; its refusal. */
    static String takeEveryConnection(List<Connection> taken) {
        for (int i = 0; i < 1000; i++) {
            try {
                taken.add(TestCluster.connectToNode("coordinator"));
            } catch (SQLException refused) {
                assertEquals("53300", refused.getSQLState(), refused::toString);
                return refused.getMessage();
            }
        }
        throw new AssertionError("the coordinator took 1000 connections without refusing one");
    }
}
