package org.citusschemas.ping.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.citusschemas.ping.control.PingLog;
import org.citusschemas.ping.control.Pinger;
import org.citusschemas.ping.entity.PingResult;
import org.citusschemas.support.failfast.SchemaCalls;

/** {@code POST /ping}: pings a checked host and stores what ping printed. */
@ApplicationScoped
@Path("ping")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    @Inject
    Pinger pinger;

    @Inject
    PingLog log;

    /** The calls on the database go through it: 503 at once while the schema's node is known to be gone. */
    @Inject
    SchemaCalls calls;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public PingReply ping(@NotNull(message = "must be a JSON object with a host") @Valid PingRequest request) {
        calls.call(log::ensureReachable);
        // The ping runs outside any transaction: no connection is held while it waits.
        String output = pinger.ping(request.host(), request.countOrDefault());
        PingResult result = calls.call(() -> log.record(new PingResult(request.host(), output)));
        return new PingReply(result.getHost(), result.getResult());
    }
}
