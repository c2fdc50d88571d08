package org.citusschemas.time.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.citusschemas.support.failfast.SchemaCalls;
import org.citusschemas.time.control.CallerLog;
import org.citusschemas.time.entity.QueryDetail;

/** {@code GET /current_time}: the server's local time and the caller's address, both logged. */
@ApplicationScoped
@Path("current_time")
@Produces(MediaType.APPLICATION_JSON)
public class CurrentTimeResource {

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    CallerLog log;

    /** The call on the database goes through it: 503 at once while the schema's node is known to be gone. */
    @Inject
    SchemaCalls calls;

    @GET
    public CurrentTime now(@Context HttpServletRequest request) {
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        QueryDetail query = calls.call(() -> log.record(new QueryDetail(request.getRemoteAddr(), now)));
        return new CurrentTime(FORMAT.format(query.getQueryTime()), query.getIpAddress());
    }
}
