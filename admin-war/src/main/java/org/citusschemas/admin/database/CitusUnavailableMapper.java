package org.citusschemas.admin.database;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.citusschemas.problem.Problem;

/** No Citus behind the admin datasource: 503, saying so. */
@Provider
public class CitusUnavailableMapper implements ExceptionMapper<CitusUnavailableException> {

    @Override
    public Response toResponse(CitusUnavailableException exception) {
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, exception.getMessage())
                .toResponse();
    }
}
