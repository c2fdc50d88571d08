package org.citusschemas.admin;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.DatabaseSnapshot;
import org.citusschemas.it.HostileRequests;
import org.citusschemas.it.HostileRequests.Endpoint;
import org.citusschemas.it.RawHttp.Request;
import org.citusschemas.it.TestCluster;
import org.citusschemas.it.TestCluster.Node;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * At least 220 generated malformed and hostile requests to every endpoint of the admin API that
 * takes input, sent as the operator (who may change everything): each refused with a 4xx
 * problem+json, and the cluster reads the same afterwards (nodes, placements, distributed
 * schemas, background jobs, roles, schemas, the services' rows). The dangerous operations
 * (removing or draining the coordinator, removing a node that holds schemas) are among them.
 */
class HostileAdminIT extends AdminServer {

    static final String API = "admin-war/";

    @BeforeEach
    void needsCitus(TestInfo test) {
        CitusRequirement.assumeInstalled("HostileAdminIT." + test.getDisplayName());
    }

    static List<String> endpoints() {
        return List.of(
                "POST /schemas",
                "GET|DELETE /schemas/{name}",
                "POST /schemas/{name}/move",
                "POST /nodes",
                "GET|DELETE /nodes/{host}/{port}",
                "POST /nodes/{host}/{port}/drain",
                "POST /rebalance",
                "GET /rebalance/plan",
                "GET /rebalance/jobs/{id}",
                "POST /services",
                "POST /session");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void refusesEveryHostileRequestAndChangesNothing(String endpoint) throws Exception {
        Map<String, String> login = Map.of(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(("operator:" + TestCluster.adminPassword("operator"))
                                        .getBytes(StandardCharsets.UTF_8)));
        HostileRequests.assertAllRefused(
                endpoint,
                server().base().toURL(),
                login,
                requests(endpoint),
                HostileRequests.PER_ENDPOINT,
                DatabaseSnapshot::now);
    }

    private Arbitrary<Request> requests(String endpoint) {
        Node worker = TestCluster.workers().get(0);
        Node coordinator = TestCluster.coordinator();
        Node holder = placement().get("userservice");
        String workerPath = API + "nodes/" + worker.host() + "/" + worker.port();
        return switch (endpoint) {
            case "POST /schemas" ->
                HostileRequests.spoiling(
                        new Endpoint("POST", API + "schemas", Set.of("GET", "POST"), object("schema", "hostile_none")));
            case "GET|DELETE /schemas/{name}" ->
                Arbitraries.oneOf(
                        HostileRequests.hostilePaths("GET", API + "schemas/{}", null),
                        HostileRequests.hostilePaths("DELETE", API + "schemas/{}", null),
                        HostileRequests.wrongMethods(
                                new Endpoint("GET", API + "schemas/userservice", Set.of("GET", "DELETE"), null)));
            case "POST /schemas/{name}/move" ->
                Arbitraries.oneOf(
                        HostileRequests.spoiling(new Endpoint(
                                "POST",
                                API + "schemas/userservice/move",
                                Set.of("POST"),
                                Json.createObjectBuilder()
                                        .add("host", worker.host())
                                        .add("port", worker.port())
                                        .add("mode", "block_writes")
                                        .build())),
                        HostileRequests.hostilePaths(
                                "POST",
                                API + "schemas/{}/move",
                                Json.createObjectBuilder()
                                        .add("host", worker.host())
                                        .add("port", worker.port())
                                        .build()));
            case "POST /nodes" ->
                HostileRequests.spoiling(new Endpoint(
                        "POST",
                        API + "nodes",
                        Set.of("GET", "POST"),
                        Json.createObjectBuilder()
                                .add("host", "127.0.0.1")
                                .add("port", 1)
                                .build()));
            case "GET|DELETE /nodes/{host}/{port}" ->
                Arbitraries.oneOf(
                        HostileRequests.hostilePaths("GET", API + "nodes/{}/" + worker.port(), null),
                        HostileRequests.hostilePaths("DELETE", API + "nodes/{}/" + worker.port(), null),
                        HostileRequests.hostilePaths("DELETE", API + "nodes/" + worker.host() + "/{}", null),
                        Arbitraries.of(
                                new Request(
                                        "DELETE",
                                        API + "nodes/" + coordinator.host() + "/" + coordinator.port(),
                                        Map.of(),
                                        null,
                                        "remove the coordinator"),
                                new Request(
                                        "DELETE",
                                        API + "nodes/" + holder.host() + "/" + holder.port(),
                                        Map.of(),
                                        null,
                                        "remove a node that holds schemas")));
            case "POST /nodes/{host}/{port}/drain" ->
                Arbitraries.oneOf(
                        HostileRequests.spoiling(new Endpoint(
                                "POST", workerPath + "/drain", Set.of("POST"), object("mode", "block_writes"))),
                        HostileRequests.hostilePaths(
                                "POST", API + "nodes/{}/" + worker.port() + "/drain", object("mode", "block_writes")),
                        Arbitraries.just(new Request(
                                "POST",
                                API + "nodes/" + coordinator.host() + "/" + coordinator.port() + "/drain",
                                Map.of("Content-Type", "application/json"),
                                "{}".getBytes(StandardCharsets.UTF_8),
                                "drain the coordinator")));
            case "POST /rebalance" ->
                HostileRequests.spoiling(new Endpoint(
                        "POST",
                        API + "rebalance",
                        Set.of("GET", "POST", "DELETE"),
                        Json.createObjectBuilder()
                                .add("strategy", "by_shard_count")
                                .add("drain_only", false)
                                .add("mode", "block_writes")
                                .build()));
            case "GET /rebalance/plan" -> HostileRequests.hostileQueries(API + "rebalance/plan", "strategy");
            case "GET /rebalance/jobs/{id}" -> HostileRequests.hostilePaths("GET", API + "rebalance/jobs/{}", null);
            case "POST /services" ->
                HostileRequests.spoiling(
                        new Endpoint("POST", API + "services", Set.of("POST"), object("name", "hostile_service")));
            case "POST /session" ->
                HostileRequests.spoiling(new Endpoint(
                        "POST",
                        API + "session",
                        Set.of("GET", "POST", "DELETE"),
                        Json.createObjectBuilder()
                                .add("user", "hostile_user")
                                .add("password", "not the password")
                                .build()));
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    private static JsonValue object(String field, String value) {
        return Json.createObjectBuilder().add(field, value).build();
    }
}
