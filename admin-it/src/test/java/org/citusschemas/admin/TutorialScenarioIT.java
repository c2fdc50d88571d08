package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.TestCluster;
import org.citusschemas.it.TestCluster.Node;
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
        CitusRequirement.assumeInstalled(
                "TutorialScenarioIT.rebalancesByDiskSizeWhileTheServicesKeepServingAndLoseNothing");

        Map<String, Node> start = placement();
        assertTrue(start.keySet().containsAll(List.of("userservice", "timeservice", "pingservice")), start::toString);
        assertEquals(2, start.values().stream().distinct().count(), () -> "spread over both workers: " + start);

        // The user schema must share its worker for the rebalance to have something to do.
        Node userNode = start.get("userservice");
        if (!start.get("pingservice").equals(userNode)
                && !start.get("timeservice").equals(userNode)) {
            HttpReply moved = operator().postJson("schemas/pingservice/move", moveBody(userNode, "block_writes"));
            assertEquals(200, moved.status(), moved::toString);
        }

        try (Connection users = TestCluster.connectAs("userservice");
                Statement grow = users.createStatement()) {
            grow.executeUpdate("INSERT INTO users (name, email) SELECT 'grown' || g, 'grown' || g || '@example.com' "
                    + "FROM generate_series(1, " + GROWTH_ROWS + ") g");
        }
        long usersBefore = TestCluster.count("userservice", "users");
        long timesBefore = TestCluster.count("timeservice", "query_details");
        long pingsBefore = TestCluster.count("pingservice", "ping_results");
        JsonObject plan = operator().get("rebalance/plan?strategy=by_disk_size").object();
        assertTrue(!plan.getJsonArray("result").isEmpty(), () -> "the grown user schema makes moves worth it: " + plan);

        try (ServiceLoad load = new ServiceLoad(api())) {
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
            assertTrue(
                    load.timeCalls() > 0
                            && load.pingCalls() > 0
                            && !load.userIds().isEmpty(),
                    load::toString);
            assertEquals(0, load.assertStoredExactlyOnce(timesBefore, pingsBefore), "every write was acknowledged");
            assertEquals(
                    usersBefore + load.userIds().size(),
                    TestCluster.count("userservice", "users"),
                    "users before and during");
        }

        Map<String, Node> end = placement();
        assertNotEquals(end.get("userservice"), end.get("timeservice"), end::toString);
        assertEquals(end.get("timeservice"), end.get("pingservice"), () -> "time and ping together: " + end);
        assertEquals(
                1,
                end.values().stream().filter(end.get("userservice")::equals).count(),
                () -> "the user schema alone on its worker: " + end);
    }
}
