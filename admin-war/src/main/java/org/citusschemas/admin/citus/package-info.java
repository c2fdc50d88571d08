/**
 * The one place where the admin API speaks to Citus: {@link org.citusschemas.admin.citus.CitusOperations}
 * holds every SQL statement, one method per operation, over {@code jdbc/citusadmin};
 * {@link org.citusschemas.admin.citus.SqlNames} validates and quotes the identifiers that come
 * from requests; values are always bound parameters. Citus' NOTICE and WARNING messages come back
 * with each result ({@link org.citusschemas.admin.citus.Outcome}).
 */
package org.citusschemas.admin.citus;
