package org.citusschemas.time.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;
import org.citusschemas.support.health.DatabaseReadiness;
import org.citusschemas.time.TimeService;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the service reaches its own schema (/health/ready). */
@Readiness
@ApplicationScoped
public class TimeDatabaseReadiness implements HealthCheck {

    @Resource(lookup = TimeService.DATASOURCE)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        return DatabaseReadiness.check(dataSource, TimeService.ROLE);
    }
}
