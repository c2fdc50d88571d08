package org.citusschemas.admin.citus;

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
                new SQLException("ERROR: function citus_admin.add_node(unknown, integer) does not exist", "42883")}) {
            Problem problem = problem(missing);
            assertEquals(409, problem.status());
            assertTrue(problem.detail().startsWith("Nodes of this cluster are managed outside it"), problem::detail);
        }
    }

    @Test
    void leavesOtherMissingFunctionsToCitusOwnMessage() {
        Problem problem = problem(new SQLException("ERROR: function citus_schema_move(text) does not exist", "42883"));
        assertEquals(409, problem.status());
        assertTrue(problem.detail().startsWith("Citus refused: function citus_schema_move"), problem::detail);
    }
}
