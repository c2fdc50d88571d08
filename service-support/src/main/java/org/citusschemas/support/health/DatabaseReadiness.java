package org.citusschemas.support.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether a service can reach its own schema through its datasource. A service declares a
 * {@code @Readiness} check that delegates here with its datasource and role.
 */
public final class DatabaseReadiness {

    private DatabaseReadiness() {
    }

    public static HealthCheckResponse check(DataSource dataSource, String role) {
        String name = role + "-database";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT has_schema_privilege(current_user, ?, 'USAGE')")) {
            query.setQueryTimeout(2);
            query.setString(1, role);
            try (ResultSet row = query.executeQuery()) {
                boolean usable = row.next() && row.getBoolean(1);
                return HealthCheckResponse.named(name).status(usable).withData("schema", role).build();
            }
        } catch (SQLException e) {
            return HealthCheckResponse.named(name).down().withData("schema", role)
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
