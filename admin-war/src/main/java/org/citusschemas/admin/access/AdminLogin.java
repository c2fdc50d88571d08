package org.citusschemas.admin.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.auth.message.callback.PasswordValidationCallback;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.citusschemas.problem.Problem;
import org.citusschemas.problem.ProblemPages;

/**
 * How a caller logs in to the admin API: with HTTP Basic on each request (scripts, curl -u), or
 * once through the console page ({@code POST /session}), which keeps the login in the HTTP session.
 * Either way the password is checked by the server's realm (the "file" realm of web.xml's
 * login-config) through Jakarta Authentication's password validation, so users and groups stay
 * where {@code asadmin create-file-user} puts them.
 *
 * <p>A request the page makes says so with {@code X-Requested-With}: its 401 carries no Basic
 * challenge, which would make the browser open its own login dialog over the page's.
 */
@ApplicationScoped
public class AdminLogin implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(AdminLogin.class.getName());

    @Inject
    LoginThrottle throttle;

    @Inject
    PlainHttp plainHttp;

    /** The realm name a Basic challenge announces. */
    static final String REALM = "Citus schemas admin";
    /** The header the console page sends with each of its requests. */
    public static final String PAGE_REQUEST = "X-Requested-With";
    /**
     * The session attribute that holds the user name of a page login. Its groups are not kept: told
     * of a caller, Payara's handler gives it the realm's groups on every request (a changed group
     * counts at once).
     */
    private static final String SESSION_USER = AdminLogin.class.getName() + ".user";

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        Credential offered = context.getAuthParameters().getCredential();
        String authorization = request.getHeader("Authorization");
        HttpSession session = request.getSession(false);
        boolean credentials = offered != null
                || authorization != null
                || session != null && session.getAttribute(SESSION_USER) != null;
        if (credentials && !plainHttp.allowsCredentials(request)) {
            LOG.warning(() -> "Refused credentials sent over plain HTTP from " + request.getRemoteAddr() + " ("
                    + PlainHttp.SETTING + ")");
            return refuse(request, response, Problem.of(Response.Status.FORBIDDEN, plainHttp.refusal()));
        }
        if (offered instanceof UsernamePasswordCredential pageLogin) {
            return startSession(request, pageLogin, context);
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            Optional<UsernamePasswordCredential> credential =
                    basic(authorization.substring(6).trim());
            if (credential.isEmpty()) {
                return challenge(request, response, context);
            }
            String user = credential.get().getCaller();
            OptionalLong wait = throttle.retryAfter(user, request.getRemoteAddr());
            if (wait.isPresent()) {
                return tooManyFailures(request, response, wait.getAsLong());
            }
            return accepted(credential.get(), request, context)
                    ? notify(user, context)
                    : challenge(request, response, context);
        }
        if (session != null && session.getAttribute(SESSION_USER) instanceof String user) {
            return notify(user, context);
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (isConsolePage(request)) {
            // The page at the root, to a browser not logged in yet: it shows its login form.
            return context.forward(CONSOLE_PAGE);
        }
        return challenge(request, response, context);
    }

    /** The console page's file, which the root shows to a browser before it logs in. */
    private static final String CONSOLE_PAGE = "/console/index.html";

    /** A GET of the application's root, where the console page lives. */
    private static boolean isConsolePage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getMethod().equals("GET") && (path.isEmpty() || path.equals("/"));
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_USER);
        }
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }

    /** The page's login: checked, then kept in a new session (a fresh id, against fixation). */
    private AuthenticationStatus startSession(
            HttpServletRequest request, UsernamePasswordCredential credential, HttpMessageContext context)
            throws AuthenticationException {
        String user = credential.getCaller();
        if (!accepted(credential, request, context)) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true).setAttribute(SESSION_USER, user);
        LOG.info(() -> "Console login of user '" + user + "' from " + request.getRemoteAddr());
        return notify(user, context);
    }

    /** 429 with Retry-After: the throttle's answer, before any password is checked. */
    private static AuthenticationStatus tooManyFailures(
            HttpServletRequest request, HttpServletResponse response, long seconds) throws AuthenticationException {
        response.setHeader("Retry-After", String.valueOf(seconds));
        return refuse(request, response, Problem.of(Response.Status.TOO_MANY_REQUESTS, LoginThrottle.refusal(seconds)));
    }

    /** The problem as the answer, with the security headers (no filter has run yet). */
    private static AuthenticationStatus refuse(
            HttpServletRequest request, HttpServletResponse response, Problem problem) throws AuthenticationException {
        SecurityHeaders.addTo(request, response);
        try {
            ProblemPages.write(problem, response);
        } catch (IOException e) {
            throw new AuthenticationException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static AuthenticationStatus notify(String user, HttpMessageContext context) {
        return context.notifyContainerAboutLogin(() -> user, Set.of());
    }

    private static AuthenticationStatus challenge(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (request.getHeader(PAGE_REQUEST) == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        return context.responseUnauthorized();
    }

    /** user:password of a Basic header, or nothing when it is not that. */
    static Optional<UsernamePasswordCredential> basic(String token) {
        try {
            String pair = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 1
                    ? Optional.empty()
                    : Optional.of(new UsernamePasswordCredential(pair.substring(0, colon), pair.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** The realm's verdict on a user name and password, counted by the throttle. */
    private boolean accepted(
            UsernamePasswordCredential credential, HttpServletRequest request, HttpMessageContext context)
            throws AuthenticationException {
        String user = credential.getCaller();
        Subject subject = new Subject();
        PasswordValidationCallback validation = new PasswordValidationCallback(
                subject, credential.getCaller(), credential.getPassword().getValue());
        try {
            context.getHandler().handle(new Callback[] {validation});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new AuthenticationException("The server could not check the password", e);
        } finally {
            credential.getPassword().clear();
        }
        if (validation.getResult()) {
            throttle.succeeded(user);
        } else {
            throttle.failed(user, request.getRemoteAddr());
        }
        return validation.getResult();
    }
}
