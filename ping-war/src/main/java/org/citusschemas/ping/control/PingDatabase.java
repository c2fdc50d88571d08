package org.citusschemas.ping.control;

import jakarta.enterprise.context.ApplicationScoped;
import org.citusschemas.ping.PingService;
import org.citusschemas.support.ServiceDatabase;

/**
 * The pingservice schema and its datasource: what the shared migration (at deployment) and the
 * readiness check (/health/ready) work on.
 */
@ApplicationScoped
public class PingDatabase implements ServiceDatabase {

    @Override
    public String role() {
        return PingService.ROLE;
    }

    @Override
    public String jndiName() {
        return PingService.DATASOURCE;
    }
}
