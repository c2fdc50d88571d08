package org.citusschemas.support.failfast;

/**
 * A call failed after it had already written part of its answer to the client (a streamed list).
 * {@link SchemaCalls} never tries such a call again, since the client would get the first part
 * twice; the failure still opens the circuit breaker when the database is unreachable.
 */
public class PartialAnswerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PartialAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
