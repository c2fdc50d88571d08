/**
 * The user service: registers users in batches and lists them, from the {@code userservice}
 * schema through the {@code jdbc/userservice} datasource. {@code boundary} is the HTTP contract,
 * {@code control} the work, {@code entity} the table.
 */
package org.citusschemas.user;
