package org.citusschemas.admin.access;

import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code /session}: the console page's login. {@code POST} with a user name and password opens a
 * session (a cookie the browser sends with the page's requests), {@code GET} says who is logged in
 * and what they may do, {@code DELETE} logs out. Scripts need none of this: they send HTTP Basic.
 */
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** A login of the server's file realm. */
    public record LoginRequest(
            @NotNull String user, @NotNull String password) {}

    /** The caller: null when nobody is logged in; {@code operator} when they may change the cluster. */
    public record Session(String user, List<String> roles, boolean operator) {}

    static final List<String> ROLES = List.of("reader", "operator");

    @Inject
    SecurityContext security;

    @Inject
    LoginThrottle throttle;

    @Inject
    PlainHttp plainHttp;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @GET
    public Session current() {
        if (security.getCallerPrincipal() == null) {
            return new Session(null, List.of(), false);
        }
        List<String> roles = ROLES.stream().filter(security::isCallerInRole).toList();
        return new Session(security.getCallerPrincipal().getName(), roles, roles.contains("operator"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Session logIn(@NotNull @Valid LoginRequest login) {
        if (!plainHttp.allowsCredentials(request)) {
            throw new ForbiddenException(plainHttp.refusal());
        }
        OptionalLong wait = throttle.retryAfter(login.user(), request.getRemoteAddr());
        if (wait.isPresent()) {
            throw new WebApplicationException(
                    LoginThrottle.refusal(wait.getAsLong()),
                    Response.status(LoginThrottle.TOO_MANY_REQUESTS)
                            .header("Retry-After", wait.getAsLong())
                            .build());
        }
        AuthenticationStatus status = security.authenticate(
                request,
                response,
                AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(login.user(), login.password()))
                        .newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS) {
            throw new NotAuthorizedException("Wrong user name or password", "Session");
        }
        return current();
    }

    @DELETE
    public Session logOut() throws ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return new Session(null, List.of(), false);
    }
}
