/**
 * The time service: tells the current time and logs who asked, in the {@code timeservice}
 * schema through the {@code jdbc/timeservice} datasource. {@code boundary} is the HTTP contract,
 * {@code control} the work, {@code entity} the table.
 */
package org.citusschemas.time;
