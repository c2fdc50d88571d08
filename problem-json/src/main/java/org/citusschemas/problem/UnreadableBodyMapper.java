package org.citusschemas.problem;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
                return Problem.of(
                                Status.BAD_REQUEST,
                                "The request body is not valid JSON of the expected shape: "
                                        + explain(innermostMessage(cause)))
                        .toResponse();
            }
        }
        LOG.log(Level.SEVERE, "Request processing failed", exception);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "The request could not be processed: " + exception.getMessage())
                .toResponse();
    }

    /** JSON-B names what it met and wanted as parser events; a client knows them as JSON types. */
    private static String explain(String message) {
        if (message == null) {
            return "unreadable body";
        }
        Matcher events = PARSER_EVENTS.matcher(message);
        if (events.find()) {
            return "expected " + jsonType(events.group(2)) + ", found " + jsonType(events.group(1));
        }
        return message;
    }

    private static final Pattern PARSER_EVENTS = Pattern.compile("Received event: (\\w+) Allowed: \\[(\\w+)");

    private static String jsonType(String event) {
        return switch (event) {
            case "START_ARRAY" -> "a JSON array";
            case "START_OBJECT" -> "a JSON object";
            case "VALUE_STRING" -> "a string";
            case "VALUE_NUMBER" -> "a number";
            case "VALUE_TRUE", "VALUE_FALSE" -> "a boolean";
            case "VALUE_NULL" -> "null";
            default -> event;
        };
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
