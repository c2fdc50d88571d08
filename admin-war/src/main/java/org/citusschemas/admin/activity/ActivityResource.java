package org.citusschemas.admin.activity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code /activity}: how busy each distributed schema is, from Citus' own tenant statistics
 * ({@code citus_stat_tenants}): queries per second and share of a CPU over the last period and
 * the current one. Counted only where {@code citus.stat_tenants_track = 'all'} ({@code tracking}).
 *
 * <p>Reading them opens a connection to every node (Citus' run_command_on_all_nodes), about 23 ms
 * of the coordinator's CPU and 9 ms of each worker's on the local cluster. So every caller within
 * {@link #FRESH} gets the same reading ({@code measured_at} says when it was taken): any number
 * of open console pages cost the cluster one reading per interval.
 */
@Path("activity")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class ActivityResource {

    /** How long a reading is served again: under half of the local cluster's 10 s period. */
    static final Duration FRESH = Duration.ofSeconds(4);

    @Inject
    TenantActivity tenants;

    private final Clock clock = Clock.systemUTC();
    private Activity last;
    private Instant lastRead = Instant.MIN;

    @GET
    public synchronized Activity activity() throws SQLException {
        Instant now = clock.instant();
        if (last == null || lastRead.plus(FRESH).isBefore(now)) {
            last = tenants.read();
            lastRead = now;
        }
        return last;
    }
}
