package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.SeparateMicro;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster.Node;
import org.citusschemas.it.TestCluster;
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
 * freezes with its connections open (docker pause): the service whose schema it holds answers 503
 * within its pool's statement and socket timeouts (8 s over TLS) instead of hanging. The measured times are printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT extends AdminServer {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    static final Duration HEAL_WITHIN = Duration.ofSeconds(5);
    /**
     * A frozen worker's service answers after its pool's statement timeout (2 s) plus its socket
     * timeout (3 s), plus the socket timeout again over TLS, which the containers use: 8 s.
     */
    static final Duration FROZEN_ANSWER_WITHIN = Duration.ofSeconds(10);

    /** One call per service, each with the status its success has. */
    Map<String, Function<ServiceClient, HttpReply>> calls() {
        Map<String, Function<ServiceClient, HttpReply>> calls = new LinkedHashMap<>();
        calls.put("userservice", s -> s.sibling("user-war").postJson("users", "[{\"name\":\"f\",\"email\":\"f@example.com\"}]"));
        calls.put("timeservice", s -> s.sibling("time-war").get("current_time"));
        // One echo request: the default four take 3 s by themselves, which the time to heal would count.
        calls.put("pingservice", s -> s.sibling("ping-war").postJson("ping", "{\"host\":\"127.0.0.1\",\"count\":1}"));
        return calls;
    }

    static boolean succeeded(HttpReply reply) {
        return reply.status() == 200 || reply.status() == 201;
    }

    /** A reply and how long it took. */
    record Timed(HttpReply reply, Duration took) {
    }

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
        HttpReply ready = server().get("/health/ready");
        return ready.object().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
    }

    @AfterEach
    void everyNodeRunsAgain() {
        TestCluster.startNodes();
    }

    /** The services' schemas and the worker each lives on; the time service's shares it with none. */
    Map<String, Node> servicePlacement() {
        Map<String, Node> placement = placement();
        placement.keySet().retainAll(calls().keySet());
        Node stopped = placement.get("timeservice");
        assertTrue(placement.values().stream().anyMatch(node -> !node.equals(stopped)),
                () -> "some service lives on the other worker: " + placement);
        return placement;
    }

    @Test
    @Order(1)
    void aStoppedWorkerStrandsOnlyItsSchemasThatAnswer503AtOnceAndHealWithin5Seconds() throws Exception {
        CitusRequirement.assumeInstalled("FaultsIT.aStoppedWorkerStrandsOnlyItsSchemasThatAnswer503AtOnceAndHealWithin5Seconds");
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
                    System.out.println("worker down: " + call.getKey() + " answered 503 in " + timed.took().toMillis() + " ms");
                } else {
                    assertTrue(succeeded(timed.reply()), () -> call.getKey() + " keeps working: " + timed.reply());
                }
            }
        }
        Map<String, String> ready = readiness();
        assertEquals("DOWN", ready.get("timeservice-database"), ready::toString);
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
            System.out.println("coordinator down: " + call.getKey() + " answered 503 in " + timed.took().toMillis() + " ms");
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
    void aServiceStartedWhileTheDatabaseIsDownStartsAnswers503AndHealsWithin5Seconds() throws Exception {
        TestCluster.stopNode("coordinator");
        try (SeparateMicro micro = SeparateMicro.start(System.getProperty("time.war"), "late-timeservice", List.of())) {
            ServiceClient late = micro.awaitReady(Duration.ofMinutes(3)).client();
            Timed down = timed(s -> s.get("current_time"), late);
            assertUnavailableProblem("timeservice started without its database", down);
            System.out.println("started without database: timeservice answered 503 in " + down.took().toMillis() + " ms");

            TestCluster.startNodes();
            Duration healed = timeToHeal(Map.of("timeservice", s -> s.get("current_time")), late);
            System.out.println("database back: the late timeservice answered normally after " + healed.toMillis() + " ms");
            assertTrue(healed.compareTo(HEAL_WITHIN) < 0, "healed after " + healed);
            JsonObject time = late.get("current_time").object();
            assertEquals("127.0.0.1", time.getString("ip_address"));
        }
    }

    @Test
    @Order(4)
    void aFrozenWorkerMakesOnlyItsServiceAnswer503WithinTheSocketTimeoutNotHangAndHealsWithin5Seconds() throws Exception {
        CitusRequirement.assumeContainers(
                "FaultsIT.aFrozenWorkerMakesOnlyItsServiceAnswer503WithinTheSocketTimeoutNotHangAndHealsWithin5Seconds");
        Map<String, Node> placement = servicePlacement();
        Node frozen = placement.get("timeservice");
        Map<String, Function<ServiceClient, HttpReply>> calls = calls();
        calls.forEach((service, call) -> assertTrue(succeeded(call.apply(server())), service + " works before"));

        String worker = TestCluster.nodeName(frozen);
        TestCluster.containers().pause(worker);
        try {
            for (int round = 0; round < 3; round++) {
                for (Map.Entry<String, Function<ServiceClient, HttpReply>> call : calls.entrySet()) {
                    Timed timed = timed(call.getValue(), server());
                    if (placement.get(call.getKey()).equals(frozen)) {
                        assertUnavailableProblem(call.getKey(), timed, FROZEN_ANSWER_WITHIN);
                    } else {
                        assertTrue(succeeded(timed.reply()), () -> call.getKey() + " keeps working: " + timed.reply());
                    }
                    System.out.println("worker frozen, round " + (round + 1) + ": " + call.getKey() + " answered "
                            + timed.reply().status() + " in " + timed.took().toMillis() + " ms");
                }
            }
            assertEquals(200, server().get("/health/live").status(), "liveness stays up");
        } finally {
            TestCluster.containers().unpause(worker);
        }
        Duration healed = timeToHeal(calls, server());
        System.out.println("worker thawed: every service answered normally after " + healed.toMillis() + " ms");
        assertTrue(healed.compareTo(HEAL_WITHIN) < 0, "healed after " + healed);
    }
}
