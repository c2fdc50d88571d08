package org.citusschemas.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.citusschemas.it.DeployedService;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.SeparateMicro;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.ServiceWar;
import org.citusschemas.it.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * Safe retries of {@code POST /users} with an {@code Idempotency-Key}, counted in the database: the
 * same key and users store once and answer the first ids, whether the tries come one after another,
 * all at once, or around a restart of the service; other users under the same key are a 422 that
 * stores nothing; a key past its lifetime stores again; malformed keys are a 400.
 */
class IdempotencyIT extends DeployedService {

    private ServiceClient client() {
        return new ServiceClient(base);
    }

    /** A batch of users whose names start with a marker of their own, so that the test can count them. */
    private static String batch(String marker, int size, String spacing) {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            users.add("{\"name\":" + spacing + "\"" + marker + "-" + i + "\"," + spacing + "\"email\":\"" + marker + i
                    + "@example.com\"}");
        }
        return "[" + String.join("," + spacing, users) + "]";
    }

    private static String marker() {
        return "idem-" + UUID.randomUUID();
    }

    private static HttpReply post(ServiceClient client, String key, String body) {
        return client.send(
                "POST", "users", "application/json", body, key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    /** Users stored under a marker, and rows of the key table for a key, as the database says. */
    private static long count(String sql, String value) throws SQLException {
        try (Connection users = TestCluster.connectAs("userservice");
                PreparedStatement query = users.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static long stored(String marker) throws SQLException {
        return count("SELECT count(*) FROM users WHERE name LIKE ? || '-%'", marker);
    }

    private static long keys(String key) throws SQLException {
        return count("SELECT count(*) FROM idempotency_keys WHERE key = ?", key);
    }

    private static JsonArray ids(HttpReply reply) {
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getJsonArray("user_ids");
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheFirstIdsAndStoresNothing() throws Exception {
        String marker = marker();
        String key = UUID.randomUUID().toString();
        HttpReply first = post(client(), "\"" + key + "\"", batch(marker, 3, ""));
        assertFalse(first.header("Idempotent-Replayed").isPresent(), first::toString);
        JsonArray stored = ids(first);
        assertEquals(3, stored.size());

        // The same users with other spacing, and the key bare instead of quoted: the same request.
        HttpReply again = post(client(), key, batch(marker, 3, " "));
        assertEquals(stored, ids(again));
        assertEquals("true", again.header("Idempotent-Replayed").orElse(null), again::toString);
        assertEquals(3, stored(marker), "stored once");
        assertEquals(1, keys(key));

        // Without a key, the same users are stored again (as before keys existed).
        ids(post(client(), null, batch(marker, 3, "")));
        assertEquals(6, stored(marker));
    }

    @Test
    void theSameKeyWithOtherUsersIsA422ThatStoresNothing() throws Exception {
        String marker = marker();
        String key = UUID.randomUUID().toString();
        JsonArray stored = ids(post(client(), key, batch(marker, 2, "")));
        HttpReply other = post(client(), key, batch(marker, 3, ""));
        assertEquals(422, other.status(), other::toString);
        assertTrue(other.contentType().startsWith("application/problem+json"), other::toString);
        assertTrue(
                other.object().getString("detail").contains("used by an earlier request with other users"),
                other::toString);
        assertEquals(2, stored(marker), "nothing stored");
        assertEquals(stored, ids(post(client(), key, batch(marker, 2, ""))), "the first answer still stands");
    }

    @Test
    void concurrentDuplicatesStoreOnceAndAllGetTheSameIds() throws Exception {
        String marker = marker();
        String key = UUID.randomUUID().toString();
        String body = batch(marker, 200, "");
        int tries = 8;
        ExecutorService pool = Executors.newFixedThreadPool(tries);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpReply>> replies = new ArrayList<>();
            for (int i = 0; i < tries; i++) {
                Callable<HttpReply> send = () -> {
                    start.await();
                    return post(client(), key, body);
                };
                replies.add(pool.submit(send));
            }
            start.countDown();
            List<JsonArray> answers = new ArrayList<>();
            int replayed = 0;
            for (Future<HttpReply> reply : replies) {
                HttpReply answer = reply.get();
                answers.add(ids(answer));
                replayed += answer.header("Idempotent-Replayed").isPresent() ? 1 : 0;
            }
            assertTrue(
                    answers.stream().allMatch(answers.get(0)::equals), () -> "every try got the same ids: " + answers);
            assertEquals(tries - 1, replayed, "one try stored, the others replayed it");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, stored(marker), "stored once");
        assertEquals(1, keys(key));
    }

    @Test
    void aKeyPastItsLifetimeStoresAgain() throws Exception {
        String marker = marker();
        String key = UUID.randomUUID().toString();
        JsonArray first = ids(post(client(), key, batch(marker, 1, "")));
        try (Connection users = TestCluster.connectAs("userservice");
                PreparedStatement age = users.prepareStatement(
                        "UPDATE idempotency_keys SET created_at = now() - interval '24 hours 1 minute' WHERE key = ?")) {
            age.setString(1, key);
            assertEquals(1, age.executeUpdate());
        }
        HttpReply later = post(client(), key, batch(marker, 1, ""));
        assertFalse(later.header("Idempotent-Replayed").isPresent(), later::toString);
        assertFalse(first.equals(ids(later)), "new ids");
        assertEquals(2, stored(marker));
        assertEquals(1, keys(key), "the key stands for the new request now");
    }

    @Test
    void malformedKeysAreA400ThatStoresNothing() throws Exception {
        String marker = marker();
        for (String key : List.of(
                "\"\"", "\"unterminated", "two words", "\"" + "k".repeat(256) + "\"", "\"a\"b\"", "\"back\\slash\"")) {
            HttpReply refused = post(client(), key, batch(marker, 1, ""));
            assertEquals(400, refused.status(), () -> key + ": " + refused);
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused::toString);
            assertTrue(refused.object().getString("detail").contains("Idempotency-Key"), refused::toString);
        }
        assertEquals(0, stored(marker));
    }

    @Test
    void aRestartOfTheServiceBetweenTwoTriesChangesNothing() throws Exception {
        String marker = marker();
        String key = UUID.randomUUID().toString();
        String body = batch(marker, 5, "");
        JsonArray first;
        try (SeparateMicro service = SeparateMicro.start(ServiceWar.file().getPath(), "idempotent-before", List.of())) {
            service.awaitReady(Duration.ofMinutes(3));
            first = ids(post(service.client(), key, body));
            service.kill();
        }
        try (SeparateMicro restarted =
                SeparateMicro.start(ServiceWar.file().getPath(), "idempotent-after", List.of())) {
            restarted.awaitReady(Duration.ofMinutes(3));
            HttpReply again = post(restarted.client(), key, body);
            assertEquals(first, ids(again));
            assertEquals("true", again.header("Idempotent-Replayed").orElse(null), again::toString);
        }
        assertEquals(5, stored(marker), "stored once");
        assertEquals(1, keys(key));
    }
}
