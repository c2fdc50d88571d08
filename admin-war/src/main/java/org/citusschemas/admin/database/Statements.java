package org.citusschemas.admin.database;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Where a feature's statements run: each on a connection of its own ({@link AdminDatabase}), or
 * all on one transaction's ({@link AdminDatabase#inOneTransaction}). A feature's reads take one, so
 * a metrics scrape can run them together.
 */
public interface Statements {

    /** One statement's work on the prepared statement: reads its rows, or runs a function. */
    @FunctionalInterface
    interface Work<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Runs the statement's work, with the NOTICE and WARNING messages Citus gave. */
    <T> Outcome<T> query(String sql, Work<T> work) throws SQLException;

    /** Runs a statement whose result is of no interest (a function returning void, a CALL). */
    default Outcome<Void> execute(String sql, Binder binder) throws SQLException {
        return query(sql, s -> {
            binder.bind(s);
            s.execute();
            return null;
        });
    }
}
