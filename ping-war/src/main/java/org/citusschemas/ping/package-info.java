/**
 * The ping service: pings a host and stores the output, in the {@code pingservice} schema through
 * the {@code jdbc/pingservice} datasource. {@code boundary} is the HTTP contract (and the host
 * check that keeps anything but a host name or address away from the ping command),
 * {@code control} the work, {@code entity} the table.
 */
package org.citusschemas.ping;
