package org.citusschemas.ping.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system's {@code ping} (up to 4 echo requests, 4 by default as in the tutorial's
 * service) with a hard deadline, and returns what it printed, success or not. The host is passed as one argument, never
 * through a shell, and must already be checked ({@code boundary.HostName}).
 */
@ApplicationScoped
public class Pinger {

    /** ping's own deadline (-w), in seconds: it stops sending and waiting for replies then. */
    static final int DEADLINE_SECONDS = 5;
    /** Ours, a little later, for a ping that does not stop by itself (a slow name lookup). */
    static final long KILL_AFTER_MILLIS = 8_000;
    /** More output than a few echo requests print is not kept. */
    static final int MAX_OUTPUT = 16 * 1024;

    public String ping(String host, int count) {
        List<String> command =
                List.of("ping", "-c", String.valueOf(count), "-w", String.valueOf(DEADLINE_SECONDS), host);
        Path output = null;
        try {
            // A file, not a pipe: ping can never block on a full pipe while we wait for it.
            output = Files.createTempFile("ping-", ".out");
            Process process =
                    start(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()));
            process.getOutputStream().close();
            String stopped = "";
            if (!process.waitFor(KILL_AFTER_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
                stopped = "\nping did not finish within " + KILL_AFTER_MILLIS / 1000 + " s and was stopped\n";
            }
            try (InputStream printed = Files.newInputStream(output)) {
                return new String(printed.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8) + stopped;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while pinging " + host, e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new PingUnavailableException("This server cannot run ping: " + e.getMessage(), e);
        }
    }
}
