package org.citusschemas.admin.rebalance;

import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.citusschemas.admin.audit.Audited;
import org.citusschemas.admin.database.NodeAddress;
import org.citusschemas.admin.database.Noticed;
import org.citusschemas.admin.database.Outcome;
import org.citusschemas.admin.nodes.Node;
import org.citusschemas.admin.nodes.Nodes;
import org.citusschemas.admin.pins.Pin;
import org.citusschemas.admin.pins.Pins;
import org.citusschemas.admin.schemas.DistributedSchema;
import org.citusschemas.admin.schemas.Schemas;
import org.citusschemas.admin.schemas.TransferMode;
import org.citusschemas.admin.schemas.WritePause;

/**
 * {@code /rebalance}: a dry-run plan, start a background rebalance (202 and a job to poll), its
 * progress, stop it, and the strategies. Citus' notices (why nothing moves, for example an
 * improvement under the strategy's threshold) come back in every answer. Plans and rebalances run
 * with the strategy's twin that keeps pinned schemas where they are (pinned_&lt;name&gt;, see
 * server-config/src/main/sql/admin-pins.sql), and say which schemas they left alone.
 */
@Path("rebalance")
@Produces(MediaType.APPLICATION_JSON)
public class RebalanceResource {

    public record StartRequest(
            String strategy,
            @JsonbProperty("drain_only") Boolean drainOnly,

            @Pattern(regexp = TransferMode.PATTERN, message = TransferMode.MESSAGE)
            String mode) {}

    /**
     * The answer to a start: the job to poll, or none when Citus found nothing to move, and the
     * pinned schemas it leaves where they are.
     */
    public record Started(@JsonbProperty("job_id") Long jobId, List<Pin> pinned, List<String> notices)
            implements Noticed, Audited.StartsJob {}

    @Inject
    Rebalancer rebalancer;

    @Inject
    Pins pins;

    @Inject
    Schemas schemas;

    @Inject
    Nodes nodes;

    @Inject
    WritePause writePause;

    @GET
    @Path("plan")
    public Plan plan(@QueryParam("strategy") String strategy) throws SQLException {
        List<Pin> pinned = pins.forgetLostThenList();
        Outcome<List<PlannedMove>> plan = rebalancer.plan(pins.strategyKeeping(pinned, known(strategy)));
        return new Plan(plan.result(), pinned, plan.notices());
    }

    @POST
    @Audited("rebalance.start")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@Valid StartRequest request) throws SQLException {
        StartRequest options = request == null ? new StartRequest(null, null, null) : request;
        List<Pin> pinned = pins.forgetLostThenList();
        String strategy = pins.strategyKeeping(pinned, known(options.strategy()));
        boolean drainOnly = Boolean.TRUE.equals(options.drainOnly());
        String mode = TransferMode.orDefault(options.mode());
        if ("block_writes".equals(mode)) {
            writePause.requireShortEnough(mode, moving(strategy, drainOnly));
        }
        Outcome<Long> started = rebalancer.start(strategy, drainOnly, mode);
        if (started.result() == null) {
            return Response.ok(new Started(null, pinned, started.notices())).build();
        }
        return Response.accepted(new Started(started.result(), pinned, started.notices()))
                .location(UriBuilder.fromResource(RebalanceResource.class)
                        .path("jobs/{id}")
                        .build(started.result()))
                .build();
    }

    @GET
    public RebalanceJob latest() throws SQLException {
        return rebalancer.latest().orElseThrow(() -> new NotFoundException("No rebalance has run on this cluster"));
    }

    @GET
    @Path("jobs/{id}")
    public RebalanceJob job(@PathParam("id") long id) throws SQLException {
        return rebalancer.job(id).orElseThrow(() -> new NotFoundException("No background job " + id));
    }

    @DELETE
    @Audited("rebalance.stop")
    public Outcome<Void> stop() throws SQLException {
        return rebalancer.stop();
    }

    @GET
    @Path("strategies")
    public List<Strategy> strategies() throws SQLException {
        return rebalancer.strategies();
    }

    /**
     * The schemas a rebalance would move: those with a shard in the strategy's plan, or, when it
     * only drains, those on nodes that should have no shards.
     */
    private List<DistributedSchema> moving(String strategy, boolean drainOnly) throws SQLException {
        List<DistributedSchema> all = schemas.list();
        if (drainOnly) {
            List<NodeAddress> draining = nodes.list().stream()
                    .filter(n -> !n.shouldHaveShards())
                    .map(Node::address)
                    .toList();
            return all.stream().filter(s -> draining.contains(s.node())).toList();
        }
        Set<Long> planned = rebalancer.plan(strategy).result().stream()
                .map(PlannedMove::shardId)
                .collect(Collectors.toSet());
        return all.stream()
                .filter(s -> s.shardIds().stream().anyMatch(planned::contains))
                .toList();
    }

    /** A strategy the cluster has (null: Citus' default); anything else is a 400 naming the known ones. */
    private String known(String strategy) throws SQLException {
        if (strategy == null) {
            return null;
        }
        List<String> names =
                rebalancer.strategies().stream().map(Strategy::name).toList();
        if (!names.contains(strategy)) {
            throw new BadRequestException("Unknown rebalance strategy '" + strategy + "'; this cluster has " + names);
        }
        return strategy;
    }
}
