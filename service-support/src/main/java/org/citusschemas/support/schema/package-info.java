/**
 * Versioned schema migrations (Flyway) run when a service is deployed, through the service's own
 * datasource, so that its tables are created by, and owned by, the service's role in its schema.
 */
package org.citusschemas.support.schema;
