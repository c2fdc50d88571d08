package org.citusschemas.admin.cleanup;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import org.citusschemas.admin.audit.Audited;
import org.citusschemas.admin.database.Outcome;

/**
 * {@code /cleanup}: what moves left on the nodes for Citus to delete (pg_dist_cleanup), and
 * deleting it now rather than at Citus' next background cleanup. After a move that failed half-way
 * (a node stopped or cut off), this is where its copy of the shards on the target, its
 * publication and replication slot on the source and its subscription on the target show up
 * until they are gone.
 */
@Path("cleanup")
@Produces(MediaType.APPLICATION_JSON)
public class CleanupResource {

    @Inject
    Leftovers leftovers;

    @GET
    public List<Leftover> leftovers() throws SQLException {
        return leftovers.list();
    }

    @POST
    @Audited("cleanup.run")
    public Outcome<Cleanup> cleanUp() throws SQLException {
        return leftovers.deleteAll();
    }
}
