package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonNumber;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;

/**
 * Three clients calling the user, time and ping services in a loop until stopped (or for at most
 * ten minutes), each answer kept: what was acknowledged (the users' ids, the time and ping calls
 * that answered 200) and every answer that was not the documented success, with when it came.
 * The users it registers carry a name of this load's own ({@link #prefix}), so what the database
 * holds afterwards can be checked against what was sent and what was acknowledged.
 */
final class ServiceLoad implements AutoCloseable {

    /** An answer that was not the documented success, and when it came. */
    record Failure(Instant at, String call, int status, String contentType, String body) {
        @Override
        public String toString() {
            return at + " " + call + ": " + status + " " + contentType + " " + body;
        }
    }

    private final ExecutorService threads = Executors.newFixedThreadPool(3);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Instant giveUp = Instant.now().plus(Duration.ofMinutes(10));
    private final String prefix = "load" + Long.toString(System.nanoTime(), 36) + "-";
    private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> userIds = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger usersSent = new AtomicInteger();
    private final AtomicInteger timeCalls = new AtomicInteger();
    private final AtomicInteger timeFailures = new AtomicInteger();
    private final AtomicInteger pingCalls = new AtomicInteger();
    private final AtomicInteger pingFailures = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    ServiceLoad(ServiceClient server) {
        ServiceClient users = server.sibling("user-war");
        ServiceClient time = server.sibling("time-war");
        ServiceClient ping = server.sibling("ping-war");
        AtomicInteger n = new AtomicInteger();
        loop("POST /users", () -> {
            int i = n.incrementAndGet();
            usersSent.addAndGet(2);
            HttpReply reply = users.postJson(
                    "users",
                    "[{\"name\":\"" + prefix + i + "a\",\"email\":\"" + prefix + i + "a@example.com\"},{\"name\":\""
                            + prefix + i + "b\",\"email\":\"" + prefix + i + "b@example.com\"}]");
            if (reply.status() == 201) {
                reply.object().getJsonArray("user_ids").forEach(id -> userIds.add(((JsonNumber) id).longValue()));
            }
            return reply.status() == 201 ? null : reply;
        });
        loop("GET /current_time", () -> {
            HttpReply reply = time.get("current_time");
            (reply.status() == 200 ? timeCalls : timeFailures).incrementAndGet();
            return reply.status() == 200 ? null : reply;
        });
        loop("POST /ping", () -> {
            HttpReply reply = ping.postJson("ping", "{\"host\":\"127.0.0.1\",\"count\":1}");
            (reply.status() == 200 ? pingCalls : pingFailures).incrementAndGet();
            return reply.status() == 200 ? null : reply;
        });
    }

    interface Call {
        /** The reply when it was not the call's success, else null. */
        HttpReply failure();
    }

    private void loop(String name, Call call) {
        threads.submit(() -> {
            while (running.get() && Instant.now().isBefore(giveUp)) {
                try {
                    HttpReply failure = call.failure();
                    if (failure != null) {
                        failures.add(new Failure(
                                Instant.now(), name, failure.status(), failure.contentType(), failure.body()));
                    }
                } catch (RuntimeException e) {
                    failures.add(new Failure(Instant.now(), name, 0, "", e.toString()));
                }
                requests.incrementAndGet();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** The start of the names of the users this load registers. */
    String prefix() {
        return prefix;
    }

    int requests() {
        return requests.get();
    }

    void awaitRequests(int count, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (requests.get() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertTrue(requests.get() >= count, "the load made " + requests.get() + " requests");
    }

    /** Waits for {@code more} requests beyond those made so far. */
    void awaitMore(int more, Duration limit) throws InterruptedException {
        awaitRequests(requests() + more, limit);
    }

    void stop() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS), "the load stopped");
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    List<Long> userIds() {
        return List.copyOf(userIds);
    }

    int timeCalls() {
        return timeCalls.get();
    }

    int pingCalls() {
        return pingCalls.get();
    }

    /**
     * Checks the database against what this load was told, after it stopped: every user it was
     * acknowledged is stored exactly once; every stored user of this load is one it sent (none
     * twice); each time and ping call that answered 200 left its row, and no more rows than calls
     * were made. How many writes were stored although their answer was a failure (the commit
     * reached the database, the answer did not reach the client) is returned, for the test to print.
     */
    int assertStoredExactlyOnce(long timesBefore, long pingsBefore) throws SQLException {
        List<Long> acknowledged = userIds();
        assertEquals(acknowledged.size(), new HashSet<>(acknowledged).size(), "no id acknowledged twice");
        int storedUnacknowledged;
        try (Connection users = TestCluster.connectAs("userservice")) {
            assertStoredOnce(users, acknowledged);
            Set<Long> stored = new HashSet<>();
            Set<String> names = new HashSet<>();
            try (PreparedStatement query =
                    users.prepareStatement("SELECT id, name FROM users WHERE name LIKE ? || '%'")) {
                query.setString(1, prefix);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        stored.add(row.getLong(1));
                        assertTrue(names.add(row.getString(2)), "user " + row.getString(2) + " stored twice");
                    }
                }
            }
            assertTrue(stored.containsAll(acknowledged), "every acknowledged user is this load's");
            assertTrue(stored.size() <= usersSent.get(), stored.size() + " stored of " + usersSent.get() + " sent");
            storedUnacknowledged = stored.size() - acknowledged.size();
        }
        long times = TestCluster.count("timeservice", "query_details") - timesBefore;
        assertTrue(
                times >= timeCalls.get() && times <= timeCalls.get() + timeFailures.get(),
                () -> times + " times stored for " + timeCalls + " acknowledged and " + timeFailures + " failed calls");
        long pings = TestCluster.count("pingservice", "ping_results") - pingsBefore;
        assertTrue(
                pings >= pingCalls.get() && pings <= pingCalls.get() + pingFailures.get(),
                () -> pings + " pings stored for " + pingCalls + " acknowledged and " + pingFailures + " failed calls");
        return storedUnacknowledged + (int) (times - timeCalls.get()) + (int) (pings - pingCalls.get());
    }

    /** Every one of these users' ids is stored, once. */
    static void assertStoredOnce(Connection users, List<Long> acknowledged) throws SQLException {
        try (PreparedStatement query =
                users.prepareStatement("SELECT count(*), count(DISTINCT id) FROM users WHERE id = ANY (?)")) {
            Array ids = users.createArrayOf("bigint", acknowledged.toArray());
            query.setArray(1, ids);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertEquals(acknowledged.size(), row.getLong(1), "every acknowledged user is stored");
                assertEquals(acknowledged.size(), row.getLong(2), "each once");
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdownNow();
        threads.awaitTermination(60, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return requests.get() + " requests: " + userIds.size() + " users, " + timeCalls + " times, " + pingCalls
                + " pings acknowledged; " + failures.size() + " failures";
    }
}
