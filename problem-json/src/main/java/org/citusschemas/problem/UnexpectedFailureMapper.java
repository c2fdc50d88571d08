package org.citusschemas.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything no other mapper claims: 500, with a reference that finds the full stack trace in the
 * server log. The body never carries the trace itself.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, reference " + reference, exception);
        return Problem.of(Status.INTERNAL_SERVER_ERROR,
                "Unexpected server error (" + exception.getClass().getSimpleName() + "); reference " + reference
                        + " in the server log").toResponse();
    }
}
