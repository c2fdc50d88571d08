package org.citusschemas.support.failfast;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.citusschemas.problem.Problem;

/**
 * A call that still found the service's tables locked after {@link SchemaCalls} had tried it for
 * {@link SchemaCalls#BUSY_WAIT_MILLIS} ms: 503 with {@code Retry-After}. Every try was rolled
 * back, so nothing was written.
 */
@Provider
public class SchemaBusyMapper implements ExceptionMapper<SchemaBusyException> {

    static final long RETRY_AFTER_SECONDS = 5;

    @Override
    public Response toResponse(SchemaBusyException exception) {
        return Response.fromResponse(Problem.of(
                                Response.Status.SERVICE_UNAVAILABLE,
                                "This service's tables stayed locked for " + SchemaCalls.BUSY_WAIT_MILLIS / 1000
                                        + " s (a schema move in block_writes mode holds writes while it copies, or another "
                                        + "lock): nothing was written; try again in a few seconds")
                        .toResponse())
                .header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                .build();
    }
}
