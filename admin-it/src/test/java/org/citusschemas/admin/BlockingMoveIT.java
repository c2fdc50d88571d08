package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonNumber;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.citusschemas.it.TestCluster.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A move in {@code block_writes} mode holds the schema's writes while it copies. The user service
 * must ride it out: its writes wait for the move and succeed, its reads go on, and its circuit
 * breaker stays closed. The user schema is grown first so that the copy takes seconds, longer than
 * the pool's 2 s statement timeout on this kind of machine.
 */
class BlockingMoveIT extends AdminServer {

    static final int GROWTH_ROWS = 1_200_000;
    static final String GROWN = "blockgrown";

    /** One answer of the load: what was called, when it started, how long it took, its status. */
    record Call(String what, Instant start, Duration took, int status, String body) {}

    private static final GrownUserSchema GROWTH = new GrownUserSchema(GROWN);

    @AfterAll
    static void shrinkTheUserSchema() throws SQLException {
        GROWTH.shrink();
    }

    @Test
    void writesDuringABlockWritesMoveWaitForItAndReadsGoOnWithNoRequestFailed() throws Exception {
        CitusRequirement.assumeInstalled("BlockingMoveIT");
        GROWTH.grow(GROWTH_ROWS);
        ServiceClient service = server().sibling("user-war");
        long known = ok(service.postJson("users", "[{\"name\":\"reader\",\"email\":\"reader@example.com\"}]"))
                .object()
                .getJsonArray("user_ids")
                .getJsonNumber(0)
                .longValue();
        Node source = placement().get("userservice");
        Node target = TestCluster.workers().stream()
                .filter(w -> !w.equals(source))
                .findFirst()
                .orElseThrow();

        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        String prefix = "blockmove" + Long.toString(System.nanoTime(), 36) + "-";
        for (int writer = 0; writer < 2; writer++) {
            int w = writer;
            load.submit(() -> loop(running, calls, "POST /users", () -> {
                HttpReply reply = service.postJson("users", batch(prefix + w + "-" + System.nanoTime()));
                if (reply.status() == 201) {
                    reply.object()
                            .getJsonArray("user_ids")
                            .forEach(id -> acknowledged.add(((JsonNumber) id).longValue()));
                }
                return reply;
            }));
        }
        for (int reader = 0; reader < 2; reader++) {
            load.submit(() -> loop(running, calls, "GET /users/{id}", () -> service.get("users/" + known)));
        }
        Thread.sleep(2000);

        Instant moveStart = Instant.now();
        HttpReply moved = operator().postJson("schemas/userservice/move", moveBody(target, "block_writes"));
        Instant moveEnd = Instant.now();
        Thread.sleep(2000);
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(60, TimeUnit.SECONDS), "the load stopped");

        assertEquals(200, moved.status(), moved::toString);
        assertEquals(target, placement().get("userservice"), "the schema is on the target");
        List<Call> during = calls.stream()
                .filter(c ->
                        c.start().isBefore(moveEnd) && c.start().plus(c.took()).isAfter(moveStart))
                .toList();
        Duration longestWrite = during.stream()
                .filter(c -> c.what().startsWith("POST"))
                .map(Call::took)
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
        Duration longestRead = during.stream()
                .filter(c -> c.what().startsWith("GET"))
                .map(Call::took)
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
        System.out.println("block_writes move of the user schema ("
                + operator().get("schemas/userservice").object().getString("size") + "): "
                + Duration.between(moveStart, moveEnd).toMillis()
                + " ms; " + during.size() + " calls during it, longest write " + longestWrite.toMillis()
                + " ms, longest read " + longestRead.toMillis() + " ms; " + calls.size() + " calls in all");

        List<Call> failed = calls.stream().filter(c -> c.status() / 100 != 2).toList();
        assertEquals(List.of(), failed, "no request failed");
        assertTrue(during.stream().anyMatch(c -> c.what().startsWith("POST")), "writes were made during the move");
        assertTrue(during.stream().anyMatch(c -> c.what().startsWith("GET")), "reads were made during the move");
        assertStored(acknowledged);

        // The next test class finds the schema where it was.
        assertEquals(
                200,
                operator()
                        .postJson("schemas/userservice/move", moveBody(source, "auto"))
                        .status());
    }

    private static String batch(String name) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"")
                    .append(name)
                    .append(i)
                    .append("\",\"email\":\"")
                    .append(name)
                    .append(i)
                    .append("@example.com\"}");
        }
        return body.append("]").toString();
    }

    interface Request {
        HttpReply send();
    }

    private static void loop(AtomicBoolean running, List<Call> calls, String what, Request request) {
        while (running.get()) {
            Instant start = Instant.now();
            int status;
            String body;
            try {
                HttpReply reply = request.send();
                status = reply.status();
                body = reply.body();
            } catch (RuntimeException e) {
                status = 0;
                body = e.toString();
            }
            calls.add(new Call(
                    what, start, Duration.between(start, Instant.now()), status, status / 100 == 2 ? "" : body));
        }
    }

    /** Every user the service acknowledged is stored, once. */
    private static void assertStored(List<Long> acknowledged) throws SQLException {
        assertNotEquals(0, acknowledged.size(), "users were acknowledged");
        try (Connection users = TestCluster.connectAs("userservice")) {
            ServiceLoad.assertStoredOnce(users, acknowledged);
        }
    }
}
