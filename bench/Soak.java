import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The soak behind bench/soak (which starts the local run and sets the environment): mixed load on
 * every service for a set time, a schema move every few minutes through the admin API, a restart
 * of the worker that holds the user schema half-way, then a report. Plain JDK, no dependencies;
 * psql, jcmd and the launcher do the rest. Every request goes to 127.0.0.1.
 */
public class Soak {

    /**
     * HTTP/1.1 unless SOAK_HTTP2=1: offered the upgrade to cleartext HTTP/2 (what Java's HttpClient
     * does by default), Payara 6.2025.9 keeps every POST's HTTP/2 stream for good, and the user
     * service ran out of heap after 10 minutes of this soak (docs/known-problems.md).
     */
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version("1".equals(System.getenv("SOAK_HTTP2")) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
            .build();
    static final Map<String, Integer> PORTS = new LinkedHashMap<>();
    static final String REPO = System.getenv("REPO");
    static final String RUN = "soak" + Long.toString(System.currentTimeMillis(), 36) + "-";

    /** A non-2xx answer (or no answer) and when it came. */
    record Failure(Instant at, String call, int status, String body) {
    }

    /** When a fault was injected and until when its effects may last. */
    record Window(String what, Instant from, Instant to) {
        boolean contains(Instant at) {
            return !at.isBefore(from) && !at.isAfter(to);
        }
    }

    static final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    static final List<Window> windows = Collections.synchronizedList(new ArrayList<>());
    static final List<Long> userIds = Collections.synchronizedList(new ArrayList<>());
    static final Map<String, AtomicLong> answered = new ConcurrentHashMap<>();
    static final AtomicLong timeOk = new AtomicLong();
    static final AtomicLong pingOk = new AtomicLong();
    static final AtomicBoolean running = new AtomicBoolean(true);
    static final Map<String, Integer> maxConnections = new ConcurrentHashMap<>();
    static final List<String> events = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        Duration length = Duration.ofMinutes(Long.parseLong(env("SOAK_MINUTES", "30")));
        Duration moveEvery = Duration.ofSeconds(Long.parseLong(env("SOAK_MOVE_EVERY", "240")));
        Duration restartFor = Duration.ofSeconds(Long.parseLong(env("SOAK_RESTART_SECONDS", "20")));
        Duration grace = Duration.ofSeconds(Long.parseLong(env("SOAK_GRACE_SECONDS", "15")));
        for (String line : Files.readAllLines(Path.of(REPO, "server-config/services"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && !f[0].startsWith("#") && !f[0].isEmpty()) {
                PORTS.put(f[0], Integer.parseInt(f[1]));
            }
        }
        log("soak of " + length.toMinutes() + " min: a move every " + moveEvery.toSeconds() + " s, the user schema's worker "
                + "restarted at half time for " + restartFor.toSeconds() + " s; users named " + RUN + "*");
        Map<String, Long> rowsBefore = rowCounts();
        Map<String, String> start = jvms("start");
        sampleConnections();

        Instant begin = Instant.now();
        Instant end = begin.plus(length);
        ExecutorService load = Executors.newFixedThreadPool(4);
        load.submit(() -> loop("POST /users", Soak::postUsers));
        load.submit(() -> loop("GET /users/{id} and a page", Soak::readUsers));
        load.submit(() -> loop("GET /current_time", Soak::currentTime));
        load.submit(() -> loop("POST /ping", Soak::ping));

        String[] schemas = {"userservice", "timeservice", "pingservice"};
        int moves = 0;
        boolean restarted = false;
        Instant nextMove = begin.plus(moveEvery);
        Instant restartAt = begin.plus(length.dividedBy(2));
        Instant nextSample = begin;
        while (Instant.now().isBefore(end)) {
            if (!restarted && Instant.now().isAfter(restartAt)) {
                restartWorker(restartFor, grace);
                restarted = true;
            } else if (Instant.now().isAfter(nextMove)) {
                move(schemas[moves++ % schemas.length]);
                nextMove = Instant.now().plus(moveEvery);
            }
            if (Instant.now().isAfter(nextSample)) {
                sampleConnections();
                nextSample = Instant.now().plus(Duration.ofSeconds(10));
            }
            Thread.sleep(1000);
        }
        running.set(false);
        load.shutdown();
        load.awaitTermination(2, TimeUnit.MINUTES);
        sampleConnections();
        Map<String, String> finish = jvms("end");
        report(length, rowsBefore, start, finish);
    }

    // ---------------------------------------------------------------- the load

    interface Call {
        void run() throws Exception;
    }

    static void loop(String name, Call call) {
        while (running.get()) {
            try {
                call.run();
            } catch (Exception e) {
                failures.add(new Failure(Instant.now(), name, 0, e.toString()));
            }
            sleep(10);
        }
    }

    static HttpResponse<String> send(String role, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORTS.get(role) + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (role.equals("citusadmin")) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    ("operator:" + System.getenv("ADMIN_OPERATOR_PASSWORD")).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        answered.computeIfAbsent(role, r -> new AtomicLong()).incrementAndGet();
        return response;
    }

    static boolean ok(String call, HttpResponse<String> response) {
        if (response.statusCode() / 100 == 2) {
            return true;
        }
        failures.add(new Failure(Instant.now(), call, response.statusCode(), response.body()));
        return false;
    }

    static final AtomicLong batch = new AtomicLong();
    static final Pattern IDS = Pattern.compile("\"user_ids\":\\[([0-9,]*)]");

    static void postUsers() throws Exception {
        long n = batch.incrementAndGet();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 5; i++) {
            body.append(i == 0 ? "" : ",").append("{\"name\":\"").append(RUN).append(n).append('-').append(i)
                    .append("\",\"email\":\"").append(RUN).append(n).append('-').append(i).append("@example.com\"}");
        }
        HttpResponse<String> response = send("userservice", "POST", "/users", body.append(']').toString());
        if (ok("POST /users", response)) {
            Matcher ids = IDS.matcher(response.body());
            if (ids.find()) {
                for (String id : ids.group(1).split(",")) {
                    userIds.add(Long.parseLong(id));
                }
            }
        }
    }

    static void readUsers() throws Exception {
        long id;
        synchronized (userIds) {
            id = userIds.isEmpty() ? 1 : userIds.get(ThreadLocalRandom.current().nextInt(userIds.size()));
        }
        HttpResponse<String> one = send("userservice", "GET", "/users/" + id, null);
        if (one.statusCode() != 404) {
            ok("GET /users/{id}", one);
        }
        ok("GET /users?limit=100", send("userservice", "GET", "/users?limit=100&after=" + Math.max(0, id - 50), null));
    }

    static void currentTime() throws Exception {
        if (ok("GET /current_time", send("timeservice", "GET", "/current_time", null))) {
            timeOk.incrementAndGet();
        }
    }

    static void ping() throws Exception {
        if (ok("POST /ping", send("pingservice", "POST", "/ping", "{\"host\":\"127.0.0.1\",\"count\":1}"))) {
            pingOk.incrementAndGet();
        }
    }

    // ---------------------------------------------------------------- the operations and the fault

    /** Moves the schema to the worker that does not hold it (force_logical: writes go on), then cleans up. */
    static void move(String schema) throws Exception {
        String placement = sql("citusadmin", "SELECT nodename || ' ' || nodeport FROM citus_shards WHERE table_name::text LIKE '"
                + schema + ".%' LIMIT 1").trim();
        String target = sql("citusadmin", "SELECT nodename || ' ' || nodeport FROM pg_dist_node WHERE groupid <> 0 AND "
                + "nodename || ' ' || nodeport <> '" + placement + "' ORDER BY nodeid LIMIT 1").trim();
        String[] to = target.split(" ");
        Instant started = Instant.now();
        HttpResponse<String> moved = send("citusadmin", "POST", "/schemas/" + schema + "/move",
                "{\"host\":\"" + to[0] + "\",\"port\":" + to[1] + ",\"mode\":\"force_logical\"}");
        HttpResponse<String> cleaned = send("citusadmin", "POST", "/cleanup", null);
        event("moved " + schema + " from " + placement + " to " + target + ": " + moved.statusCode() + " in "
                + Duration.between(started, Instant.now()).toMillis() + " ms; cleanup " + cleaned.statusCode());
        if (moved.statusCode() != 200) {
            event("  the move's answer: " + moved.body());
        }
    }

    /** Stops the worker that holds the user schema, starts it again; the window lasts until grace after. */
    static void restartWorker(Duration down, Duration grace) throws Exception {
        String node = sql("citusadmin", "SELECT nodename || ' ' || nodeport FROM citus_shards WHERE table_name::text "
                + "= 'userservice.users' LIMIT 1").trim();
        List<String> workers = List.of(sql("citusadmin", "SELECT nodename || ' ' || nodeport FROM pg_dist_node "
                + "WHERE groupid <> 0 ORDER BY nodeid").trim().split("\n"));
        String name = "worker" + (workers.indexOf(node) + 1);
        Instant from = Instant.now();
        event("stopping " + name + " (" + node + "), which holds the user schema");
        launcher("stop", name);
        sleep(down.toMillis());
        launcher("start");
        Instant back = Instant.now();
        event(name + " started again after " + Duration.between(from, back).toSeconds() + " s");
        windows.add(new Window("restart of " + name, from, back.plus(grace)));
    }

    static void launcher(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(REPO + "/server-config/bin/cluster"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of(env("SOAK_DIR", "/tmp"), "soak-launcher.log").toFile()))
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            event("the launcher failed: cluster " + String.join(" ", args) + " (see soak-launcher.log)");
        }
    }

    // ---------------------------------------------------------------- measuring

    static Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("users", Long.parseLong(sql("userservice", "SELECT count(*) FROM users").trim()));
        rows.put("query_details", Long.parseLong(sql("timeservice", "SELECT count(*) FROM query_details").trim()));
        rows.put("ping_results", Long.parseLong(sql("pingservice", "SELECT count(*) FROM ping_results").trim()));
        return rows;
    }

    /** Per server: its resident memory, and its live heap after a full GC (a class histogram forces one). */
    static Map<String, String> jvms(String when) throws Exception {
        Map<String, String> found = new TreeMap<>();
        for (String role : PORTS.keySet()) {
            Path pidFile = Path.of(REPO, ".local", role + ".pid");
            if (!Files.exists(pidFile)) {
                continue;
            }
            String pid = Files.readString(pidFile).trim();
            String rss = Files.readAllLines(Path.of("/proc", pid, "status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.replaceAll("\\D+", "")).findFirst().orElse("0");
            String histogram = run("jcmd", pid, "GC.class_histogram");
            Matcher total = Pattern.compile("Total\\s+\\d+\\s+(\\d+)").matcher(histogram);
            long heap = total.find() ? Long.parseLong(total.group(1)) : -1;
            found.put(role, String.format("RSS %d MB, heap after full GC %d MB", Long.parseLong(rss) / 1024, heap / (1024 * 1024)));
        }
        return found;
    }

    /** The coordinator's connections per role's pool (ApplicationName), keeping each one's most. */
    static void sampleConnections() {
        try {
            String rows = sql("citusadmin", "SELECT application_name, count(*) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND application_name IN (" + PORTS.keySet().stream()
                    .map(r -> "'" + r + "'").collect(Collectors.joining(",")) + ") GROUP BY 1");
            for (String row : rows.split("\n")) {
                String[] f = row.trim().split("\\|");
                if (f.length == 2) {
                    maxConnections.merge(f[0], Integer.parseInt(f[1]), Math::max);
                    lastConnections.put(f[0], Integer.parseInt(f[1]));
                }
            }
        } catch (Exception e) {
            // the coordinator may be restarting: the next sample counts
        }
    }

    static final Map<String, Integer> lastConnections = new ConcurrentHashMap<>();

    static void report(Duration length, Map<String, Long> rowsBefore, Map<String, String> start, Map<String, String> finish)
            throws Exception {
        System.out.println();
        System.out.println("==== soak report (" + length.toMinutes() + " min) ====");
        events.forEach(e -> System.out.println("event: " + e));
        System.out.println("requests answered: " + answered);
        List<Failure> outside = new ArrayList<>();
        List<Failure> inside = new ArrayList<>();
        for (Failure failure : failures) {
            (windows.stream().anyMatch(w -> w.contains(failure.at())) ? inside : outside).add(failure);
        }
        System.out.println("non-2xx inside the fault windows " + windows + ": " + inside.size() + " " + summary(inside));
        System.out.println("non-2xx OUTSIDE the fault windows (expected 0): " + outside.size());
        outside.stream().limit(20).forEach(f -> System.out.println("  " + f));

        List<Long> acknowledged;
        synchronized (userIds) {
            acknowledged = List.copyOf(userIds);
        }
        // The ids as one array value (a local table joined with a distributed one is refused by Citus).
        String array = acknowledged.stream().map(String::valueOf).collect(Collectors.joining(","));
        String stored = sql("userservice", "SELECT count(*) FROM users WHERE id = ANY ('{" + array + "}'::bigint[])").trim();
        String ours = sql("userservice", "SELECT count(*) FROM users WHERE name LIKE '" + RUN + "%'").trim();
        long lost = acknowledged.size() - Long.parseLong(stored);
        System.out.println("users acknowledged: " + acknowledged.size() + ", stored: " + ours + ", acknowledged but LOST (expected 0): " + lost);
        Map<String, Long> rowsAfter = rowCounts();
        System.out.println("time rows: " + (rowsAfter.get("query_details") - rowsBefore.get("query_details")) + " stored for "
                + timeOk + " acknowledged; ping rows: " + (rowsAfter.get("ping_results") - rowsBefore.get("ping_results"))
                + " stored for " + pingOk + " acknowledged");
        for (String role : start.keySet()) {
            System.out.println(role + ": start " + start.get(role) + "; end " + finish.get(role));
        }
        System.out.println("coordinator connections per pool, most seen: " + new TreeMap<>(maxConnections) + "; at the end: "
                + new TreeMap<>(lastConnections));
    }

    static String summary(List<Failure> failures) {
        Map<String, Integer> counts = new TreeMap<>();
        failures.forEach(f -> counts.merge(f.call() + " " + f.status(), 1, Integer::sum));
        return counts.toString();
    }

    // ---------------------------------------------------------------- tools

    static String sql(String role, String statements) throws Exception {
        ProcessBuilder psql = new ProcessBuilder("psql", "-X", "-q", "-At", "-h", "127.0.0.1", "-p", env("CLUSTER_PORT", "9700"),
                "-U", role, "-d", env("CLUSTER_DB", "citus"), "-v", "ON_ERROR_STOP=1", "-f", "-");
        psql.environment().put("PGPASSWORD", System.getenv(role.toUpperCase() + "_DB_PASSWORD"));
        Process process = psql.redirectErrorStream(true).start();
        process.getOutputStream().write((statements + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("psql as " + role + " failed: " + out);
        }
        return out;
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(2, TimeUnit.MINUTES);
        return out;
    }

    static void event(String what) {
        String line = Instant.now() + " " + what;
        events.add(line);
        log(line);
    }

    static void log(String message) {
        System.out.println("[soak] " + message);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
