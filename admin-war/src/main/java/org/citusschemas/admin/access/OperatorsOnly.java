package org.citusschemas.admin.access;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import org.citusschemas.problem.Problem;

/**
 * Every change (any method but GET, HEAD and OPTIONS) needs the operator role; the page's own
 * login ({@link SessionResource}) excepted. web.xml lets any logged-in admin user through to here,
 * so that the audit trail, whose filter runs first, records a reader's attempt too.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class OperatorsOnly implements ContainerRequestFilter {

    public static final String OPERATOR = "operator";

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (CrossSiteRequests.SAFE_METHODS.contains(request.getMethod())
                || resource.getResourceClass() == SessionResource.class
                || request.getSecurityContext().isUserInRole(OPERATOR)) {
            return;
        }
        request.abortWith(Problem.of(
                        Status.FORBIDDEN,
                        "Your user may only read: " + request.getMethod()
                                + " changes the cluster and needs the operator role (group citus-operators)")
                .toResponse());
    }
}
