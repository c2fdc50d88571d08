package org.citusschemas.admin.audit;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.citusschemas.admin.database.Noticed;
import org.citusschemas.problem.Problem;

/**
 * Records every request to an {@link Audited} method: who, from where, what, with which
 * parameters, before anything else decides about it (authorization, input, Citus), so a refused
 * request is recorded like one that ran; then what came of it. When the record cannot be written
 * the request is answered 503 and its operation does not run. An outcome that cannot be written
 * (the operation has run by then) is logged, and the record then shows none.
 */
@Provider
@Audited
@Priority(Priorities.AUTHORIZATION - 100)
public class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class.getName());
    private static final String RECORD = AuditFilter.class.getName() + ".record";

    @Inject
    AuditTrail trail;

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String operation =
                resource.getResourceMethod().getAnnotation(Audited.class).value();
        Principal caller = request.getSecurityContext().getUserPrincipal();
        String user = caller == null ? "" : caller.getName();
        String path = "/" + request.getUriInfo().getPath(false);
        try {
            String parameters = AuditedParameters.of(
                    request.getUriInfo().getPathParameters(),
                    request.getUriInfo().getQueryParameters(),
                    head(request));
            long id = trail.request(
                    user, servletRequest.getRemoteAddr(), operation, request.getMethod(), path, parameters);
            request.setProperty(RECORD, id);
        } catch (SQLException e) {
            LOG.log(
                    Level.SEVERE,
                    "Could not record " + request.getMethod() + " " + path + " by " + user
                            + " in the audit trail; refused it",
                    e);
            request.abortWith(Problem.of(
                            Status.SERVICE_UNAVAILABLE,
                            "The audit trail could not record this request, so "
                                    + "nothing was done: " + e.getMessage()
                                    + ". Every change is recorded before it runs "
                                    + "(schema admin_audit on the coordinator: server-config/bin/cluster bootstrap creates it).")
                    .toResponse());
        }
    }

    /** The first bytes of the body, which stays readable whole for the resource after this. */
    private static byte[] head(ContainerRequestContext request) {
        if (!request.hasEntity()) {
            return new byte[0];
        }
        try {
            InputStream body = request.getEntityStream();
            byte[] head = body.readNBytes(AuditedParameters.KEPT_BYTES + 1);
            request.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(head), body));
            return head;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(RECORD) instanceof Long id)) {
            return;
        }
        Object entity = response.getEntity();
        String title = null;
        String detail = null;
        List<String> notices = List.of();
        Long job = null;
        if (entity instanceof Problem problem) {
            title = problem.title();
            detail = problem.detail();
            notices = problem.notices() == null ? List.of() : problem.notices();
        } else if (entity instanceof Noticed noticed) {
            notices = noticed.notices();
        }
        if (entity instanceof Audited.StartsJob started) {
            job = started.jobId();
        }
        try {
            trail.outcome(id, response.getStatus(), title, detail, notices == null ? List.of() : notices, job);
        } catch (SQLException e) {
            LOG.log(
                    Level.SEVERE,
                    "Could not record the outcome (" + response.getStatus() + ") of audit record " + id,
                    e);
        }
    }
}
