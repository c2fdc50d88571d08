package org.citusschemas.admin.audit;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.citusschemas.admin.audit.AuditTrail.AuditRecord;
import org.citusschemas.problem.Problem;
import org.citusschemas.problem.Problem.InvalidValue;

/**
 * {@code GET /audit}: the audit trail, newest first, a page at a time ({@code limit}, 50 unless
 * asked, at most 500; {@code next} is the next page's address while there may be more), filtered
 * by {@code user}, {@code operation} ({@code schema.move}), and time ({@code from} inclusive,
 * {@code to} exclusive, ISO-8601 with an offset: {@code 2026-11-25T10:00:00Z}).
 */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /** A page of records; {@code next}, when there is one, reads the page after it. */
    public record AuditPage(List<AuditRecord> records, String next) {}

    @Inject
    AuditTrail trail;

    @Context
    UriInfo uri;

    @GET
    public AuditPage read(
            @QueryParam("user") String user,
            @QueryParam("operation") String operation,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("before") String before,
            @QueryParam("limit") String limit)
            throws SQLException {
        List<InvalidValue> invalid = new ArrayList<>();
        AuditTrail.Query query = new AuditTrail.Query(
                user,
                operation,
                time("from", from, invalid),
                time("to", to, invalid),
                before == null ? null : (Long) number("before", before, 1, Long.MAX_VALUE, invalid),
                limit == null ? DEFAULT_LIMIT : (int) number("limit", limit, 1, MAX_LIMIT, invalid));
        if (!invalid.isEmpty()) {
            throw new WebApplicationException(Problem.invalid(invalid).toResponse());
        }
        List<AuditRecord> records = trail.records(query);
        if (records.size() < query.limit()) {
            return new AuditPage(records, null);
        }
        URI next = uri.getRequestUriBuilder()
                .replaceQueryParam("before", records.get(records.size() - 1).id())
                .build();
        return new AuditPage(records, next.getRawPath() + "?" + next.getRawQuery());
    }

    private static OffsetDateTime time(String name, String value, List<InvalidValue> invalid) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            invalid.add(new InvalidValue(name, "must be a time with its offset, as 2026-11-25T10:00:00Z"));
            return null;
        }
    }

    private static long number(String name, String value, long min, long max, List<InvalidValue> invalid) {
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        invalid.add(new InvalidValue(name, "must be a whole number from " + min + " to " + max));
        return min;
    }
}
