package org.citusschemas.admin.schemas;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.sql.SQLException;
import java.util.List;
import org.citusschemas.admin.audit.Audited;
import org.citusschemas.admin.citus.CitusOperations;
import org.citusschemas.admin.citus.Outcome;
import org.citusschemas.admin.citus.Port;
import org.citusschemas.admin.citus.Records.DistributedSchema;
import org.citusschemas.admin.citus.Records.NodeAddress;
import org.citusschemas.admin.citus.SqlNames;
import org.citusschemas.admin.citus.TransferMode;

/**
 * {@code /schemas}: the distributed schemas, each with its size, owner and the node that holds it;
 * distribute one ({@code citus_schema_distribute}), undistribute it, move it to another node
 * ({@code citus_schema_move}).
 */
@Path("schemas")
@Produces(MediaType.APPLICATION_JSON)
public class SchemasResource {

    public record DistributeRequest(@NotNull @SqlNames.Identifier String schema) {
    }

    public record MoveRequest(@NotNull @SqlNames.Host String host,
                              @NotNull @Port Integer port,
                              @Pattern(regexp = TransferMode.PATTERN, message = TransferMode.MESSAGE) String mode) {
    }

    @Inject
    CitusOperations citus;

    @GET
    public List<DistributedSchema> list() throws SQLException {
        return citus.schemas();
    }

    @GET
    @Path("{name}")
    public DistributedSchema get(@PathParam("name") @SqlNames.Identifier String name) throws SQLException {
        return distributed(name);
    }

    @POST
    @Audited("schema.distribute")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response distribute(@NotNull @Valid DistributeRequest request) throws SQLException {
        if (!citus.schemaExists(request.schema())) {
            throw new NotFoundException("No schema " + request.schema());
        }
        Outcome<Void> done = citus.distribute(request.schema());
        return Response.created(UriBuilder.fromResource(SchemasResource.class).path(request.schema()).build())
                .entity(new Outcome<>(distributed(request.schema()), done.notices())).build();
    }

    @DELETE
    @Audited("schema.undistribute")
    @Path("{name}")
    public Outcome<Void> undistribute(@PathParam("name") @SqlNames.Identifier String name) throws SQLException {
        distributed(name);
        return citus.undistribute(name);
    }

    @POST
    @Audited("schema.move")
    @Path("{name}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    public Outcome<DistributedSchema> move(@PathParam("name") @SqlNames.Identifier String name,
                                           @NotNull @Valid MoveRequest request) throws SQLException {
        distributed(name);
        NodeAddress target = new NodeAddress(request.host(), request.port());
        if (!citus.nodeExists(target)) {
            throw new NotFoundException("No node " + target + " in the cluster");
        }
        Outcome<Void> moved = citus.move(name, target, TransferMode.orDefault(request.mode()));
        return new Outcome<>(distributed(name), moved.notices());
    }

    private DistributedSchema distributed(String name) throws SQLException {
        return citus.schema(name).orElseThrow(() -> new NotFoundException(
                "No distributed schema " + name));
    }
}
