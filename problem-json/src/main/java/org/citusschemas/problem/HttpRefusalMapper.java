package org.citusschemas.problem;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request the JAX-RS layer or a resource refused with a status (404, 405, 415, ...): the same
 * status as problem+json. A resource's own message is kept; the runtime's bare "HTTP 415
 * Unsupported Media Type" is replaced by one that says what to send instead.
 */
@Provider
public class HttpRefusalMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        Problem problem = Problem.of(original.getStatusInfo(), detail(exception));
        Response.ResponseBuilder response =
                Response.fromResponse(original).type(Problem.PROBLEM_JSON).entity(problem);
        return response.build();
    }

    private String detail(WebApplicationException exception) {
        String message = exception.getMessage();
        boolean runtimeMessage = message == null || message.startsWith("HTTP ");
        if (!runtimeMessage) {
            return message;
        }
        if (exception instanceof NotSupportedException) {
            return "Content-Type " + (headers.getMediaType() == null ? "(none)" : headers.getMediaType())
                    + " is not accepted here; send application/json";
        }
        if (exception instanceof NotAllowedException) {
            return "Method " + request.getMethod() + " is not allowed on /" + uri.getPath() + "; allowed: "
                    + exception.getResponse().getAllowedMethods();
        }
        if (exception instanceof NotFoundException) {
            return "Nothing at /" + uri.getPath();
        }
        if (exception instanceof NotAcceptableException) {
            return "No representation matches Accept " + headers.getAcceptableMediaTypes()
                    + "; ask for application/json";
        }
        return message == null ? exception.getResponse().getStatusInfo().getReasonPhrase() : message;
    }
}
