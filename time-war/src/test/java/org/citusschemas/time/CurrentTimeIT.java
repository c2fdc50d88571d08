package org.citusschemas.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.citusschemas.it.DeployedService;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.junit.jupiter.api.Test;

/** The time service's HTTP contract, deployed on Payara Micro against the test cluster. */
class CurrentTimeIT extends DeployedService {

    @Test
    void tellsTheTimeAndTheCallerAndLogsTheQuery() throws Exception {
        long before = TestCluster.count("timeservice", "query_details");
        HttpReply reply = new ServiceClient(base).get("current_time");

        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/json"), reply::toString);
        JsonObject body = reply.object();
        String time = body.getString("current_time");
        assertTrue(time.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"), time);
        LocalDateTime told = LocalDateTime.parse(time, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        assertTrue(Duration.between(told, LocalDateTime.now()).abs().toSeconds() < 60, time);
        assertEquals("127.0.0.1", body.getString("ip_address"));

        assertEquals(before + 1, TestCluster.count("timeservice", "query_details"));
        try (Connection db = TestCluster.connectAs("timeservice");
                Statement query = db.createStatement();
                ResultSet last = query.executeQuery(
                        "SELECT host(ip_address), to_char(query_time, 'YYYY-MM-DD HH24:MI:SS') FROM query_details ORDER BY id DESC LIMIT 1")) {
            last.next();
            assertEquals("127.0.0.1", last.getString(1));
            assertEquals(time, last.getString(2));
        }
    }

    @Test
    void refusesOtherMethodsWithAProblemAndLogsNothing() throws Exception {
        long before = TestCluster.count("timeservice", "query_details");
        HttpReply reply = new ServiceClient(base).postJson("current_time", "{}");

        assertEquals(405, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertTrue(reply.object().getString("detail").contains("POST"), reply::toString);
        assertEquals(before, TestCluster.count("timeservice", "query_details"));
    }

    @Test
    void answersAnUnknownPathWithA404Problem() {
        HttpReply reply = new ServiceClient(base).get("no_such_thing");
        assertEquals(404, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
    }
}
