package org.citusschemas.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An RFC 9457 problem details body. {@code type} stays {@code about:blank}, so {@code title} is
 * the HTTP reason phrase; {@code detail} says what was wrong with this request, and
 * {@code errors} (only for invalid input) names each invalid value; {@code notices} (only when
 * there were any) are the messages the database gave while it tried.
 */
public record Problem(
        String type, String title, int status, String detail, List<InvalidValue> errors, List<String> notices) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Built directly, not parsed: parsing needs a JAX-RS implementation, which unit tests lack. */
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    /** One invalid value of a request: where it is ({@code users[1].email}) and what is wrong. */
    public record InvalidValue(String field, String message) {}

    public static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, null);
    }

    public static Problem of(Response.StatusType status, String detail, List<InvalidValue> errors) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, errors, null);
    }

    /**
     * A 400 for invalid values of a request, its detail naming each ("the body" for the body as a
     * whole): {@code Invalid request: [1].name must not be blank; limit must be from 1 to 1000}.
     */
    public static Problem invalid(List<InvalidValue> errors) {
        String detail = errors.stream()
                .map(e -> (e.field().isEmpty() ? "the body" : e.field()) + " " + e.message())
                .collect(Collectors.joining("; ", "Invalid request: ", ""));
        return of(Response.Status.BAD_REQUEST, detail, errors);
    }

    /** The same problem with the messages the database gave before it failed (Citus' NOTICEs). */
    public Problem withNotices(List<String> databaseNotices) {
        return new Problem(
                type, title, status, detail, errors, databaseNotices.isEmpty() ? null : List.copyOf(databaseNotices));
    }

    public Response toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this).build();
    }
}
