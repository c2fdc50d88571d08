package org.citusschemas.support.schema;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Before a request reaches a resource, the schema is current: after a start with the database
 * down this migrates on the first request once it is back (or answers 503 while it is not).
 * Once migrated it costs one volatile read.
 */
@Provider
@PreMatching
public class SchemaCurrentFilter implements ContainerRequestFilter {

    @Inject
    ServiceSchema schema;

    @Override
    public void filter(ContainerRequestContext request) {
        schema.ensureCurrent();
    }
}
