package org.citusschemas.admin.placement;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code /placement}: the tutorial's "where does each schema live": every node with the tables of
 * distributed schemas it holds, their sizes, and its total.
 */
@Path("placement")
@Produces(MediaType.APPLICATION_JSON)
public class PlacementResource {

    @Inject
    Placement placement;

    @GET
    public List<NodePlacement> placement() throws SQLException {
        return placement.byNode();
    }
}
