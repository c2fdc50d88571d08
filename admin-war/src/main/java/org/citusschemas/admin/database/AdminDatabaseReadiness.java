package org.citusschemas.admin.database;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the admin datasource reaches the coordinator; says whether Citus is installed there.
 * The datasource is looked up by its global name: Payara Server runs health checks from its own
 * /health application, where this WAR's java:comp/env (and so @Resource) is not bound.
 */
@Readiness
@ApplicationScoped
public class AdminDatabaseReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        DataSource dataSource;
        try {
            dataSource = InitialContext.doLookup(AdminDatabase.DATASOURCE);
        } catch (NamingException e) {
            return HealthCheckResponse.named("citusadmin-database")
                    .down()
                    .withData("error", "no datasource " + AdminDatabase.DATASOURCE)
                    .build();
        }
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.setQueryTimeout(2);
            try (ResultSet row =
                    sql.executeQuery("SELECT (SELECT extversion FROM pg_extension WHERE extname = 'citus')")) {
                row.next();
                String citus = row.getString(1);
                return HealthCheckResponse.named("citusadmin-database")
                        .up()
                        .withData("citus", citus == null ? "not installed" : citus)
                        .build();
            }
        } catch (SQLException e) {
            return HealthCheckResponse.named("citusadmin-database")
                    .down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
