package org.citusschemas.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Whether a failure means the database (or the node holding the service's schema) cannot be
 * reached, wherever the JDBC driver, the pool, JPA or JTA wrapped that cause.
 */
public final class DatabaseUnavailable {

    /**
     * Connection exceptions, the server shutting down, crashing or refusing connections, and a
     * statement cancelled by the pool's statement timeout (a worker that answers too slowly). A
     * statement that waited too long for a lock (55P03, lock_timeout) is not among them: the
     * database answered, and the services wait for such locks (a block_writes move holds writes).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "57014");
    /**
     * Types that say so by themselves: a refused or timed-out TCP connection, Hibernate's, and the
     * app server's connector and pool layers (whose SQLException may carry no SQLState); and the
     * transaction manager's when the commit itself failed on the connection (SystemException, over
     * an XAException that carries the connection's failure only in its message): the database went
     * away between the last statement and the commit, whose outcome is then unknown.
     */
    private static final Set<String> UNAVAILABLE_TYPES = Set.of(
            "java.net.ConnectException",
            "java.net.SocketTimeoutException",
            "java.net.NoRouteToHostException",
            "org.hibernate.exception.JDBCConnectionException",
            "jakarta.resource.ResourceException",
            "jakarta.resource.spi.ResourceAllocationException",
            "jakarta.resource.spi.LocalTransactionException",
            "com.sun.appserv.connectors.internal.api.PoolingException",
            "jakarta.transaction.SystemException");

    private DatabaseUnavailable() {}

    /** The first cause that says the database is unreachable, or null. */
    public static Throwable cause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || UNAVAILABLE_TYPES.contains(cause.getClass().getName())) {
                return cause;
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return cause;
            }
        }
        return null;
    }
}
