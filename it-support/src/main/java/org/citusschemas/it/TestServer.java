package org.citusschemas.it;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The test run's Payara Micro: the module's built WAR (and, for admin-war, the services' WARs beside
 * it: {@code micro.extra.options}), each at its WAR's name as Arquillian deployed it, started at its
 * first use and stopped when the test session ends, after the last test class. Every test class of
 * the module talks to this one server, as a service's clients would, instead of a server started
 * anew for each class (10 to 30 s each). The in-container tests still deploy through Arquillian.
 */
public final class TestServer {

    /**
     * JVM options of the test server besides the project's (server-config/micro.properties) and the
     * module's ({@code micro.test.jvm.options}): an IPv4 name for itself, and, since every
     * test comes from 127.0.0.1 and the hostile ones send wrong passwords by the hundred, the admin
     * API's lock of an address after failed logins raised so far that it never refuses a later test
     * (LoginThrottleIT tests the lock on a server of its own).
     */
    private static final List<String> JVM_OPTIONS =
            List.of("-Djava.net.preferIPv4Stack=true", "-Dadmin.login.max-failures-per-address=1000000");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static SeparateMicro server;

    private TestServer() {}

    /** Where the module's WAR answers: {@code http://127.0.0.1:<port>/<war name>/}. Starts the server on first use. */
    public static synchronized URL war() {
        File war = ServiceWar.file();
        try {
            return new URL(root(), war.getName().replaceFirst("\\.war$", "") + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The server's root. Starts it on first use; a server that exited since is a failure to report,
     * not one to replace silently.
     */
    public static synchronized URL root() {
        if (server == null) {
            server = start();
        } else if (!server.isAlive()) {
            throw new IllegalStateException("The test server exited during the run; see " + server.logFile());
        }
        return server.root();
    }

    /** The process id of the module's test server (started by then). */
    public static synchronized long pid() {
        root();
        return server.pid();
    }

    private static SeparateMicro start() {
        String war = ServiceWar.file().getPath();
        List<String> options = new ArrayList<>(List.of("--deploy", war));
        options.addAll(SeparateMicro.options("micro.extra.options"));
        List<String> jvm = new ArrayList<>(SeparateMicro.options("micro.test.jvm.options"));
        jvm.addAll(JVM_OPTIONS);
        // A module's second run (admin-it's managed-cluster) shares the cluster directory: a log of its own.
        String name = Boolean.getBoolean("cluster.managed") ? "test-server-managed" : "test-server";
        SeparateMicro started = SeparateMicro.launch(name, jvm, options);
        try {
            started.awaitReady(START_TIMEOUT);
            awaitDeployments(started);
            return started;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the test server started", e);
        } catch (RuntimeException | AssertionError e) {
            close(started);
            throw e;
        }
    }

    /**
     * Micro says it is ready even when a deployment failed: each role's database readiness check
     * answers only once its WAR is deployed.
     */
    private static void awaitDeployments(SeparateMicro started) throws InterruptedException {
        List<String> checks = Arrays.stream(
                        System.getProperty("post.boot.roles", "").split(","))
                .filter(role -> !role.isBlank())
                .map(role -> "\"" + role.trim() + "-database\"")
                .toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String health = "";
        while (System.nanoTime() < deadline) {
            HttpReply reply = new ServiceClient(started.root()).get("health/ready");
            health = reply.body();
            String seen = health;
            if (checks.stream().allMatch(seen::contains)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "The test server answers, but not every application is deployed: /health/ready says " + health
                        + "; see " + started.logFile());
    }

    /** Stops the server, if one was started (the test session's end). */
    static synchronized void stop() {
        if (server != null) {
            close(server);
            server = null;
        }
    }

    private static void close(SeparateMicro micro) {
        try {
            micro.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
