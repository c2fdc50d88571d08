package org.citusschemas.admin.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.StreamingOutput;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.citusschemas.admin.activity.Activity;
import org.citusschemas.admin.audit.AuditTrail;
import org.citusschemas.admin.audit.AuditTrail.OutcomeCount;
import org.citusschemas.admin.nodes.Node;
import org.citusschemas.admin.rebalance.RebalanceJob;
import org.citusschemas.admin.schemas.DistributedSchema;

/**
 * {@code /cluster-metrics}: the cluster's state in the Prometheus text format, for a Prometheus
 * to scrape (any admin user may: the reader role is enough). Per schema its size, node, pin and
 * how busy it is (Citus' tenant statistics); per node its size, schema count, share and health;
 * the cluster's unevenness as the console shows it; the latest rebalance job's state and tasks;
 * and the audited changes by outcome. A scrape reads the cluster in one transaction
 * ({@link ClusterSnapshot}: one connection to each worker for all of it) and the audit
 * trail in one statement. When that transaction fails (a worker that does not answer), each part is
 * read on its own: a part that fails then is left out and counted in
 * {@code citus_admin_scrape_error}, so the rest still arrives when a node is down. Written with Prometheus' own model and text format writer.
 */
@Path("cluster-metrics")
public class ClusterMetrics {

    private static final Logger LOG = Logger.getLogger(ClusterMetrics.class.getName());
    /** The states Citus gives a background job (citus_job_status). */
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    @Inject
    ClusterSnapshot cluster;

    @Inject
    AuditTrail audit;

    @GET
    @Produces(PrometheusTextFormatWriter.CONTENT_TYPE)
    public StreamingOutput scrape() {
        MetricSnapshots snapshots = collect();
        return output -> WRITER.write(output, snapshots);
    }

    MetricSnapshots collect() {
        long started = System.nanoTime();
        List<MetricSnapshot> metrics = new ArrayList<>();
        Map<String, Boolean> failed = new LinkedHashMap<>();
        ClusterSnapshot.Snapshot snapshot = null;
        try {
            snapshot = cluster.read();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Cluster metrics: reading in one transaction failed, reading part by part", e);
        }
        List<DistributedSchema> schemas =
                snapshot != null ? snapshot.schemas() : part("schemas", failed, cluster::schemas);
        List<Node> nodes = snapshot != null ? snapshot.nodes() : part("nodes", failed, cluster::nodes);
        Activity activity = snapshot != null ? snapshot.activity() : part("activity", failed, cluster::activity);
        Optional<RebalanceJob> job = snapshot != null
                ? snapshot.latestRebalance()
                : Optional.ofNullable(part("rebalance", failed, cluster::latestRebalance))
                        .flatMap(latest -> latest);
        List<OutcomeCount> outcomes = part("audit", failed, audit::outcomeCounts);

        if (schemas != null) {
            Gauges.schemaMetrics(schemas, metrics);
        }
        if (activity != null) {
            Gauges.activityMetrics(activity, metrics);
        }
        if (nodes != null) {
            Gauges.nodeMetrics(nodes, metrics);
        }
        if (schemas != null && nodes != null) {
            Gauges.balance(schemas, nodes, metrics);
        }
        job.ifPresent(j -> Gauges.rebalance(j, metrics));
        if (outcomes != null) {
            Gauges.auditMetrics(outcomes, metrics);
        }
        metrics.add(Gauges.gauge(
                "citus_admin_scrape_error",
                "1 for each part of this scrape that could not be read (see the "
                        + "admin server's log); its metrics are left out",
                null,
                failed.keySet().stream()
                        .map(p -> Gauges.point(1, Labels.of("part", p)))
                        .toList()));
        metrics.add(Gauges.gauge(
                "citus_admin_scrape_duration_seconds",
                "How long this scrape took to read the cluster",
                Unit.SECONDS,
                List.of(Gauges.point((System.nanoTime() - started) / 1e9, Labels.EMPTY))));
        return new MetricSnapshots(metrics);
    }

    /** One read of the database; a failure leaves its part out of this scrape. */
    private static <T> T part(String name, Map<String, Boolean> failed, Read<T> read) {
        try {
            return read.read();
        } catch (SQLException | RuntimeException e) {
            failed.put(name, true);
            LOG.log(Level.WARNING, "Cluster metrics: could not read the {0}: {1}", new Object[] {name, e.getMessage()});
            return null;
        }
    }

    @FunctionalInterface
    interface Read<T> {
        T read() throws SQLException;
    }
}
