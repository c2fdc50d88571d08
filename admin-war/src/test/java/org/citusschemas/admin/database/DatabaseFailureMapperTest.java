package org.citusschemas.admin.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.citusschemas.problem.Problem;
import org.junit.jupiter.api.Test;

class DatabaseFailureMapperTest {

    static Problem problem(SQLException failure) {
        return DatabaseFailureMapper.problemFor(failure);
    }

    @Test
    void saysNodesAreManagedOutsideTheClusterWhenTheSuperusersFunctionsAreMissing() {
        for (SQLException missing : new SQLException[] {
            new SQLException("ERROR: schema \"citus_admin\" does not exist\n  Position: 8", "3F000"),
            new SQLException("ERROR: function citus_admin.add_node(unknown, integer) does not exist", "42883")
        }) {
            Problem problem = problem(missing);
            assertEquals(409, problem.status());
            assertTrue(problem.detail().startsWith("Nodes of this cluster are managed outside it"), problem::detail);
        }
    }

    @Test
    void namesTheBootstrapScriptWhenTheOnboardingFunctionIsMissing() {
        Problem problem = problem(new SQLException(
                "ERROR: function citus_admin.onboard_service(unknown, unknown) does not exist", "42883"));
        assertEquals(409, problem.status());
        assertTrue(problem.detail().startsWith("This cluster has no citus_admin.onboard_service"), problem::detail);
        assertTrue(problem.detail().contains("admin-onboard.sql"), problem::detail);
    }

    @Test
    void saysPinsNeedASuperuserOnceWhenThePinFunctionsAreMissing() {
        for (String function : new String[] {"pin_schema(unknown, unknown)", "unpin_schema(unknown)"}) {
            Problem problem =
                    problem(new SQLException("ERROR: function citus_admin." + function + " does not exist", "42883"));
            assertEquals(409, problem.status());
            assertTrue(problem.detail().startsWith("Pins need a superuser once"), problem::detail);
        }
    }

    @Test
    void leavesOtherMissingFunctionsToCitusOwnMessage() {
        Problem problem = problem(new SQLException("ERROR: function citus_schema_move(text) does not exist", "42883"));
        assertEquals(409, problem.status());
        assertTrue(problem.detail().startsWith("Citus refused: function citus_schema_move"), problem::detail);
    }

    @Test
    void answersTheAdminFunctionsOwnRefusalsAs409InTheirOwnWords() {
        Problem problem = problem(new SQLException(
                "ERROR: cannot remove the coordinator 127.0.0.1:9700: it holds the "
                        + "cluster's metadata and routes every query\n  Hint: Only workers can be drained or removed.\n"
                        + "  Where: PL/pgSQL function citus_admin.check_node_operation(text,text,integer) line 25 at RAISE\n"
                        + "SQL statement \"SELECT citus_admin.check_node_operation('remove', node_name, node_port)\"\n"
                        + "PL/pgSQL function citus_admin.remove_node(text,integer) line 5 at PERFORM",
                DatabaseFailureMapper.REFUSED));
        assertEquals(409, problem.status());
        assertEquals(
                "cannot remove the coordinator 127.0.0.1:9700: it holds the cluster's metadata and routes every "
                        + "query Hint: Only workers can be drained or removed.",
                problem.detail());
    }

    @Test
    void keepsAConnectionFailureOfTheAdminDatabaseA503() {
        Problem problem = problem(new SQLException("Connection refused", "08001"));
        assertEquals(503, problem.status());
    }

    @Test
    void answersANodeLostInTheMiddleOfAMoveAs503PointingAtTheCleanup() {
        Problem problem = problem(new SQLException(
                "ERROR: Failed to COPY to shard userservice.users_102010 : SSL "
                        + "connection has been closed unexpectedly\n,\n  Detail: failed to send 54 bytes  on node 3\n"
                        + "  Where: while executing command on worker1:5432",
                "58030"));
        assertEquals(503, problem.status());
        assertTrue(
                problem.detail().startsWith("A node stopped answering in the middle of the operation"),
                problem::detail);
        assertTrue(problem.detail().contains("GET /cleanup"), problem::detail);
        assertTrue(
                problem.detail()
                        .endsWith("Citus said: Failed to COPY to shard userservice.users_102010 : SSL connection "
                                + "has been closed unexpectedly , Detail: failed to send 54 bytes  on node 3"),
                problem::detail);
    }

    @Test
    void answersAConnectionThePoolCouldNotOpenAs503NotAsCitusRefusal() {
        // The pool's failure carries no SQLSTATE: its cause says the database is away.
        SQLException failure = new SQLException(
                "Error in allocating a connection. Cause: Connection could not be "
                        + "allocated because: The connection attempt failed.",
                new jakarta.resource.spi.ResourceAllocationException("The connection attempt failed."));
        Problem problem = problem(failure);
        assertEquals(503, problem.status());
        assertTrue(problem.detail().contains("is unavailable"), problem::detail);
    }
}
