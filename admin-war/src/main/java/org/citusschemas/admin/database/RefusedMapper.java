package org.citusschemas.admin.database;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.citusschemas.problem.Problem;

/** A refusal of the API's own rules: 409 with its reason. */
@Provider
public class RefusedMapper implements ExceptionMapper<RefusedException> {

    @Override
    public Response toResponse(RefusedException exception) {
        return Problem.of(Response.Status.CONFLICT, exception.getMessage()).toResponse();
    }
}
