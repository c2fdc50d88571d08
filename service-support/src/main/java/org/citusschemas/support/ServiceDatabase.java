package org.citusschemas.support;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * A service's own database: its role (also its schema's name and its migrations' folder) and
 * the JNDI name of its server-managed datasource. Each service WAR has exactly one, a CDI bean;
 * the shared schema migration and readiness check use it.
 */
public interface ServiceDatabase {

    String role();

    String jndiName();

    /**
     * Looked up by its global name, not injected: the migration runs while the application is
     * still being prepared, before its component environment (java:comp/env) exists.
     */
    default DataSource dataSource() {
        try {
            return InitialContext.doLookup(jndiName());
        } catch (NamingException e) {
            throw new IllegalStateException(
                    "No datasource " + jndiName() + " on this server: create it with the "
                            + "server-config commands for " + role() + " (server-config/bin/cluster post-boot " + role()
                            + ")",
                    e);
        }
    }
}
