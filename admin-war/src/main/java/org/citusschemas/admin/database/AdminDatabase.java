package org.citusschemas.admin.database;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The admin API's database, {@code jdbc/citusadmin}. Each statement runs on its own connection in
 * autocommit mode (Citus runs moves and rebalances outside a transaction block), after a check
 * that Citus is there, and comes back with the NOTICE and WARNING messages Citus gave.
 */
@ApplicationScoped
public class AdminDatabase implements Statements {

    public static final String DATASOURCE = "jdbc/citusadmin";

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    /** Work that runs several statements on one transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Statements transaction) throws SQLException;
    }

    @Override
    public <T> Outcome<T> query(String sql, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            requireCitus(connection);
            return on(connection, sql, work);
        }
    }

    /**
     * Runs the work's statements in one transaction on one connection, and commits it; any failure
     * rolls it back and is thrown.
     */
    public <T> T inOneTransaction(TransactionWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            requireCitus(connection);
            connection.setAutoCommit(false);
            try {
                T result = work.run(new Statements() {
                    @Override
                    public <R> Outcome<R> query(String sql, Work<R> statementWork) throws SQLException {
                        return on(connection, sql, statementWork);
                    }
                });
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The database role the admin API logs in as. */
    public String role() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getUserName();
        }
    }

    /**
     * Where the admin datasource reaches the coordinator (host, port, database), for the pool of a
     * new service on the same app servers. Not the coordinator's name in pg_dist_node: that is how
     * the nodes reach it (in containers, a name only their network resolves).
     */
    public DatabaseAddress address() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return DatabaseAddress.of(connection.getMetaData().getURL(), connection.getCatalog());
        }
    }

    /** One statement's work on this connection, with the notices Citus gave. */
    private static <T> Outcome<T> on(Connection connection, String sql, Work<T> work) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            T result;
            try {
                result = work.run(statement);
            } catch (SQLException failure) {
                List<String> said = notices(statement);
                throw said.isEmpty() || failure instanceof FailureWithNotices
                        ? failure
                        : new FailureWithNotices(failure, said);
            }
            return new Outcome<>(result, notices(statement));
        }
    }

    private static void requireCitus(Connection connection) throws SQLException {
        try (Statement check = connection.createStatement();
                ResultSet row = check.executeQuery(
                        "SELECT current_database(), (SELECT extversion FROM pg_extension WHERE extname = 'citus')")) {
            row.next();
            if (row.getString(2) == null) {
                throw new CitusUnavailableException("Citus is not installed in database " + row.getString(1)
                        + " behind " + DATASOURCE + ": there is no cluster to manage");
            }
        }
    }

    /** The NOTICE and WARNING messages of the statement, in order, without the driver's level prefix. */
    private static List<String> notices(Statement statement) throws SQLException {
        List<String> notices = new ArrayList<>();
        for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
            notices.add(warning.getMessage());
        }
        return notices;
    }
}
