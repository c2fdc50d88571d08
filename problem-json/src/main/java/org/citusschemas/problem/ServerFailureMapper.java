package org.citusschemas.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything no other mapper claims. A database that cannot be reached is a 503 saying so, with
 * Retry-After: the service heals by itself once the database is back. Anything else is a 500
 * with a reference that finds the full stack trace in the server log. The body never carries a
 * stack trace.
 */
@Provider
public class ServerFailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ServerFailureMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        Throwable unavailable = DatabaseUnavailable.cause(exception);
        if (unavailable != null) {
            LOG.log(Level.WARNING, "Database unavailable: {0}", unavailable.getMessage());
            return Response.fromResponse(Problem.of(
                                    Status.SERVICE_UNAVAILABLE,
                                    "The database is unavailable; try again shortly ("
                                            + firstLine(unavailable.getMessage()) + ")")
                            .toResponse())
                    .header("Retry-After", "5")
                    .build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, exception);
        return Problem.of(
                        Status.INTERNAL_SERVER_ERROR,
                        "Unexpected server error (" + exception.getClass().getSimpleName() + "); reference " + reference
                                + " in the server log")
                .toResponse();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no connection";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
