/**
 * The operator's REST API over the Citus cluster: which schemas are distributed and where they
 * live, distributing and moving them, rebalancing, and the nodes. Reached through
 * {@code jdbc/citusadmin}. Only the application exists so far; the API is its own issue.
 */
package org.citusschemas.admin;
