package org.citusschemas.support.schema;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.citusschemas.problem.DatabaseUnavailable;
import org.citusschemas.support.ServiceDatabase;

/**
 * Brings the service's schema to the version its WAR expects. It tries while the WAR is deployed;
 * a database that is down then does not fail the deployment (the service starts and answers 503),
 * and the next request or readiness check migrates once the database is back. Any other migration
 * failure fails the deployment.
 */
@ApplicationScoped
public class ServiceSchema {

    private static final Logger LOG = Logger.getLogger(ServiceSchema.class.getName());

    @Inject
    ServiceDatabase database;

    private volatile boolean current;

    // CDI's Startup event comes once per application (@Initialized(ApplicationScoped) once per bean archive).
    void migrateAtStartup(@Observes Startup started) {
        try {
            ensureCurrent();
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.cause(e) == null) {
                throw e;
            }
            LOG.log(
                    Level.WARNING,
                    "The database of {0} is unavailable ({1}); the schema will be migrated " + "when it is back",
                    new Object[] {database.role(), e.getMessage()});
        }
    }

    /** Migrates now unless that was done; throws when the database cannot be reached. */
    public void ensureCurrent() {
        if (current) {
            return;
        }
        synchronized (this) {
            if (!current) {
                SchemaMigrations.apply(database.dataSource(), database.role());
                current = true;
            }
        }
    }
}
