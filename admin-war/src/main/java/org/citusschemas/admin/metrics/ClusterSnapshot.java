package org.citusschemas.admin.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.citusschemas.admin.activity.Activity;
import org.citusschemas.admin.activity.TenantActivity;
import org.citusschemas.admin.database.AdminDatabase;
import org.citusschemas.admin.nodes.Node;
import org.citusschemas.admin.nodes.Nodes;
import org.citusschemas.admin.rebalance.RebalanceJob;
import org.citusschemas.admin.rebalance.Rebalancer;
import org.citusschemas.admin.schemas.DistributedSchema;
import org.citusschemas.admin.schemas.Schemas;

/**
 * What a metrics scrape reads: the schemas, the nodes, the activity and the latest rebalance, in
 * one transaction on one connection. Citus keeps the connections it opens to the workers until
 * the transaction ends (the admin role caches none after: citus.max_cached_conns_per_worker is 0
 * for it), so all of them share one connection per worker, where each read on its own opened its
 * own: a scrape took 126 ms of the coordinator's CPU that way on the local three nodes.
 */
@ApplicationScoped
public class ClusterSnapshot {

    /** The cluster as one scrape saw it. */
    public record Snapshot(
            List<DistributedSchema> schemas,
            List<Node> nodes,
            Activity activity,
            Optional<RebalanceJob> latestRebalance) {}

    @Inject
    AdminDatabase database;

    @Inject
    Schemas schemas;

    @Inject
    Nodes nodes;

    @Inject
    TenantActivity activity;

    @Inject
    Rebalancer rebalancer;

    /** The reads in one transaction; any failure (a worker that does not answer) undoes it and is thrown. */
    public Snapshot read() throws SQLException {
        return database.inOneTransaction(
                on -> new Snapshot(schemas.list(on), nodes.list(on), activity.read(on), rebalancer.latest(on)));
    }

    // Each part on its own: what a scrape reads when the one transaction failed.

    public List<DistributedSchema> schemas() throws SQLException {
        return schemas.list();
    }

    public List<Node> nodes() throws SQLException {
        return nodes.list();
    }

    public Activity activity() throws SQLException {
        return activity.read();
    }

    public Optional<RebalanceJob> latestRebalance() throws SQLException {
        return rebalancer.latest();
    }
}
