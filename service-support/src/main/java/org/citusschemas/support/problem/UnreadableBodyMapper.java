package org.citusschemas.support.problem;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A request body that is not JSON, or not JSON of the shape the endpoint reads (an object where
 * an array is expected, text where a number is): 400 with the parser's own explanation. Any other
 * processing failure is the server's, and is logged.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    private static final Logger LOG = Logger.getLogger(UnreadableBodyMapper.class.getName());

    @Override
    public Response toResponse(ProcessingException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return Problem.of(Status.BAD_REQUEST,
                        "The request body is not valid JSON of the expected shape: " + innermostMessage(cause))
                        .toResponse();
            }
        }
        LOG.log(Level.SEVERE, "Request processing failed", exception);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "The request could not be processed: " + exception.getMessage())
                .toResponse();
    }

    private static String innermostMessage(Throwable throwable) {
        String message = throwable.getMessage();
        for (Throwable cause = throwable.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }
}
