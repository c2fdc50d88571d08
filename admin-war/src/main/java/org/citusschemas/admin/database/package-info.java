/**
 * What every feature of the admin API needs to speak to the cluster, and nothing else: running a
 * statement on {@code jdbc/citusadmin} with Citus' notices captured
 * ({@link org.citusschemas.admin.database.AdminDatabase}, {@link org.citusschemas.admin.database.Outcome}),
 * reading rows ({@link org.citusschemas.admin.database.Rows}), validating and quoting the identifiers
 * that come from requests ({@link org.citusschemas.admin.database.SqlNames}; values are always bound
 * parameters), and answering failures as problem+json: the database's
 * ({@link org.citusschemas.admin.database.DatabaseFailureMapper}) and the API's own refusals
 * ({@link org.citusschemas.admin.database.RefusedException}). Each feature's SQL lives in its own
 * package, in its control class.
 */
package org.citusschemas.admin.database;
