package org.citusschemas.problem.json;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.citusschemas.problem.Problem;

/** A body {@link StrictJson} refused: 400, naming the field like a Bean Validation failure does. */
@Provider
public class InvalidJsonMapper implements ExceptionMapper<InvalidJsonException> {

    @Override
    public Response toResponse(InvalidJsonException exception) {
        return Problem.invalid(List.of(new Problem.InvalidValue(exception.field(), exception.getMessage())))
                .toResponse();
    }
}
