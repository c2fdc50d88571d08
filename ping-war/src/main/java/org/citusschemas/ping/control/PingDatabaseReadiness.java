package org.citusschemas.ping.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;
import org.citusschemas.support.health.DatabaseReadiness;
import org.citusschemas.ping.PingService;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the service reaches its own schema (/health/ready). */
@Readiness
@ApplicationScoped
public class PingDatabaseReadiness implements HealthCheck {

    @Resource(lookup = PingService.DATASOURCE)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        return DatabaseReadiness.check(dataSource, PingService.ROLE);
    }
}
