package org.citusschemas.problem.json;

/**
 * A request body that is not what the endpoint reads: which field (empty for the body as a whole)
 * and what is wrong with it. {@link InvalidJsonMapper} answers it with a 400.
 */
public class InvalidJsonException extends RuntimeException {

    private final String field;

    public InvalidJsonException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
