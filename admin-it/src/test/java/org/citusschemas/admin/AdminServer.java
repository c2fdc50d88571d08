package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.citusschemas.it.TestCluster.Node;
import org.citusschemas.it.TestServer;

/**
 * The Payara Micro of admin-war's tests ({@link TestServer}, one for every test class), which each
 * test class extends: the admin API and the three services side by side, each at its WAR's name.
 */
abstract class AdminServer {

    /** The server's root: clients are built from it and the context root they need. */
    final URL deployment = TestServer.root();

    /** The server's root, for /health and the services' WARs ({@code sibling}). */
    ServiceClient server() {
        return new ServiceClient(deployment);
    }

    /** The admin API, not logged in. */
    ServiceClient api() {
        return server().sibling("admin-war");
    }

    /** The admin API, logged in as the local "operator" user. */
    ServiceClient operator() {
        return api().as("operator", TestCluster.adminPassword("operator"));
    }

    /** The admin API, logged in as the local "reader" user. */
    ServiceClient reader() {
        return api().as("reader", TestCluster.adminPassword("reader"));
    }

    /** The reply, when it is a success (2xx). */
    static HttpReply ok(HttpReply reply) {
        assertTrue(reply.status() / 100 == 2, reply::toString);
        return reply;
    }

    /** A path under /nodes for that node. */
    static String nodePath(Node node, String rest) {
        return "nodes/" + node.host() + "/" + node.port() + rest;
    }

    /** A node as the API names it ({"host", "port"}). */
    static Node node(JsonObject address) {
        return new Node(address.getString("host"), address.getInt("port"));
    }

    /** Schema name to the worker that holds it, as GET /schemas says. */
    Map<String, Node> placement() {
        HttpReply schemas = operator().get("schemas");
        assertEquals(200, schemas.status(), schemas::toString);
        return schemas.array().stream()
                .map(JsonValue::asJsonObject)
                .filter(s -> !s.isNull("node"))
                .collect(Collectors.toMap(s -> s.getString("name"), s -> node(s.getJsonObject("node"))));
    }

    /**
     * The rebalance job as GET /rebalance/jobs/{id} says once it has ended (finished, failed or
     * cancelled). Citus retries a failed task after 5 s, 20 s and then every minute, so a limit
     * of a few minutes lets a job that retried end.
     */
    JsonObject awaitJob(long job, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        JsonObject state;
        do {
            state = ok(operator().get("rebalance/jobs/" + job)).object();
            if (ENDED.contains(state.getString("state"))) {
                return state;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(
                "job " + job + " still " + state.getString("state") + " after " + limit + ": " + state);
    }

    /** The states of a Citus background job that has ended. */
    static final List<String> ENDED = List.of("finished", "failed", "cancelled");

    /** The body of POST /schemas/{name}/move to that node. */
    static String moveBody(Node to, String mode) {
        return "{\"host\":\"" + to.host() + "\",\"port\":" + to.port() + ",\"mode\":\"" + mode + "\"}";
    }
}
