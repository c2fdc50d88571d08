package org.citusschemas.support.failfast;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.citusschemas.problem.Problem;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * A request refused by the open circuit breaker ({@link SchemaCalls}): 503 at once, with
 * {@code Retry-After} the breaker's delay and the failure that opened it; nothing was tried, so
 * nothing was written.
 */
@Provider
public class FailingFastMapper implements ExceptionMapper<CircuitBreakerOpenException> {

    static final long RETRY_AFTER_SECONDS = (SchemaCalls.DELAY_MILLIS + 999) / 1000;

    @Inject
    SchemaCalls calls;

    @Override
    public Response toResponse(CircuitBreakerOpenException exception) {
        return Response.fromResponse(Problem.of(
                                Response.Status.SERVICE_UNAVAILABLE,
                                "The database is unavailable: it failed a request moments ago (" + calls.lastFailure()
                                        + "), so this service answers at once without trying it; a request after "
                                        + RETRY_AFTER_SECONDS + " s tries again")
                        .toResponse())
                .header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                .build();
    }
}
