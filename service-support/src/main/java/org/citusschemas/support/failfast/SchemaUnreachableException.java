package org.citusschemas.support.failfast;

/**
 * A database call found the database, or the node holding the service's schema, unreachable: what
 * opens {@link SchemaCalls}' circuit breaker. Its cause is the original failure, which the
 * problem mapper reads for the 503's detail.
 */
public class SchemaUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaUnreachableException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
