/**
 * The operator's REST API over the Citus cluster, so nobody needs a psql session for the
 * tutorial's operations: {@code schemas} (which schemas are distributed and where, distribute,
 * undistribute, move), {@code placement} (every node's tables and sizes), {@code rebalance}
 * (plan, start, progress, stop, strategies), {@code nodes} (list, add, drain, remove),
 * {@code services} (onboard a new service) and {@code activity} (queries and CPU per schema); the
 * operator console page ({@code console}) on top of it, and who may use both ({@code access}). All SQL is in {@code citus}. Reached through
 * {@code jdbc/citusadmin}, as the citusadmin role (server-config/src/main/sql/admin-role.sql
 * documents its rights).
 */
package org.citusschemas.admin;
