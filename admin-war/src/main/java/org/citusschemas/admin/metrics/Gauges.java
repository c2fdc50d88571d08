package org.citusschemas.admin.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citusschemas.admin.activity.Activity;
import org.citusschemas.admin.audit.AuditTrail.OutcomeCount;
import org.citusschemas.admin.nodes.Node;
import org.citusschemas.admin.rebalance.RebalanceJob;
import org.citusschemas.admin.schemas.DistributedSchema;

/** The metrics of one scrape, built from what it read: a method per subject, in Prometheus' model. */
final class Gauges {

    /** The states Citus gives a background job (citus_job_status). */
    static final List<String> JOB_STATES =
            List.of("scheduled", "running", "finished", "cancelling", "cancelled", "failing", "failed");

    private Gauges() {}

    static void schemaMetrics(List<DistributedSchema> schemas, List<MetricSnapshot> metrics) {
        metrics.add(gauge(
                "citus_schema_size_bytes",
                "Size of a distributed schema's tables, as GET /schemas reports it",
                Unit.BYTES,
                schemas.stream().map(s -> point(s.sizeBytes(), schemaLabels(s))).toList()));
        metrics.add(gauge(
                "citus_schema_pinned",
                "1 when the schema is pinned to its node (PUT /schemas/{name}/pin)",
                null,
                schemas.stream()
                        .map(s -> point(s.pin() == null ? 0 : 1, schemaLabels(s)))
                        .toList()));
    }

    static void activityMetrics(Activity activity, List<MetricSnapshot> metrics) {
        metrics.add(gauge(
                "citus_schema_queries_per_second",
                "Queries per second on the schema over Citus' last and "
                        + "current tenant statistics period (citus_stat_tenants), as GET /activity reports it",
                null,
                activity.schemas().stream()
                        .map(a -> point(a.queriesPerSecond(), Labels.of("schema", a.schema())))
                        .toList()));
        metrics.add(gauge(
                "citus_schema_cpu_share",
                "CPU seconds per second the schema's queries took on the nodes, "
                        + "over the same window (1 = one core busy)",
                null,
                activity.schemas().stream()
                        .map(a -> point(a.cpuShare(), Labels.of("schema", a.schema())))
                        .toList()));
    }

    static void nodeMetrics(List<Node> nodes, List<MetricSnapshot> metrics) {
        metrics.add(gauge(
                "citus_node_size_bytes",
                "Size of every shard on the node (reference tables included)",
                Unit.BYTES,
                nodes.stream().map(n -> point(n.sizeBytes(), nodeLabels(n))).toList()));
        metrics.add(gauge(
                "citus_node_healthy",
                "1 when the coordinator reaches the node, 0 when it does not",
                null,
                nodes.stream()
                        .filter(n -> n.healthy() != null)
                        .map(n -> point(n.healthy() ? 1 : 0, nodeLabels(n)))
                        .toList()));
        metrics.add(gauge(
                "citus_node_takes_schemas",
                "1 for an active primary that should have shards (a rebalance "
                        + "places schemas there), 0 for the coordinator and drained or inactive nodes",
                null,
                nodes.stream()
                        .map(n -> point(takesSchemas(n) ? 1 : 0, nodeLabels(n)))
                        .toList()));
    }

    static void auditMetrics(List<OutcomeCount> outcomes, List<MetricSnapshot> metrics) {
        CounterSnapshot.Builder changes = CounterSnapshot.builder()
                .name("citus_admin_audited_changes")
                .help("Requests that change the cluster, as the audit trail recorded them (GET /audit), by operation "
                        + "and outcome: succeeded, refused (4xx), failed (5xx), unknown (no outcome recorded)");
        outcomes.forEach(o -> changes.dataPoint(CounterDataPointSnapshot.builder()
                .value(o.count())
                .labels(Labels.of("operation", o.operation(), "outcome", o.outcome()))
                .build()));
        metrics.add(changes.build());
    }

    /**
     * Per node that takes schemas, the bytes of the distributed schemas on it, their count and its
     * share of all; and the cluster's unevenness, the fullest such node's bytes less the emptiest's,
     * as the console's map reports it.
     */
    static void balance(List<DistributedSchema> schemas, List<Node> nodes, List<MetricSnapshot> metrics) {
        Map<Node, long[]> held = new LinkedHashMap<>(); // bytes, schemas
        nodes.stream().filter(Gauges::takesSchemas).forEach(n -> held.put(n, new long[2]));
        for (DistributedSchema schema : schemas) {
            nodes.stream()
                    .filter(n -> n.address().equals(schema.node()))
                    .findFirst()
                    .ifPresent(n -> {
                        long[] totals = held.computeIfAbsent(n, x -> new long[2]);
                        totals[0] += schema.sizeBytes();
                        totals[1]++;
                    });
        }
        long all = held.values().stream().mapToLong(t -> t[0]).sum();
        metrics.add(gauge(
                "citus_node_schema_bytes",
                "Bytes of the distributed schemas on the node",
                Unit.BYTES,
                held.entrySet().stream()
                        .map(e -> point(e.getValue()[0], nodeLabels(e.getKey())))
                        .toList()));
        metrics.add(gauge(
                "citus_node_schemas",
                "Distributed schemas on the node",
                null,
                held.entrySet().stream()
                        .map(e -> point(e.getValue()[1], nodeLabels(e.getKey())))
                        .toList()));
        metrics.add(gauge(
                "citus_node_schema_share",
                "The node's share of all distributed schemas' bytes (0 to 1)",
                null,
                held.entrySet().stream()
                        .filter(e -> all > 0)
                        .map(e -> point((double) e.getValue()[0] / all, nodeLabels(e.getKey())))
                        .toList()));
        List<Long> holders = held.entrySet().stream()
                .filter(e -> takesSchemas(e.getKey()))
                .map(e -> e.getValue()[0])
                .toList();
        if (holders.size() > 1) {
            long most = holders.stream().mapToLong(Long::longValue).max().orElse(0);
            long least = holders.stream().mapToLong(Long::longValue).min().orElse(0);
            metrics.add(gauge(
                    "citus_cluster_uneven_bytes",
                    "The fullest node's schema bytes less the emptiest's, over "
                            + "the nodes that take schemas (0: even)",
                    Unit.BYTES,
                    List.of(point(most - least, Labels.EMPTY))));
        }
    }

    static void rebalance(RebalanceJob job, List<MetricSnapshot> metrics) {
        metrics.add(gauge(
                "citus_rebalance_job_id",
                "The latest rebalance job's id (GET /rebalance)",
                null,
                List.of(point(job.jobId(), Labels.EMPTY))));
        metrics.add(gauge(
                "citus_rebalance_state",
                "1 for the latest rebalance job's state, 0 for the others",
                null,
                JOB_STATES.stream()
                        .map(state -> point(state.equals(job.state()) ? 1 : 0, Labels.of("state", state)))
                        .toList()));
        metrics.add(gauge(
                "citus_rebalance_tasks",
                "The latest rebalance job's tasks (one per schema move)",
                null,
                List.of(point(job.tasks().size(), Labels.EMPTY))));
        metrics.add(gauge(
                "citus_rebalance_tasks_done",
                "The latest rebalance job's tasks that are done",
                null,
                List.of(point(
                        job.tasks().stream()
                                .filter(t -> "done".equals(t.status()))
                                .count(),
                        Labels.EMPTY))));
    }

    static boolean takesSchemas(Node node) {
        return node.active() && node.shouldHaveShards() && "primary".equals(node.role()) && !node.coordinator();
    }

    private static Labels schemaLabels(DistributedSchema schema) {
        return Labels.of(
                "schema",
                schema.name(),
                "node",
                schema.node() == null ? "" : schema.node().toString());
    }

    private static Labels nodeLabels(Node node) {
        return Labels.of("node", node.address().toString());
    }

    static GaugeDataPointSnapshot point(double value, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }

    static GaugeSnapshot gauge(String name, String help, Unit unit, List<GaugeDataPointSnapshot> points) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        points.forEach(gauge::dataPoint);
        return (unit == null ? gauge : gauge.unit(unit)).build();
    }
}
