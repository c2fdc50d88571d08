package org.citusschemas.admin.database;

/**
 * An operation the API will not start, for a reason of its own rules (not the database's): a 409
 * whose detail says why and what to do instead. Nothing was changed.
 */
public class RefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
        super(message);
    }

    public RefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
