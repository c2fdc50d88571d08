package org.citusschemas.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import org.citusschemas.it.DatabaseSnapshot;
import org.citusschemas.it.DeployedService;
import org.citusschemas.it.HostileRequests;
import org.citusschemas.it.HostileRequests.Endpoint;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.RawHttp;
import org.citusschemas.it.RawHttp.Reply;
import org.citusschemas.it.RawHttp.Request;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of generated malformed and hostile requests to each endpoint of the user service:
 * every one refused with a 4xx problem+json, and not one row written.
 */
class HostileUsersIT extends DeployedService {

    static final JsonArray BATCH = Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("name", "Mallory").add("email", "mallory@example.com"))
            .add(Json.createObjectBuilder().add("name", "Trent").add("email", "trent@example.com"))
            .build();

    @Test
    void refusesSpoiledBatchesAndWritesNothing() {
        Endpoint register = new Endpoint("POST", "users", Set.of("GET", "POST"), BATCH, Set.of("name"));
        HostileRequests.assertAllRefused(
                "POST /users",
                base,
                Map.of(),
                HostileRequests.spoiling(register),
                HostileRequests.PER_ENDPOINT,
                DatabaseSnapshot::now);
    }

    @Test
    void refusesHostilePagesAndIdsAndWritesNothing() {
        HostileRequests.assertAllRefused(
                "GET /users?limit=&after=",
                base,
                Map.of(),
                Arbitraries.oneOf(
                        HostileRequests.hostileQueries("users", "limit"),
                        HostileRequests.hostileQueries("users", "after")),
                HostileRequests.PER_ENDPOINT,
                DatabaseSnapshot::now);
        HostileRequests.assertAllRefused(
                "GET /users/{id}",
                base,
                Map.of(),
                Arbitraries.oneOf(
                        HostileRequests.hostilePaths("GET", "users/{}", null),
                        HostileRequests.wrongMethods(new Endpoint("GET", "users/1", Set.of("GET"), null))),
                HostileRequests.PER_ENDPOINT,
                DatabaseSnapshot::now);
    }

    /**
     * What Payara answers by itself, before the application sees a request: never a 5xx, never a
     * write. (Not problem+json: no application hook exists at that stage; see docs/services.md, "Errors the server answers itself".)
     */
    @Test
    void malformedTargetsNeverReachTheApplication() {
        String before = DatabaseSnapshot.now();
        for (String target : HostileRequests.MALFORMED_TARGETS) {
            for (String method : List.of("GET", "POST")) {
                Reply reply = RawHttp.send(
                        base.getPort(),
                        new Request(
                                method,
                                base.getPath() + "users/" + target,
                                Map.of("Content-Type", "application/json"),
                                method.equals("POST") ? BATCH.toString().getBytes() : null,
                                "malformed target"));
                System.out.printf(
                        "MALFORMED %s users/%s -> %d %s%n", method, target, reply.status(), reply.contentType());
                assertTrue(reply.status() < 500, () -> method + " users/" + target + ": " + reply);
            }
        }
        assertEquals(before, DatabaseSnapshot.now(), "a malformed request changed the database");
    }

    /**
     * Names of any Unicode text the database stores (every code point but U+0000 and the
     * surrogates, up to the column's 255 characters) come back from GET and from the table
     * exactly as sent.
     */
    @Test
    void storesAndReturnsAnyTextItAcceptsExactly() throws Exception {
        // a blank name is refused, rightly
        List<String> names = HostileRequests.sample(
                HostileRequests.storableText(255).filter(n -> !n.trim().isEmpty()), 100, "names");
        JsonArrayBuilder batch = Json.createArrayBuilder();
        for (int i = 0; i < names.size(); i++) {
            batch.add(Json.createObjectBuilder().add("name", names.get(i)).add("email", "text" + i + "@example.com"));
        }
        HttpReply created =
                new ServiceClient(base).postJson("users", batch.build().toString());
        assertEquals(201, created.status(), created::toString);
        JsonArray ids = created.object().getJsonArray("user_ids");
        try (Connection db = TestCluster.connectAs("userservice");
                PreparedStatement stored = db.prepareStatement("SELECT name FROM users WHERE id = ?")) {
            for (int i = 0; i < names.size(); i++) {
                long id = ids.getJsonNumber(i).longValue();
                HttpReply user = new ServiceClient(base).get("users/" + id);
                assertEquals(names.get(i), user.object().getString("name"), "the name read back over HTTP");
                stored.setLong(1, id);
                try (ResultSet row = stored.executeQuery()) {
                    row.next();
                    assertEquals(names.get(i), row.getString(1), "the name in the table");
                }
            }
        }
    }
}
