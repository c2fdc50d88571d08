package org.citusschemas.admin.database;

import java.sql.SQLException;
import java.util.List;

/**
 * A statement that failed after Citus had said something (NOTICE or WARNING messages, such as
 * the steps of a move it rolled back): the same failure, with what was said before it, so the
 * problem answer can carry them.
 */
public class FailureWithNotices extends SQLException {

    private final transient List<String> notices;

    FailureWithNotices(SQLException failure, List<String> notices) {
        super(failure.getMessage(), failure.getSQLState(), failure.getErrorCode(), failure);
        this.notices = List.copyOf(notices);
    }

    public List<String> notices() {
        return notices;
    }
}
