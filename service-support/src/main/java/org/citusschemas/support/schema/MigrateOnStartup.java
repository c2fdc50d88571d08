package org.citusschemas.support.schema;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import org.citusschemas.support.ServiceDatabase;

/**
 * Brings the service's schema to the version its WAR expects while the WAR is deployed, before
 * it serves a request; a failed migration fails the deployment.
 */
@ApplicationScoped
public class MigrateOnStartup {

    // CDI's Startup event comes once per application (@Initialized(ApplicationScoped) once per bean archive).
    void migrate(@Observes Startup started, ServiceDatabase database) {
        SchemaMigrations.apply(database.dataSource(), database.role());
    }
}
