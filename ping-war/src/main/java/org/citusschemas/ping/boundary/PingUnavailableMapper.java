package org.citusschemas.ping.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.citusschemas.ping.control.PingUnavailableException;
import org.citusschemas.problem.Problem;

/** No ping command on this server: 503, saying so; nothing is stored. */
@Provider
public class PingUnavailableMapper implements ExceptionMapper<PingUnavailableException> {

    @Override
    public Response toResponse(PingUnavailableException exception) {
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, exception.getMessage())
                .toResponse();
    }
}
