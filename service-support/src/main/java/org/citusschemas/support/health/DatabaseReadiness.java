package org.citusschemas.support.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.citusschemas.support.ServiceDatabase;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready ({@code /health/ready}) when the service reaches its own schema through its datasource. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    ServiceDatabase database;

    @Override
    public HealthCheckResponse call() {
        String role = database.role();
        String name = role + "-database";
        try (Connection connection = database.dataSource().getConnection();
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
