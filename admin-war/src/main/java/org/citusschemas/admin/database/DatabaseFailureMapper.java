package org.citusschemas.admin.database;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.citusschemas.problem.DatabaseUnavailable;
import org.citusschemas.problem.Problem;

/**
 * What the database said no to, as problem+json. Citus reports most refusals (a schema it cannot
 * distribute, a rebalance already running, a node that still holds data) without a specific
 * SQLSTATE, so anything that is not a connection failure, a missing right or bad input is a 409
 * carrying Citus' own message, detail and hint.
 */
@Provider
public class DatabaseFailureMapper implements ExceptionMapper<SQLException> {

    private static final Logger LOG = Logger.getLogger(DatabaseFailureMapper.class.getName());

    /** When the superuser's functions for node operations were never installed. */
    static final String MANAGED_OUTSIDE = "Nodes of this cluster are managed outside it: adding, draining and "
            + "removing a node need a superuser, and this cluster has no citus_admin functions that do them for the "
            + "admin role (a superuser installs them: server-config/src/main/sql/admin-citus.sql). On a managed Citus "
            + "service, add and remove nodes with the provider's tools; GET /nodes and every schema operation work "
            + "as usual.";

    /** When the bootstrap's login never installed the onboarding function. */
    static final String NO_ONBOARDING = "This cluster has no citus_admin.onboard_service, which creates a service's "
            + "role and schema for the admin role: the bootstrap installs it as its login, a superuser or one with "
            + "CREATEROLE (server-config/src/main/sql/admin-onboard.sql; `server-config/bin/cluster bootstrap` runs it).";

    /** When no superuser installed the pin functions and the strategies that keep pins. */
    static final String NO_PINS = "Pins need a superuser once: the rebalance strategies that keep a pinned schema on "
            + "its node are rows of Citus' pg_dist_rebalance_strategy, which only a superuser may add "
            + "(server-config/src/main/sql/admin-pins.sql, run by the bootstrap as a superuser). This cluster has none, "
            + "so no schema can be pinned here; every other schema operation works as usual.";

    @Override
    public Response toResponse(SQLException exception) {
        Problem problem = problemFor(exception);
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof FailureWithNotices noticed) {
                return problem.withNotices(noticed.notices()).toResponse();
            }
        }
        return problem.toResponse();
    }

    /**
     * The SQLSTATE citus_admin's functions raise for a node operation that would break the cluster
     * (server-config/src/main/sql/admin-citus.sql). The API's own refusals are {@link RefusedException}.
     */
    public static final String REFUSED = "CS409";

    /**
     * io_error: Citus' error when a node it copies a shard to or from goes away in the middle of
     * the copy ("Failed to COPY to shard ...: SSL connection has been closed unexpectedly").
     */
    static final String NODE_LOST = "58030";

    static Problem problemFor(SQLException exception) {
        String state = exception.getSQLState() == null ? "" : exception.getSQLState();
        String message = serverMessage(exception);
        if (state.equals(REFUSED)) {
            LOG.log(Level.INFO, "Refused a node operation: {0}", message);
            return Problem.of(Status.CONFLICT, message);
        }
        if (state.startsWith("08")
                || state.startsWith("57P")
                || state.equals("53300")
                || DatabaseUnavailable.cause(exception) != null) {
            LOG.log(Level.WARNING, "Database unavailable", exception);
            return Problem.of(
                    Status.SERVICE_UNAVAILABLE,
                    "The database behind " + AdminDatabase.DATASOURCE + " is unavailable: " + message);
        }
        if (state.equals(NODE_LOST)) {
            LOG.log(Level.WARNING, "A node failed during a cluster operation: {0}", message);
            return Problem.of(
                    Status.SERVICE_UNAVAILABLE,
                    "A node stopped answering in the middle of the operation, "
                            + "which Citus undid: the data stays where it was. What it had made on the nodes is listed by "
                            + "GET /cleanup until POST /cleanup (or Citus' background cleanup) deletes it. Citus said: "
                            + message);
        }
        if ((state.equals("3F000") || state.equals("42883")) && message.contains("citus_admin")) {
            return Problem.of(
                    Status.CONFLICT,
                    message.contains("onboard_service")
                            ? NO_ONBOARDING
                            : message.contains("pin_schema") ? NO_PINS : MANAGED_OUTSIDE);
        }
        if (state.equals("42501")) {
            return Problem.of(Status.FORBIDDEN, "The admin role may not do this: " + message);
        }
        if (state.startsWith("22")) {
            return Problem.of(Status.BAD_REQUEST, message);
        }
        LOG.log(Level.INFO, "Citus refused an operation: {0}", message);
        return Problem.of(Status.CONFLICT, "Citus refused: " + message);
    }

    /**
     * PgJDBC's message ("ERROR: ...\n  Detail: ...\n  Hint: ...\n  Where: ...", the call stack
     * last and over several lines) without its level or call stack.
     */
    public static String serverMessage(SQLException exception) {
        String message = exception.getMessage() == null ? exception.toString() : exception.getMessage();
        StringBuilder kept = new StringBuilder();
        for (String line : message.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Where:")) {
                break; // the call stack, on this line and the ones after it
            }
            if (trimmed.startsWith("Position:")) {
                continue;
            }
            if (!kept.isEmpty()) {
                kept.append(' ');
            }
            kept.append(trimmed.replaceFirst("^ERROR:\\s*", ""));
        }
        return kept.toString();
    }
}
