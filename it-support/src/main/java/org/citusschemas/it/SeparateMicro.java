package org.citusschemas.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro of a test's own, beside the one Arquillian runs: one WAR at the root of a free
 * port, with the test run's post-boot and pre-boot files (so the same pools, users and listener),
 * and JVM options of its own (a setting the shared server must not have). Its log is a file under
 * the test cluster's directory.
 */
public final class SeparateMicro implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private SeparateMicro(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the WAR; {@link #awaitReady} waits for it. */
    public static SeparateMicro start(String war, String name, List<String> jvmOptions) {
        return start(war, name, jvmOptions, List.of());
    }

    /** Starts the WAR with Payara Micro options besides the usual ({@code --sslport}). */
    public static SeparateMicro start(String war, String name, List<String> jvmOptions, List<String> microOptions) {
        List<String> options = new ArrayList<>(List.of("--deploy", war, "--contextroot", "/"));
        options.addAll(microOptions);
        return launch(name, jvmOptions, options);
    }

    /**
     * Starts a Micro with the test run's pools and listener, the given options (its {@code --deploy}s
     * among them) and an HTTP port of its own.
     */
    static SeparateMicro launch(String name, List<String> jvmOptions, List<String> microOptions) {
        try {
            int port = freePort();
            Path log = Path.of(System.getProperty("cluster.dir"), name + ".log");
            List<String> command =
                    new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath()));
            // The project's options for every Micro (server-config/micro.properties), then the test's own.
            command.addAll(options("micro.jvm.options"));
            command.addAll(jvmOptions);
            command.addAll(List.of(
                    "-jar",
                    System.getProperty("payara.micro.jar"),
                    "--port",
                    String.valueOf(port),
                    "--addlibs",
                    System.getProperty("postgresql.jar"),
                    "--postbootcommandfile",
                    System.getProperty("post.boot.file"),
                    "--prebootcommandfile",
                    System.getProperty("pre.boot.file"),
                    "--nohazelcast",
                    "--disablephonehome"));
            command.addAll(microOptions);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new SeparateMicro(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until Micro says it is ready: its HTTP port answers before the application is loaded
     * (404, then 500 while it loads).
     */
    public SeparateMicro awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log().contains(" ready in ")) {
            assertTrue(process.isAlive(), "Payara Micro exited; see " + log);
            assertTrue(System.nanoTime() < deadline, "Payara Micro was not ready within " + timeout + "; see " + log);
            Thread.sleep(250);
        }
        return this;
    }

    /** The options a system property lists, separated by white space (none when it is unset or blank). */
    static List<String> options(String property) {
        return Arrays.stream(System.getProperty(property, "").split("\\s+"))
                .filter(option -> !option.isEmpty())
                .toList();
    }

    /** A port nothing listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** Where it listens: {@code http://127.0.0.1:<port>/}. */
    public URL root() {
        try {
            return URI.create("http://127.0.0.1:" + port + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Its process id, to look at what it listens on. */
    public long pid() {
        return process.pid();
    }

    /** Whether its process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** A client of the WAR at the root. */
    public ServiceClient client() {
        try {
            return new ServiceClient(
                    URI.create("http://127.0.0.1:" + port + "/").toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where it writes its log. */
    public Path logFile() {
        return log;
    }

    /** What it has written so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the server as a crash would (SIGKILL): no shutdown, nothing finished or flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "Payara Micro did not die of SIGKILL");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
