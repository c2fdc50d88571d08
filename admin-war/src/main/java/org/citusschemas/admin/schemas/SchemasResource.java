package org.citusschemas.admin.schemas;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.citusschemas.admin.audit.Audited;
import org.citusschemas.admin.database.NodeAddress;
import org.citusschemas.admin.database.Outcome;
import org.citusschemas.admin.database.Port;
import org.citusschemas.admin.database.SqlNames;
import org.citusschemas.admin.nodes.Node;
import org.citusschemas.admin.nodes.Nodes;
import org.citusschemas.admin.pins.Pin;
import org.citusschemas.admin.pins.Pins;

/**
 * {@code /schemas}: the distributed schemas, each with its size, owner and the node that holds it;
 * distribute one ({@code citus_schema_distribute}), onto a chosen node if asked, undistribute it,
 * and move it to another node ({@code citus_schema_move}); a pinned schema is not moved until it
 * is unpinned ({@code pins}).
 */
@Path("schemas")
@Produces(MediaType.APPLICATION_JSON)
public class SchemasResource {

    private static final Logger LOG = Logger.getLogger(SchemasResource.class.getName());

    /**
     * A schema to distribute; with {@code host} and {@code port}, onto that node (Citus places it,
     * then it moves there); with {@code pin}, pinned there as well.
     */
    public record DistributeRequest(
            @NotNull @SqlNames.Identifier String schema,
            @SqlNames.Host String host,
            @Port Integer port,
            Boolean pin,

            @Pattern(regexp = TransferMode.PATTERN, message = TransferMode.MESSAGE)
            String mode) {}

    public record MoveRequest(
            @NotNull @SqlNames.Host String host,
            @NotNull @Port Integer port,

            @Pattern(regexp = TransferMode.PATTERN, message = TransferMode.MESSAGE)
            String mode) {}

    @Inject
    Schemas schemas;

    @Inject
    Pins pins;

    @Inject
    Nodes nodes;

    @Inject
    WritePause writePause;

    @GET
    public List<DistributedSchema> list() throws SQLException {
        return schemas.list();
    }

    @GET
    @Path("{name}")
    public DistributedSchema get(@PathParam("name") @SqlNames.Identifier String name) throws SQLException {
        return schemas.distributed(name);
    }

    @POST
    @Audited("schema.distribute")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response distribute(@NotNull @Valid DistributeRequest request, @Context SecurityContext caller)
            throws SQLException {
        String schema = request.schema();
        if ((request.host() == null) != (request.port() == null)) {
            throw new BadRequestException(
                    "Name the node to distribute " + schema + " onto with both host and port, or neither");
        }
        NodeAddress target = request.host() == null ? null : new NodeAddress(request.host(), request.port());
        if (target == null && Boolean.TRUE.equals(request.pin())) {
            throw new BadRequestException("A pin needs the node: give host and port, or pin the schema once it is "
                    + "placed (PUT /schemas/" + schema + "/pin)");
        }
        if (!schemas.exists(schema)) {
            throw new NotFoundException("No schema " + schema);
        }
        Optional<DistributedSchema> before = schemas.find(schema);
        if (target != null) {
            requireWorker(target);
            if (!schemas.hasTables(schema)) {
                throw new ClientErrorException(
                        "Schema " + schema + " has no table yet, so Citus would place it on no "
                                + "node: create its tables first, or distribute it without a node",
                        Response.Status.CONFLICT);
            }
            if (before.isPresent() && !target.equals(before.get().node())) {
                throw new ClientErrorException(
                        "Schema " + schema + " is distributed already, on "
                                + before.get().node() + ": move it with POST /schemas/" + schema + "/move",
                        Response.Status.CONFLICT);
            }
        }
        Outcome<Void> done = schemas.distribute(schema);
        List<String> notices = new ArrayList<>(done.notices());
        if (target != null) {
            try {
                if (!target.equals(schemas.distributed(schema).node())) {
                    notices.addAll(schemas.move(schema, target, TransferMode.orDefault(request.mode()))
                            .notices());
                }
                if (Boolean.TRUE.equals(request.pin())) {
                    pins.pin(schema, caller.getUserPrincipal().getName());
                }
            } catch (SQLException | RuntimeException failure) {
                if (before.isEmpty()) {
                    undo(schema, failure);
                }
                throw failure;
            }
        }
        return Response.created(UriBuilder.fromResource(SchemasResource.class)
                        .path(schema)
                        .build())
                .entity(new Outcome<>(schemas.distributed(schema), notices))
                .build();
    }

    /**
     * Undistributes a schema whose distribution onto a node failed half-way (its move, or its pin
     * where pins cannot be had), so nothing is left half-done; a pin it got goes with it.
     */
    private void undo(String schema, Exception failure) {
        try {
            schemas.undistribute(schema);
            pins.forgetLost();
            LOG.log(Level.INFO, "Undistributed {0} again: its move or pin failed ({1})", new Object[] {
                schema, failure.getMessage()
            });
        } catch (SQLException | RuntimeException undoFailed) {
            failure.addSuppressed(undoFailed);
            LOG.log(Level.WARNING, "Could not undistribute " + schema + " after its move or pin failed", undoFailed);
        }
    }

    @DELETE
    @Audited("schema.undistribute")
    @Path("{name}")
    public Outcome<Void> undistribute(@PathParam("name") @SqlNames.Identifier String name) throws SQLException {
        schemas.distributed(name);
        Outcome<Void> undistributed = schemas.undistribute(name);
        pins.forgetLost();
        return undistributed;
    }

    @POST
    @Audited("schema.move")
    @Path("{name}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    public Outcome<DistributedSchema> move(
            @PathParam("name") @SqlNames.Identifier String name, @NotNull @Valid MoveRequest request)
            throws SQLException {
        DistributedSchema schema = schemas.distributed(name);
        Pin pin = schema.pin();
        NodeAddress target = new NodeAddress(request.host(), request.port());
        if (!nodes.exists(target)) {
            throw new NotFoundException("No node " + target + " in the cluster");
        }
        if (pin != null) {
            throw new ClientErrorException(
                    "Schema " + name + " is pinned to " + pin.node() + " (by " + pin.pinnedBy() + " at "
                            + pin.pinnedAt() + "): unpin it first (DELETE /schemas/" + name + "/pin)",
                    Response.Status.CONFLICT);
        }
        String mode = TransferMode.orDefault(request.mode());
        writePause.requireShortEnough(mode, List.of(schema));
        Outcome<Void> moved = schemas.move(name, target, mode);
        return new Outcome<>(schemas.distributed(name), moved.notices());
    }

    /** A node that may take schemas: a worker of the cluster, active, that should have shards. */
    private void requireWorker(NodeAddress target) throws SQLException {
        Node node = nodes.list().stream()
                .filter(n -> n.address().equals(target))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No node " + target + " in the cluster"));
        if (!node.active() || !node.shouldHaveShards() || !"primary".equals(node.role())) {
            throw new ClientErrorException(
                    "Node " + target + " takes no schemas ("
                            + (node.coordinator()
                                    ? "the coordinator"
                                    : node.active() ? "drained: it should have no shards" : "inactive")
                            + ")",
                    Response.Status.CONFLICT);
        }
    }
}
