package org.citusschemas.admin.database;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.citusschemas.problem.Problem;

/** A refusal of the API's own rules: 409 with its reason, and a line in the log saying why. */
@Provider
public class RefusedMapper implements ExceptionMapper<RefusedException> {

    private static final Logger LOG = Logger.getLogger(RefusedMapper.class.getName());

    @Override
    public Response toResponse(RefusedException exception) {
        LOG.log(Level.INFO, "Refused an operation: {0}", exception.getMessage());
        return Problem.of(Response.Status.CONFLICT, exception.getMessage()).toResponse();
    }
}
