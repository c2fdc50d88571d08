package org.citusschemas.support.failfast;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.citusschemas.problem.DatabaseUnavailable;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Every database call a service's request makes goes through {@link #call}, so the service fails
 * fast while the node holding its schema is known to be gone. MicroProfile Fault Tolerance's
 * circuit breaker (Payara's own; one per service, as it keeps one per method of a bean and each
 * WAR has its own copy of this bean) opens at the first call that finds the database unreachable
 * (the failures {@link DatabaseUnavailable} recognises, which include a statement cut off by the
 * pool's statement timeout); while it is open, every call fails at once with
 * {@code CircuitBreakerOpenException}, a 503 with {@code Retry-After} ({@link FailingFastMapper}),
 * instead of each request waiting out a connect, statement or socket timeout. After
 * {@value #DELAY_MILLIS} ms the next call tries the database again: success closes the breaker
 * (the service has healed by itself), a failure opens it for another {@value #DELAY_MILLIS} ms.
 * Any other failure (a bad request, a constraint) passes through untouched and counts as a success:
 * the database answered.
 *
 * <p>A call that waited out the role's {@code lock_timeout} (1 s, set by the bootstrap) found the
 * tables locked, not the database gone: a schema move in {@code block_writes} mode holds every
 * write for as long as it copies. Such a call was rolled back, so Fault Tolerance's retry runs it
 * again, for at most {@value #BUSY_WAIT_MILLIS} ms, and the breaker stays closed: reads go on, and
 * writes wait for the move instead of failing. The admin API refuses a {@code block_writes} move
 * that it expects to hold writes longer than that.
 *
 * <p>The readiness check and the schema migration do not go through here: health reports what the
 * database says now. There is one method only, on purpose: the breaker is the interceptor around a
 * call through the bean's proxy, so a second method that called this one would bypass it.
 */
@ApplicationScoped
public class SchemaCalls {

    /** How long the breaker stays open before a request tries the database again. */
    public static final long DELAY_MILLIS = 3000;

    /**
     * How long a call waits in all for locks on the service's tables, in tries of the role's
     * {@code lock_timeout} each. The admin API's MovePause holds the same figure.
     */
    public static final long BUSY_WAIT_MILLIS = 15_000;

    private static final Logger LOG = Logger.getLogger(SchemaCalls.class.getName());

    /** The failure that opened the breaker last, for the 503's detail while it is open. */
    private volatile String lastFailure = "no failure yet";

    @Retry(
            retryOn = SchemaBusyException.class,
            abortOn = PartialAnswerException.class,
            maxRetries = -1,
            maxDuration = BUSY_WAIT_MILLIS,
            durationUnit = ChronoUnit.MILLIS,
            delay = 100,
            jitter = 50)
    @CircuitBreaker(
            requestVolumeThreshold = 1,
            failureRatio = 1.0,
            successThreshold = 1,
            delay = DELAY_MILLIS,
            delayUnit = ChronoUnit.MILLIS,
            failOn = SchemaUnreachableException.class,
            skipOn = SchemaBusyException.class)
    public <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            Throwable unavailable = DatabaseUnavailable.cause(e);
            if (unavailable == null) {
                if (!(e instanceof PartialAnswerException) && lockTimedOut(e)) {
                    throw new SchemaBusyException(e);
                }
                throw e;
            }
            lastFailure =
                    String.valueOf(unavailable.getMessage()).lines().findFirst().orElse("");
            LOG.warning(() -> "Database unreachable; failing fast for " + DELAY_MILLIS + " ms: " + lastFailure);
            throw new SchemaUnreachableException(e);
        }
    }

    /** Whether the failure is PostgreSQL's lock_not_available: a lock wait cut off by lock_timeout. */
    static boolean lockTimedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    String lastFailure() {
        return lastFailure;
    }
}
