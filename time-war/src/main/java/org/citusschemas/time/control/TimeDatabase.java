package org.citusschemas.time.control;

import jakarta.enterprise.context.ApplicationScoped;
import org.citusschemas.support.ServiceDatabase;
import org.citusschemas.time.TimeService;

/**
 * The timeservice schema and its datasource: what the shared migration (at deployment) and the
 * readiness check (/health/ready) work on.
 */
@ApplicationScoped
public class TimeDatabase implements ServiceDatabase {

    @Override
    public String role() {
        return TimeService.ROLE;
    }

    @Override
    public String jndiName() {
        return TimeService.DATASOURCE;
    }
}
