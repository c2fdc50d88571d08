package org.citusschemas.problem.json;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.citusschemas.problem.Problem;

/** A body {@link StrictJson} refused: 400, naming the field like a Bean Validation failure does. */
@Provider
public class InvalidJsonMapper implements ExceptionMapper<InvalidJsonException> {

    @Override
    public Response toResponse(InvalidJsonException exception) {
        String field = exception.field();
        String detail = "Invalid request: " + (field.isEmpty() ? "the body " : field + " ") + exception.getMessage();
        return Problem.of(Status.BAD_REQUEST, detail, List.of(new Problem.InvalidValue(field, exception.getMessage())))
                .toResponse();
    }
}
