package org.citusschemas.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, or the binary {@code PROMETHEUS}
 * names) on a loopback port of its own, scraping one target every 2 seconds, and its query API.
 */
public final class Prometheus implements AutoCloseable {

    private final Process process;
    private final URI base;
    private final Path dir;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The Prometheus binary of this machine, or null. */
    public static Path binary() {
        String asked = System.getenv("PROMETHEUS");
        if (asked != null && !asked.isBlank()) {
            return Files.isExecutable(Path.of(asked)) ? Path.of(asked) : null;
        }
        for (String candidate : List.of("/usr/bin/prometheus", "/usr/local/bin/prometheus")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /**
     * Starts Prometheus with one scrape job ({@code job}) for {@code target} (host:port) at
     * {@code metricsPath}, logging in with HTTP Basic as {@code user} (the password from a file of
     * mode 600, as a deployment would keep it), and evaluating the alerting rules of {@code rules}
     * (a rule file, or null) every 2 seconds.
     */
    public Prometheus(Path dir, String job, String target, String metricsPath, String user, String password, Path rules)
            throws IOException, InterruptedException {
        Path binary = binary();
        if (binary == null) {
            throw new IllegalStateException(
                    "no Prometheus on this machine (apt-get install prometheus, or PROMETHEUS=<binary>)");
        }
        this.dir = Files.createDirectories(dir.toAbsolutePath());
        // A fresh time series database: an earlier run's series (its Prometheus killed, so never marked stale)
        // would otherwise answer queries for five minutes beside this run's.
        Path data = this.dir.resolve("data");
        if (Files.exists(data)) {
            try (java.util.stream.Stream<Path> old = Files.walk(data)) {
                for (Path file : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Path passwordFile = this.dir.resolve("scrape.password");
        Files.writeString(passwordFile, password);
        Files.setPosixFilePermissions(
                passwordFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path config = this.dir.resolve("prometheus.yml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "global:",
                        "  scrape_interval: 2s",
                        "  scrape_timeout: 2s",
                        "  evaluation_interval: 2s",
                        rules == null ? "" : "rule_files: ['" + rules.toAbsolutePath() + "']",
                        "scrape_configs:",
                        "  - job_name: " + job,
                        "    metrics_path: " + metricsPath,
                        "    basic_auth:",
                        "      username: " + user,
                        "      password_file: " + passwordFile,
                        "    static_configs:",
                        "      - targets: ['" + target + "']",
                        ""));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        base = URI.create("http://127.0.0.1:" + port + "/");
        process = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + this.dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(this.dir.resolve("prometheus.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(base.resolve("-/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("Prometheus did not become ready:\n" + log());
            }
            Thread.sleep(200);
        }
    }

    /** What Prometheus logged, and what it says of its target's last scrape. */
    public String log() throws IOException, InterruptedException {
        String targets;
        try {
            targets = http.send(
                            HttpRequest.newBuilder(base.resolve("api/v1/targets"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            targets = "(no answer: " + e.getMessage() + ")";
        }
        return Files.readString(dir.resolve("prometheus.log")) + "\ntargets: " + targets;
    }

    /** An instant query through Prometheus' HTTP API: its result vector (each with metric and value). */
    public JsonArray query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> reply = http.send(
                HttpRequest.newBuilder(
                                base.resolve("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        try (JsonReader reader = Json.createReader(new StringReader(reply.body()))) {
            JsonObject answer = reader.readObject();
            if (!"success".equals(answer.getString("status", ""))) {
                throw new IllegalStateException("query " + promql + " failed: " + reply.body());
            }
            return answer.getJsonObject("data").getJsonArray("result");
        }
    }

    /** The alerting and recording rules Prometheus loaded, each with its health and last error. */
    public JsonArray rules() throws IOException, InterruptedException {
        HttpResponse<String> reply = http.send(
                HttpRequest.newBuilder(base.resolve("api/v1/rules")).build(), HttpResponse.BodyHandlers.ofString());
        try (JsonReader reader = Json.createReader(new StringReader(reply.body()))) {
            jakarta.json.JsonArrayBuilder all = Json.createArrayBuilder();
            for (jakarta.json.JsonValue group :
                    reader.readObject().getJsonObject("data").getJsonArray("groups")) {
                group.asJsonObject().getJsonArray("rules").forEach(all::add);
            }
            return all.build();
        }
    }

    /** The value of a one-series result, as a number. */
    public static double value(JsonObject series) {
        return Double.parseDouble(series.getJsonArray("value").getString(1));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
