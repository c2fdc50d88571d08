package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.citusschemas.it.CitusRequirement;
import org.citusschemas.it.ClusterMode;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.Prometheus;
import org.citusschemas.it.TestCluster;
import org.citusschemas.it.TestCluster.Node;
import org.citusschemas.it.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster's metrics as a real Prometheus scrapes them (GET /cluster-metrics, logged in as the
 * reader), read back through Prometheus' own query API and held against what the admin API reports:
 * each schema's size, node and pin; each node's health and schema count; the latest rebalance job's
 * id, state and tasks; the audited changes; and, after a schema moved, its new node.
 */
class ClusterMetricsIT extends AdminServer {

    static Prometheus prometheus;
    /** The alerting rules of docs/metrics.md (docs/prometheus/citus-alerts.yml), which Prometheus evaluates here. */
    static final Path ALERTS = Path.of(System.getProperty("user.dir"))
            .resolveSibling("docs")
            .resolve("prometheus")
            .resolve("citus-alerts.yml");
    /** How long a value may take to reach Prometheus: a scrape every 2 s, and a read of the cluster. */
    static final Duration SCRAPED = Duration.ofSeconds(30);

    @BeforeAll
    static void startPrometheus() throws Exception {
        String test = "ClusterMetricsIT";
        CitusRequirement.assumeInstalled(test);
        if (Prometheus.binary() == null) {
            CitusRequirement.skipLoudly(
                    "NEEDS PROMETHEUS",
                    test,
                    "this machine has no Prometheus server "
                            + "(apt-get install prometheus, as .ci/run does, or PROMETHEUS=<binary>).");
        }
        URL admin = new URL(TestServer.root(), "/admin-war/cluster-metrics");
        prometheus = new Prometheus(
                Path.of("target", "prometheus"),
                "citus",
                admin.getHost() + ":" + admin.getPort(),
                admin.getPath(),
                "reader",
                TestCluster.adminPassword("reader"),
                ALERTS);
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    /** Waits until the check holds on what Prometheus has, or fails with the last thing it said. */
    static void eventually(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + SCRAPED.toNanos();
        String last;
        while (true) {
            last = check.failure();
            if (last == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        what + " within " + SCRAPED + ": " + last + "\nPrometheus said:\n" + prometheus.log());
            }
            Thread.sleep(500);
        }
    }

    @FunctionalInterface
    interface Check {
        /** Null when it holds, else what differs. */
        String failure() throws Exception;
    }

    /** metric{label=...} to value, for one label of each series. */
    static Map<String, Double> byLabel(String promql, String label) throws Exception {
        Map<String, Double> values = new HashMap<>();
        for (JsonValue series : prometheus.query(promql)) {
            values.put(
                    series.asJsonObject().getJsonObject("metric").getString(label, ""),
                    Prometheus.value(series.asJsonObject()));
        }
        return values;
    }

    static String differs(Object expected, Object actual) {
        return expected.equals(actual) ? null : "expected " + expected + ", Prometheus has " + actual;
    }

    @Test
    void prometheusScrapesAsTheReaderAndSeesWhatTheApiReports() throws Exception {
        eventually("Prometheus scrapes the admin server", () -> differs(Map.of("citus", 1.0), byLabel("up", "job")));
        HttpReply anonymous = api().get("cluster-metrics");
        assertEquals(401, anonymous.status(), "scraping needs a login: " + anonymous);

        // Each schema: its size and node, as GET /schemas says (read again until both agree: the services may write).
        eventually("every schema's size and node", () -> {
            Map<String, String> api = schemas().stream()
                    .collect(Collectors.toMap(
                            s -> s.getString("name"),
                            s -> s.getJsonNumber("size_bytes").longValue() + "@" + nodeKey(s)));
            Map<String, String> scraped = new HashMap<>();
            for (JsonValue series : prometheus.query("citus_schema_size_bytes")) {
                JsonObject metric = series.asJsonObject().getJsonObject("metric");
                scraped.put(
                        metric.getString("schema"),
                        (long) Prometheus.value(series.asJsonObject()) + "@" + metric.getString("node"));
            }
            return differs(api, scraped);
        });

        // Each node: its health and how many schemas it holds, as GET /nodes and GET /schemas say.
        eventually("every node's health and schema count", () -> {
            Map<String, Double> healthy = new HashMap<>();
            for (JsonValue node : ok(operator().get("nodes")).array()) {
                JsonObject n = node.asJsonObject();
                healthy.put(key(n.getJsonObject("address")), n.getBoolean("healthy") ? 1.0 : 0.0);
            }
            Map<String, Double> counts = schemas().stream()
                    .filter(s -> s.containsKey("node"))
                    .collect(Collectors.groupingBy(ClusterMetricsIT::nodeKey, Collectors.summingDouble(s -> 1.0)));
            String health = differs(healthy, byLabel("citus_node_healthy", "node"));
            Map<String, Double> scrapedCounts = byLabel("citus_node_schemas > 0", "node");
            return health != null ? health : differs(counts, scrapedCounts);
        });

        if (TestCluster.mode() == ClusterMode.MANAGED) {
            return; // no pins there (no superuser for the strategies): ManagedClusterScenarioIT checks the refusal
        }
        // A pin shows, and goes.
        ok(operator().put("schemas/timeservice/pin"));
        try {
            eventually(
                    "the pin",
                    () -> differs(1.0, byLabel("citus_schema_pinned", "schema").get("timeservice")));
        } finally {
            ok(operator().delete("schemas/timeservice/pin"));
        }
        eventually(
                "no pin",
                () -> differs(0.0, byLabel("citus_schema_pinned", "schema").get("timeservice")));
    }

    @Test
    void prometheusFollowsAMoveARebalanceAndTheAuditTrail() throws Exception {
        eventually("Prometheus scrapes the admin server", () -> differs(Map.of("citus", 1.0), byLabel("up", "job")));
        Supplier<Double> movesSucceeded = () -> {
            try {
                return byLabel(
                                "citus_admin_audited_changes_total{operation=\"schema.move\",outcome=\"succeeded\"}",
                                "outcome")
                        .getOrDefault("succeeded", 0.0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        double movedBefore = movesSucceeded.get();
        Map<String, Node> before = placement();

        // Every schema onto one worker: the schema metrics follow each move, and a rebalance has work to do.
        Node to = TestCluster.workers().get(0);
        int moves = 0;
        for (Map.Entry<String, Node> schema : before.entrySet()) {
            if (!schema.getValue().equals(to)) {
                ok(operator().postJson("schemas/" + schema.getKey() + "/move", moveBody(to, "block_writes")));
                moves++;
            }
        }
        int moved = moves;
        String where = to.host() + ":" + to.port();
        eventually(
                "every schema on " + where,
                () -> differs(
                        before.keySet().stream().collect(Collectors.toMap(s -> s, s -> where)),
                        prometheus.query("citus_schema_size_bytes").stream()
                                .map(JsonValue::asJsonObject)
                                .filter(s -> before.containsKey(
                                        s.getJsonObject("metric").getString("schema")))
                                .collect(Collectors.toMap(
                                        s -> s.getJsonObject("metric").getString("schema"),
                                        s -> s.getJsonObject("metric").getString("node")))));
        eventually("the audited moves", () -> differs(movedBefore + moved, movesSucceeded.get()));
        // The documented rule for a node that holds too much takes notice (pending: it fires after 15 minutes).
        eventually(
                "the alert for a node that holds too much",
                () -> differs(
                        Map.of(where, "pending"),
                        prometheus.query("ALERTS{alertname=\"CitusNodeHoldsTooMuch\"}").stream()
                                .map(JsonValue::asJsonObject)
                                .collect(Collectors.toMap(
                                        a -> a.getJsonObject("metric").getString("node"),
                                        a -> a.getJsonObject("metric").getString("alertstate")))));
        eventually("the unevenness the console shows", () -> {
            double total = schemas().stream()
                    .mapToDouble(s -> s.getJsonNumber("size_bytes").doubleValue())
                    .sum();
            Double uneven = byLabel("citus_cluster_uneven_bytes", "").get("");
            return uneven != null && Math.abs(uneven - total) < 1e-3
                    ? null
                    : "expected " + total + ", Prometheus has " + uneven;
        });

        HttpReply started =
                operator().postJson("rebalance", "{\"strategy\":\"by_shard_count\",\"mode\":\"block_writes\"}");
        assertEquals(202, started.status(), started::toString);
        long job = started.object().getJsonNumber("job_id").longValue();
        JsonObject ended = awaitJob(job, Duration.ofMinutes(3));
        assertEquals("finished", ended.getString("state"), ended::toString);
        JsonArray tasks = ended.getJsonArray("tasks");
        long done = tasks.stream()
                .filter(t -> "done".equals(t.asJsonObject().getString("status")))
                .count();
        eventually("the rebalance job", () -> {
            Map<String, Double> scraped = new HashMap<>(byLabel("citus_rebalance_state == 1", "state"));
            scraped.put("job_id", byLabel("citus_rebalance_job_id", "").get(""));
            scraped.put("tasks", byLabel("citus_rebalance_tasks", "").get(""));
            scraped.put("tasks_done", byLabel("citus_rebalance_tasks_done", "").get(""));
            return differs(
                    Map.of(
                            "finished",
                            1.0,
                            "job_id",
                            (double) job,
                            "tasks",
                            (double) tasks.size(),
                            "tasks_done",
                            (double) done),
                    scraped);
        });
        assertTrue(done > 0, ended::toString);
        eventually("every alerting rule evaluates", () -> {
            List<String> rules = prometheus.rules().stream()
                    .map(JsonValue::asJsonObject)
                    .map(r -> r.getString("name") + "=" + r.getString("health"))
                    .sorted()
                    .toList();
            return differs(List.of("CitusNodeHoldsTooMuch=ok", "CitusRebalanceFailed=ok"), rules);
        });
        assertTrue(
                prometheus.query("ALERTS{alertname=\"CitusRebalanceFailed\"}").isEmpty(), "the job finished");

        // Back where they were.
        for (Map.Entry<String, Node> schema : before.entrySet()) {
            if (!placement().get(schema.getKey()).equals(schema.getValue())) {
                ok(operator()
                        .postJson("schemas/" + schema.getKey() + "/move", moveBody(schema.getValue(), "block_writes")));
            }
        }
    }

    List<JsonObject> schemas() {
        return ok(operator().get("schemas")).array().stream()
                .map(JsonValue::asJsonObject)
                .toList();
    }

    static String nodeKey(JsonObject schema) {
        return schema.containsKey("node") ? key(schema.getJsonObject("node")) : "";
    }

    static String key(JsonObject address) {
        return address.getString("host") + ":" + address.getInt("port");
    }
}
