package org.citusschemas.admin.activity;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.citusschemas.admin.citus.CitusOperations;
import org.citusschemas.admin.citus.Records.Activity;

/**
 * {@code /activity}: how busy each distributed schema is, from Citus' own tenant statistics
 * ({@code citus_stat_tenants}): queries per second and share of a CPU over the last period and
 * the current one. Counted only where {@code citus.stat_tenants_track = 'all'} ({@code tracking}).
 */
@Path("activity")
@Produces(MediaType.APPLICATION_JSON)
public class ActivityResource {

    @Inject
    CitusOperations citus;

    @GET
    public Activity activity() throws SQLException {
        return citus.activity();
    }
}
