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

/** {@code POST /ping}: pings a checked host and stores what ping printed. */
@ApplicationScoped
@Path("ping")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    @Inject
    Pinger pinger;

    @Inject
    PingLog log;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public PingReply ping(@NotNull(message = "must be a JSON object with a host") @Valid PingRequest request) {
        log.ensureReachable();
        // The ping runs outside any transaction: no connection is held while it waits.
        PingResult result = log.record(new PingResult(request.host(), pinger.ping(request.host(), request.countOrDefault())));
        return new PingReply(result.getHost(), result.getResult());
    }
}
