package org.citusschemas.user.control;

import jakarta.enterprise.context.ApplicationScoped;
import org.citusschemas.support.ServiceDatabase;
import org.citusschemas.user.UserService;

/**
 * The userservice schema and its datasource: what the shared migration (at deployment) and the
 * readiness check (/health/ready) work on.
 */
@ApplicationScoped
public class UserDatabase implements ServiceDatabase {

    @Override
    public String role() {
        return UserService.ROLE;
    }

    @Override
    public String jndiName() {
        return UserService.DATASOURCE;
    }
}
