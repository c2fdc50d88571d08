package org.citusschemas.problem;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void findsAConnectionFailureWrappedDeepInsideOtherExceptions() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:9700 refused", "08001");
        RuntimeException wrapped =
                new RuntimeException("transaction failed", new IllegalStateException("jpa", refused));
        assertSame(refused, DatabaseUnavailable.cause(wrapped));
    }

    @Test
    void findsARefusedSocketUnderAnSqlExceptionWithoutState() {
        ConnectException socket = new ConnectException("Connection refused");
        SQLException pool = new SQLException("Error in allocating a connection", (String) null, socket);
        assertSame(socket, DatabaseUnavailable.cause(pool));
    }

    @Test
    void findsAServerShuttingDown() {
        SQLException shutdown = new SQLException("terminating connection due to administrator command", "57P01");
        assertSame(shutdown, DatabaseUnavailable.cause(shutdown));
    }

    @Test
    void findsAStatementCancelledByTheStatementTimeout() {
        SQLException cancelled = new SQLException("canceling statement due to statement timeout", "57014");
        assertSame(cancelled, DatabaseUnavailable.cause(new RuntimeException("query failed", cancelled)));
    }

    @Test
    void findsACommitThatFailedOnItsConnection() {
        // As Payara reports it: the XAException carries the connection's failure in its message only.
        jakarta.transaction.SystemException commit = new jakarta.transaction.SystemException();
        commit.initCause(new javax.transaction.xa.XAException(
                "jakarta.resource.spi.LocalTransactionException: An I/O error occurred while sending to the backend."));
        RuntimeException transactional = new jakarta.transaction.TransactionalException(
                "Managed bean with Transactional annotation and TxType of REQUIRED encountered exception during commit",
                commit);
        assertSame(commit, DatabaseUnavailable.cause(transactional));
    }

    @Test
    void leavesOtherDatabaseErrorsAlone() {
        assertNull(DatabaseUnavailable.cause(new SQLException("duplicate key", "23505")));
        assertNull(DatabaseUnavailable.cause(new SQLException("permission denied for schema x", "42501")));
        assertNull(DatabaseUnavailable.cause(new IllegalArgumentException("no")));
    }
}
