package org.citusschemas.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.citusschemas.it.DeployedService;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The user service's HTTP contract, deployed on Payara Micro against the test cluster. */
class UsersIT extends DeployedService {

    private ServiceClient client() {
        return new ServiceClient(base);
    }

    private static long storedUsers() throws Exception {
        return TestCluster.count("userservice", "users");
    }

    private static String user(String name, String email) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
    }

    private void assertProblem(HttpReply reply, int status, String detailMentions) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        JsonObject problem = reply.object();
        assertEquals(status, problem.getInt("status"), reply::toString);
        assertTrue(
                problem.getString("detail").contains(detailMentions),
                () -> "detail should mention '" + detailMentions + "': " + reply);
    }

    @Test
    void createsABatchLikeTheTutorialAndListsIt() throws Exception {
        long before = storedUsers();
        HttpReply created = client().postJson(
                        "users", "[" + user("Alice", "alice@example.com") + "," + user("Bob", "bob@example.com") + "]");

        assertEquals(201, created.status(), created::toString);
        JsonObject body = created.object();
        assertEquals("Users created successfully", body.getString("message"));
        JsonArray ids = body.getJsonArray("user_ids");
        assertEquals(2, ids.size());
        assertEquals(before + 2, storedUsers());

        HttpReply all = client().get("users");
        assertEquals(200, all.status(), all::toString);
        assertTrue(all.contentType().startsWith("application/json"), all::toString);
        JsonObject alice = all.array().stream()
                .map(JsonValue::asJsonObject)
                .filter(u -> u.getJsonNumber("id").longValue()
                        == ids.getJsonNumber(0).longValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError("Alice not listed: " + all));
        assertEquals("Alice", alice.getString("name"));
        assertEquals("alice@example.com", alice.getString("email"));
        assertEquals(before + 2, all.array().size());
    }

    @Test
    void listsEveryUserOnceInIdOrderAcrossTheStreamsPages() throws Exception {
        List<Long> stored = new ArrayList<>();
        for (int b = 0; b < 2; b++) { // two batches of 600: more than two of the stream's pages
            int first = b * 600;
            String batch = IntStream.range(first, first + 600)
                    .mapToObj(i -> user("all" + i, "all" + i + "@example.com"))
                    .collect(Collectors.joining(",", "[", "]"));
            HttpReply created = client().postJson("users", batch);
            assertEquals(201, created.status(), created::toString);
            created.object().getJsonArray("user_ids").forEach(v -> stored.add(((JsonNumber) v).longValue()));
        }

        HttpReply all = client().get("users");

        assertEquals(200, all.status(), () -> all.status() + " " + all.contentType());
        List<Long> listed = all.array().stream()
                .map(u -> u.asJsonObject().getJsonNumber("id").longValue())
                .toList();
        assertEquals(storedUsers(), listed.size(), "every stored user listed (the stream reads 500 per page)");
        for (int i = 1; i < listed.size(); i++) {
            assertTrue(
                    listed.get(i) > listed.get(i - 1),
                    "ids ascending, none twice: " + listed.get(i - 1) + " then " + listed.get(i));
        }
        assertTrue(listed.containsAll(stored), "the batch of 1,200 listed");
    }

    @Test
    void storesTheLargestBatchEachUserUnderTheIdItWasGiven() throws Exception {
        long before = storedUsers();
        int size = 1000; // the documented maximum: several JDBC batches, each rewritten to multi-row INSERTs
        String batch = IntStream.range(0, size)
                .mapToObj(i -> user("max" + i, "max" + i + "@example.com"))
                .collect(Collectors.joining(",", "[", "]"));

        HttpReply created = client().postJson("users", batch);

        assertEquals(201, created.status(), created::toString);
        List<Long> ids = created.object().getJsonArray("user_ids").stream()
                .map(v -> ((JsonNumber) v).longValue())
                .toList();
        assertEquals(size, ids.stream().distinct().count(), "one id per user");
        assertEquals(before + size, storedUsers());
        try (var db = TestCluster.connectAs("userservice");
                var read = db.prepareStatement("SELECT name, email FROM users WHERE id = ?")) {
            for (int i = 0; i < size; i++) {
                read.setLong(1, ids.get(i));
                try (var row = read.executeQuery()) {
                    assertTrue(row.next(), "user " + i + " stored under id " + ids.get(i));
                    assertEquals("max" + i, row.getString(1));
                    assertEquals("max" + i + "@example.com", row.getString(2));
                }
            }
        }
        // A row added with the column's own default (psql, the tutorial's SQL) takes a fresh id.
        try (var db = TestCluster.connectAs("userservice");
                var insert = db.createStatement();
                var row = insert.executeQuery(
                        "INSERT INTO users (name, email) VALUES ('psql', 'psql@example.com') RETURNING id")) {
            assertTrue(row.next());
            assertFalse(ids.contains(row.getLong(1)), "the serial default never reuses an id the service gave");
        }
    }

    @Test
    void streamsEveryUserInIdOrderAcrossManyCursorFetches() throws Exception {
        try (var db = TestCluster.connectAs("userservice");
                var insert = db.createStatement()) {
            insert.executeUpdate("INSERT INTO users (name, email) SELECT 'bulk' || g, 'bulk' || g || '@example.com' "
                    + "FROM generate_series(1, 2345) g");
        }
        long stored = storedUsers();

        HttpReply all = client().get("users");

        assertEquals(200, all.status());
        List<Long> ids = all.array().stream()
                .map(v -> v.asJsonObject().getJsonNumber("id").longValue())
                .toList();
        assertEquals(stored, ids.size(), "every stored user is listed");
        assertEquals(ids.stream().sorted().distinct().toList(), ids, "in id order, each once");
    }

    @Test
    void readsOneUserByIdAndAnswers404ForAnUnknownOne() {
        long id = client().postJson("users", "[" + user("Carol", "carol@example.com") + "]")
                .object()
                .getJsonArray("user_ids")
                .getJsonNumber(0)
                .longValue();

        HttpReply carol = client().get("users/" + id);
        assertEquals(200, carol.status(), carol::toString);
        assertEquals(id, carol.object().getJsonNumber("id").longValue());
        assertEquals("Carol", carol.object().getString("name"));

        assertProblem(client().get("users/999999999"), 404, "999999999");
        assertProblem(client().get("users/abc"), 400, "whole number");
    }

    @Test
    void pagesThroughUsersByKeysetWithANextLink() throws Exception {
        client().postJson(
                        "users",
                        "["
                                + IntStream.range(0, 5)
                                        .mapToObj(i -> user("page" + i, "p" + i + "@example.com"))
                                        .collect(Collectors.joining(","))
                                + "]");
        long total = storedUsers();

        HttpReply first = client().get("users?limit=2");
        assertEquals(200, first.status(), first::toString);
        assertEquals(2, first.array().size());
        String next = first.header("Link").orElseThrow(() -> new AssertionError("no Link: " + first));
        assertTrue(next.contains("rel=\"next\""), next);
        long lastOfFirst = first.array().getJsonObject(1).getJsonNumber("id").longValue();
        assertTrue(next.contains("after=" + lastOfFirst), next);

        HttpReply second = client().get("users?limit=2&after=" + lastOfFirst);
        long firstOfSecond = second.array().getJsonObject(0).getJsonNumber("id").longValue();
        assertTrue(firstOfSecond > lastOfFirst, second::toString);

        HttpReply rest = client().get("users?after=0&limit=1000");
        assertEquals(total, rest.array().size());
        assertFalse(rest.header("Link").isPresent(), "a partial page has no next link");
        List<Long> ids = rest.array().stream()
                .map(v -> v.asJsonObject().getJsonNumber("id").longValue())
                .toList();
        assertEquals(ids.stream().sorted().toList(), ids, "pages are in id order");

        assertProblem(client().get("users?limit=0"), 400, "limit");
        assertProblem(client().get("users?limit=1001"), 400, "limit");
        assertProblem(client().get("users?limit=ten"), 400, "limit must be a whole number");
        assertProblem(client().get("users?after=-1"), 400, "after");
    }

    @Test
    void rejectsBatchWithOneInvalidUserAndWritesNothing() throws Exception {
        long before = storedUsers();
        HttpReply reply = client().postJson(
                        "users", "[" + user("Dave", "dave@example.com") + "," + user("", "erin@example.com") + "]");

        assertProblem(reply, 400, "[1].name");
        assertEquals(
                "[1].name",
                reply.object().getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(before, storedUsers());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON              | [{"name": "x", "email":           | not valid JSON
            an object, not an array     | {"name":"x","email":"x@example.com"} | must be an array, not an object
            an empty array              | []                                | from 1 to 1000 users
            a null element              | [null]                            | [0] must be a user object
            a missing name              | [{"email":"x@example.com"}]       | [0].name
            a blank email               | [{"name":"x","email":"  "}]       | [0].email
            an email that is no email   | [{"name":"x","email":"nope"}]     | [0].email
            """)
    void rejectsBadBodiesWithAProblemAndWritesNothing(String what, String body, String detail) throws Exception {
        long before = storedUsers();
        assertProblem(client().postJson("users", body), 400, detail);
        assertEquals(before, storedUsers(), what + " wrote rows");
    }

    @Test
    void rejectsValuesLongerThanTheColumns() throws Exception {
        long before = storedUsers();
        String longName = "n".repeat(256);
        assertProblem(client().postJson("users", "[" + user(longName, "x@example.com") + "]"), 400, "[0].name");
        assertEquals(before, storedUsers());
        assertEquals(
                201,
                client().postJson("users", "[" + user("n".repeat(255), "x@example.com") + "]")
                        .status(),
                "255 characters fit the column");
    }

    @Test
    void rejectsABatchOverTheMaximum() throws Exception {
        long before = storedUsers();
        String batch = IntStream.range(0, 1001)
                .mapToObj(i -> user("u" + i, "u" + i + "@example.com"))
                .collect(Collectors.joining(",", "[", "]"));
        assertProblem(client().postJson("users", batch), 400, "from 1 to 1000 users");
        assertEquals(before, storedUsers());
    }

    @Test
    void rejectsAWrongContentType() throws Exception {
        long before = storedUsers();
        assertProblem(client().post("users", "text/plain", "[" + user("x", "x@example.com") + "]"), 415, "text/plain");
        assertEquals(before, storedUsers());
    }
}
