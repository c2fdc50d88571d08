package org.citusschemas.admin.pins;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import org.citusschemas.admin.audit.Audited;
import org.citusschemas.admin.database.SqlNames;
import org.citusschemas.admin.schemas.Schemas;

/**
 * {@code /schemas/{name}/pin}: a distributed schema's pin to its node. No rebalance or drain the
 * API starts moves a pinned schema, and moving it by hand is refused until it is unpinned.
 */
@Path("schemas/{name}/pin")
@Produces(MediaType.APPLICATION_JSON)
public class PinResource {

    @Inject
    Pins pins;

    @Inject
    Schemas schemas;

    @GET
    public Pin pin(@PathParam("name") @SqlNames.Identifier String name) throws SQLException {
        Pin pin = schemas.distributed(name).pin();
        if (pin == null) {
            throw new NotFoundException("Schema " + name + " is not pinned");
        }
        return pin;
    }

    /** Pins a schema to the node it is on; pinning it again changes nothing. */
    @PUT
    @Audited("schema.pin")
    public Pin pin(@PathParam("name") @SqlNames.Identifier String name, @Context SecurityContext caller)
            throws SQLException {
        schemas.distributed(name);
        return pins.pin(name, caller.getUserPrincipal().getName());
    }

    @DELETE
    @Audited("schema.unpin")
    public Pin unpin(@PathParam("name") @SqlNames.Identifier String name) throws SQLException {
        schemas.distributed(name);
        return pins.unpin(name).orElseThrow(() -> new NotFoundException("Schema " + name + " is not pinned"));
    }
}
