package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster.Node;
import org.citusschemas.it.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * The tutorial, done over HTTP alone: the three services' schemas are distributed and spread over
 * the workers; the user schema grows until it dominates; a rebalance by disk size leaves it alone
 * on one worker with time and ping together on the other, while a load loop keeps calling all
 * three services, with no failed request and every row written before and during the move still
 * there afterwards. The services run in the same Payara Micro as the admin API.
 */
class TutorialScenarioIT extends AdminServer {

    /** Enough rows (about 150 MB) that moving the small schemas off the user schema's worker pays off. */
    static final int GROWTH_ROWS = 1_500_000;

    @Test
    void rebalancesByDiskSizeWhileTheServicesKeepServingAndLoseNothing() throws Exception {
        CitusRequirement.assumeInstalled("TutorialScenarioIT.rebalancesByDiskSizeWhileTheServicesKeepServingAndLoseNothing");

        Map<String, Node> start = placement();
        assertTrue(start.keySet().containsAll(List.of("userservice", "timeservice", "pingservice")), start::toString);
        assertEquals(2, start.values().stream().distinct().count(), () -> "spread over both workers: " + start);

        // The user schema must share its worker for the rebalance to have something to do.
        Node userNode = start.get("userservice");
        if (!start.get("pingservice").equals(userNode) && !start.get("timeservice").equals(userNode)) {
            HttpReply moved = operator().postJson("schemas/pingservice/move", moveBody(userNode, "block_writes"));
            assertEquals(200, moved.status(), moved::toString);
        }

        try (Connection users = TestCluster.connectAs("userservice"); Statement grow = users.createStatement()) {
            grow.executeUpdate("INSERT INTO users (name, email) SELECT 'grown' || g, 'grown' || g || '@example.com' "
                    + "FROM generate_series(1, " + GROWTH_ROWS + ") g");
        }
        long usersBefore = TestCluster.count("userservice", "users");
        long timesBefore = TestCluster.count("timeservice", "query_details");
        long pingsBefore = TestCluster.count("pingservice", "ping_results");
        JsonObject plan = operator().get("rebalance/plan?strategy=by_disk_size").object();
        assertTrue(!plan.getJsonArray("result").isEmpty(), () -> "the grown user schema makes moves worth it: " + plan);

        try (LoadLoop load = new LoadLoop(api())) {
            load.awaitRequests(10, Duration.ofSeconds(60));

            HttpReply started = operator().postJson("rebalance", "{\"strategy\":\"by_disk_size\"}");
            assertEquals(202, started.status(), started::toString);
            long job = started.object().getJsonNumber("job_id").longValue();
            String location = started.header("Location").orElseThrow();
            assertTrue(location.endsWith("/rebalance/jobs/" + job), location);
            assertTrue(started.object().getJsonArray("notices").toString().contains("Scheduled"), started::toString);

            HttpReply again = operator().postJson("rebalance", "{}");
            assertEquals(409, again.status(), again::toString);
            assertTrue(again.object().getString("detail").contains("already running"), again::toString);

            JsonObject finished = awaitJob(job, Duration.ofMinutes(5));
            assertEquals("finished", finished.getString("state"), finished::toString);
            load.awaitRequests(load.requests() + 10, Duration.ofSeconds(60));
            load.stop();

            assertEquals(List.of(), load.failures(), "failed requests during the rebalance");
            List<Long> ids = load.userIds();
            assertTrue(load.timeCalls() > 0 && load.pingCalls() > 0 && !ids.isEmpty(), load::toString);
            assertEquals(usersBefore + ids.size(), TestCluster.count("userservice", "users"), "users before and during");
            assertEquals(ids.size(), countUsers(ids), "every user created during the rebalance is stored");
            assertEquals(timesBefore + load.timeCalls(), TestCluster.count("timeservice", "query_details"));
            assertEquals(pingsBefore + load.pingCalls(), TestCluster.count("pingservice", "ping_results"));
        }

        Map<String, Node> end = placement();
        assertNotEquals(end.get("userservice"), end.get("timeservice"), end::toString);
        assertEquals(end.get("timeservice"), end.get("pingservice"), () -> "time and ping together: " + end);
        assertEquals(1, end.values().stream().filter(end.get("userservice")::equals).count(),
                () -> "the user schema alone on its worker: " + end);
    }

    static long countUsers(List<Long> ids) throws Exception {
        try (Connection users = TestCluster.connectAs("userservice");
             PreparedStatement query = users.prepareStatement("SELECT count(*) FROM users WHERE id = ANY (?)")) {
            Array array = users.createArrayOf("bigint", ids.toArray());
            query.setArray(1, array);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * Three clients calling the user, time and ping services over loopback in a loop until stopped
     * (or for at most ten minutes): every answer that is not the documented success is a failure.
     */
    static final class LoadLoop implements AutoCloseable {

        private final ExecutorService threads = Executors.newFixedThreadPool(3);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Instant giveUp = Instant.now().plus(Duration.ofMinutes(10));
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> userIds = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger timeCalls = new AtomicInteger();
        private final AtomicInteger pingCalls = new AtomicInteger();
        private final AtomicInteger requests = new AtomicInteger();

        LoadLoop(ServiceClient server) {
            ServiceClient users = server.sibling("user-war");
            ServiceClient time = server.sibling("time-war");
            ServiceClient ping = server.sibling("ping-war");
            AtomicInteger n = new AtomicInteger();
            loop(() -> {
                int i = n.incrementAndGet();
                HttpReply reply = users.postJson("users", "[{\"name\":\"load" + i + "\",\"email\":\"load" + i
                        + "@example.com\"},{\"name\":\"load" + i + "b\",\"email\":\"load" + i + "b@example.com\"}]");
                if (reply.status() == 201) {
                    reply.object().getJsonArray("user_ids").forEach(id -> userIds.add(((jakarta.json.JsonNumber) id).longValue()));
                }
                return reply.status() == 201 ? null : "POST /users: " + reply;
            });
            loop(() -> {
                HttpReply reply = time.get("current_time");
                if (reply.status() == 200) {
                    timeCalls.incrementAndGet();
                }
                return reply.status() == 200 ? null : "GET /current_time: " + reply;
            });
            loop(() -> {
                HttpReply reply = ping.postJson("ping", "{\"host\":\"127.0.0.1\"}");
                if (reply.status() == 200) {
                    pingCalls.incrementAndGet();
                }
                return reply.status() == 200 ? null : "POST /ping: " + reply;
            });
        }

        interface Call {
            String failure();
        }

        private void loop(Call call) {
            threads.submit(() -> {
                while (running.get() && Instant.now().isBefore(giveUp)) {
                    try {
                        String failure = call.failure();
                        if (failure != null) {
                            failures.add(Instant.now() + " " + failure);
                        }
                    } catch (RuntimeException e) {
                        failures.add(Instant.now() + " " + e);
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

        int requests() {
            return requests.get();
        }

        void awaitRequests(int count, Duration limit) throws InterruptedException {
            Instant deadline = Instant.now().plus(limit);
            while (requests.get() < count && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertTrue(requests.get() >= count, "the load loop made " + requests.get() + " requests");
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS), "the load loop stopped");
        }

        List<String> failures() {
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

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            threads.shutdownNow();
            threads.awaitTermination(60, TimeUnit.SECONDS);
        }

        @Override
        public String toString() {
            return requests.get() + " requests: " + userIds.size() + " users, " + timeCalls + " times, " + pingCalls
                    + " pings, " + failures.size() + " failures";
        }
    }
}
