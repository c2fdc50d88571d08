/**
 * The audit trail: every request that changes the cluster, whoever made it and whatever became
 * of it, kept in the coordinator's schema {@code admin_audit} (server-config/src/main/sql/admin-audit.sql),
 * to which the admin role may only add. {@link AuditFilter} writes a request's record before the
 * operation runs (and refuses the operation with a 503 when it cannot) and its outcome after;
 * {@link AuditResource} serves {@code GET /audit}; {@link JobEnds} records when rebalances end.
 */
package org.citusschemas.admin.audit;
