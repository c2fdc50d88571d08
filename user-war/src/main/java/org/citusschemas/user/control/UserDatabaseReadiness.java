package org.citusschemas.user.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;
import org.citusschemas.support.health.DatabaseReadiness;
import org.citusschemas.user.UserService;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the service reaches its own schema (/health/ready). */
@Readiness
@ApplicationScoped
public class UserDatabaseReadiness implements HealthCheck {

    @Resource(lookup = UserService.DATASOURCE)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        return DatabaseReadiness.check(dataSource, UserService.ROLE);
    }
}
