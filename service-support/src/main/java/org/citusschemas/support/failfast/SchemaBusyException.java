package org.citusschemas.support.failfast;

/**
 * A statement waited longer than the role's {@code lock_timeout} for a lock on the service's
 * tables: the database answered, but something holds the tables, most often a schema move in
 * {@code block_writes} mode while it copies. {@link SchemaCalls} tries the call again until
 * {@link SchemaCalls#BUSY_WAIT_MILLIS} have passed; this does not open the circuit breaker.
 */
public class SchemaBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaBusyException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
