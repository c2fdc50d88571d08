/**
 * The operator's REST API over the Citus cluster, so nobody needs a psql session for the
 * tutorial's operations. A package per feature, each with its resource (the HTTP contract), the
 * control class that does the work with its own SQL, and the records it answers with:
 * {@code schemas} (which schemas are distributed and where, distribute, undistribute, move),
 * {@code pins} (keep a schema on its node), {@code placement} (every node's tables and sizes),
 * {@code rebalance} (plan, start, progress, stop, strategies), {@code nodes} (list, add, drain,
 * remove), {@code cleanup} (what moves left behind), {@code services} (onboard a new service),
 * {@code activity} (queries and CPU per schema), {@code metrics} (for Prometheus), {@code audit}
 * (who changed what) and {@code access} (who may use it, and how they log in); the operator
 * console page ({@code console}) on top of it. What they share is in {@code database}. Reached
 * through {@code jdbc/citusadmin}, as the citusadmin role (server-config/src/main/sql/admin-role.sql
 * documents its rights).
 */
package org.citusschemas.admin;
