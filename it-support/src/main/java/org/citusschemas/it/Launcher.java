package org.citusschemas.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * server-config/bin/cluster for the test run's own cluster: its directory, port and database come
 * from the system properties the build sets, so every call addresses the same cluster.
 */
public final class Launcher {

    private Launcher() {}

    /** Runs the launcher with these arguments (and extra environment); fails with its output unless it succeeds. */
    public static String run(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of(System.getProperty("launcher", "server-config/bin/cluster")));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CLUSTER_DIR", System.getProperty("cluster.dir"));
        builder.environment().put("CLUSTER_PORT", String.valueOf(TestCluster.port()));
        builder.environment().put("CLUSTER_DB", TestCluster.database());
        builder.environment().putAll(TestCluster.launcherEnvironment());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "cluster " + String.join(" ", arguments) + " did not finish in 180 s:\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("cluster " + String.join(" ", arguments) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    public static String run(String... arguments) {
        return run(Map.of(), arguments);
    }
}
