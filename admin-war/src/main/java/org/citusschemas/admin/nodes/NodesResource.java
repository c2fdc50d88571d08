package org.citusschemas.admin.nodes;

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
import org.citusschemas.admin.database.NodeAddress;
import org.citusschemas.admin.database.Outcome;
import org.citusschemas.admin.database.Port;
import org.citusschemas.admin.database.SqlNames;
import org.citusschemas.admin.schemas.Schemas;
import org.citusschemas.admin.schemas.TransferMode;
import org.citusschemas.admin.schemas.WritePause;

/**
 * {@code /nodes}: the cluster's nodes with role, health and size; add a worker, drain one (move
 * its data away), remove one. A node is addressed as {@code /nodes/{host}/{port}}.
 */
@Path("nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {

    public record AddRequest(
            @NotNull @SqlNames.Host String host,
            @NotNull @Port Integer port) {}

    public record DrainRequest(
            @Pattern(regexp = TransferMode.PATTERN, message = TransferMode.MESSAGE)
            String mode) {}

    @Inject
    Nodes nodes;

    @Inject
    Schemas schemas;

    @Inject
    WritePause writePause;

    @GET
    public List<Node> list() throws SQLException {
        return nodes.list();
    }

    @GET
    @Path("{host}/{port}")
    public Node get(@PathParam("host") @SqlNames.Host String host, @PathParam("port") int port) throws SQLException {
        return find(new NodeAddress(host, port));
    }

    @POST
    @Audited("node.add")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@NotNull @Valid AddRequest request) throws SQLException {
        NodeAddress address = new NodeAddress(request.host(), request.port());
        Outcome<Integer> added = nodes.add(address);
        return Response.created(UriBuilder.fromResource(NodesResource.class)
                        .path("{host}/{port}")
                        .build(address.host(), address.port()))
                .entity(new Outcome<>(find(address), added.notices()))
                .build();
    }

    @POST
    @Audited("node.drain")
    @Path("{host}/{port}/drain")
    @Consumes(MediaType.APPLICATION_JSON)
    public Outcome<Node> drain(
            @PathParam("host") @SqlNames.Host String host, @PathParam("port") int port, @Valid DrainRequest request)
            throws SQLException {
        NodeAddress address = existing(host, port);
        String mode = TransferMode.orDefault(request == null ? null : request.mode());
        writePause.requireShortEnough(
                mode,
                schemas.list().stream().filter(s -> address.equals(s.node())).toList());
        Outcome<Void> drained = nodes.drain(address, mode);
        return new Outcome<>(find(address), drained.notices());
    }

    @DELETE
    @Audited("node.remove")
    @Path("{host}/{port}")
    public Outcome<Void> remove(@PathParam("host") @SqlNames.Host String host, @PathParam("port") int port)
            throws SQLException {
        return nodes.remove(existing(host, port));
    }

    private NodeAddress existing(String host, int port) throws SQLException {
        NodeAddress address = new NodeAddress(host, port);
        if (!nodes.exists(address)) {
            throw new NotFoundException("No node " + address + " in the cluster");
        }
        return address;
    }

    private Node find(NodeAddress address) throws SQLException {
        return nodes.list().stream()
                .filter(n -> n.address().equals(address))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No node " + address + " in the cluster"));
    }
}
