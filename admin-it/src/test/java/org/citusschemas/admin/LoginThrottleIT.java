package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.SeparateMicro;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The login throttle, on an admin API server of its own (the shared test server lets an address
 * fail a million times): 3 failures lock a user name, 6 an address, for a window of 4 s. Logins
 * are checked on {@code GET /session}, which needs no database.
 */
class LoginThrottleIT {

    static final int WINDOW_SECONDS = 4;
    static SeparateMicro micro;
    static ServiceClient api;

    @BeforeAll
    static void start() throws InterruptedException {
        micro = SeparateMicro.start(
                        System.getProperty("service.war"),
                        "throttled-admin",
                        List.of(
                                "-Dadmin.login.max-failures-per-user=3",
                                "-Dadmin.login.max-failures-per-address=6",
                                "-Dadmin.login.window-seconds=" + WINDOW_SECONDS))
                .awaitReady(Duration.ofMinutes(3));
        api = micro.client();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (micro != null) {
            micro.close();
        }
    }

    /** Each test starts with no failure counted and nothing locked. */
    @AfterEach
    void letTheWindowPass() throws InterruptedException {
        Thread.sleep(WINDOW_SECONDS * 1000L + 500);
    }

    static HttpReply basic(String user, String password) {
        return api.as(user, password).get("session");
    }

    static HttpReply page(String user, String password) {
        return api.postJson("session", "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    static void assertLoggedIn(String user, HttpReply reply) {
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(user, reply.object().getString("user"), reply::toString);
    }

    static long assertLocked(HttpReply reply) {
        assertEquals(429, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertTrue(reply.object().getString("detail").startsWith("Too many failed logins"), reply::toString);
        assertEquals(
                "DENY", reply.header("X-Frame-Options").orElse(""), "the security headers are there too: " + reply);
        long retryAfter = Long.parseLong(reply.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= WINDOW_SECONDS, reply::toString);
        return retryAfter;
    }

    @Test
    void aUserNameThatFailsThreeTimesIsRefusedEvenWithItsPasswordUntilTheWindowEnds() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertEquals(401, basic("reader", "wrong-password-" + i).status());
        }
        long retryAfter = assertLocked(basic("reader", TestCluster.adminPassword("reader")));
        assertLoggedIn("operator", basic("operator", TestCluster.adminPassword("operator")));
        Thread.sleep(retryAfter * 1000 + 200);
        assertLoggedIn("reader", basic("reader", TestCluster.adminPassword("reader")));
    }

    @Test
    void aSuccessfulLoginIsNotSlowedAndClearsItsUserNamesCount() {
        for (int round = 0; round < 2; round++) {
            assertEquals(401, basic("reader", "wrong-password-a").status());
            assertEquals(401, basic("reader", "wrong-password-b").status());
            assertLoggedIn("reader", basic("reader", TestCluster.adminPassword("reader")));
        }
    }

    @Test
    void anAddressThatFailsSixTimesIsRefusedForEveryUserAndOnThePage() throws Exception {
        for (int i = 1; i <= 6; i++) {
            assertEquals(401, basic("nobody" + i, "wrong-password-" + i).status());
        }
        assertLocked(basic("operator", TestCluster.adminPassword("operator")));
        long retryAfter = assertLocked(page("operator", TestCluster.adminPassword("operator")));
        Thread.sleep(retryAfter * 1000 + 200);
        assertLoggedIn("operator", page("operator", TestCluster.adminPassword("operator")));
    }

    @Test
    void theConsolesLoginFormIsThrottledLikeBasic() {
        for (int i = 1; i <= 3; i++) {
            assertEquals(401, page("reader", "wrong-password-" + i).status());
        }
        assertLocked(page("reader", TestCluster.adminPassword("reader")));
        assertLocked(basic("reader", TestCluster.adminPassword("reader")));
    }

    @Test
    void logsEveryFailureAndEveryLockButNoPassword() {
        for (int i = 1; i <= 3; i++) {
            basic("operator", "wrong-password-logged-" + i);
        }
        assertLocked(basic("operator", TestCluster.adminPassword("operator")));
        String log = micro.log();
        assertTrue(log.contains("Failed login for user 'operator' from 127.0.0.1"), "each failure is logged");
        assertTrue(log.contains("Locked the logins of user 'operator'"), "the lock is logged");
        for (String secret : List.of(
                "wrong-password-logged-1",
                TestCluster.adminPassword("operator"),
                TestCluster.adminPassword("reader"))) {
            assertFalse(log.contains(secret), "no password in the log");
        }
    }
}
