package org.citusschemas.admin.database;

/** The database behind jdbc/citusadmin has no Citus extension: no cluster operation can work. */
public class CitusUnavailableException extends RuntimeException {

    public CitusUnavailableException(String message) {
        super(message);
    }
}
