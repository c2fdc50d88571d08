package org.citusschemas.problem;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.citusschemas.problem.json.BodyLimit;

/**
 * The error page (META-INF/web-fragment.xml) for what the web container answers by itself inside
 * a WAR: a login it wants (401), a role it refuses (403), a body over the servlet limits (413),
 * an exception that escaped everything (500). The same problem+json as every other error. A WAR
 * words its own 401 and 403 with the context parameters {@code problem.detail.401} and
 * {@code problem.detail.403} ({@code {method}} stands for the request's method).
 */
public class ProblemPages extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ProblemPages.class.getName());

    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : HttpServletResponse.SC_NOT_FOUND;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof Throwable thrown) {
            LOG.log(Level.SEVERE, "Request failed in the web container", thrown);
        }
        String configured = getServletContext().getInitParameter("problem.detail." + status);
        String detail =
                configured != null ? configured.replace("{method}", request.getMethod()) : detail(status, request);
        Response.Status known = Response.Status.fromStatusCode(status);
        Problem problem = new Problem(
                "about:blank", known == null ? "Error" : known.getReasonPhrase(), status, detail, null, null);
        write(problem, response);
    }

    /**
     * Answers with the problem and commits the answer: for code that runs before any application
     * (an authentication mechanism), whose sendError messages the container does not pass on.
     */
    public static void write(Problem problem, HttpServletResponse response) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.toJson(problem));
        response.flushBuffer();
    }

    private static String detail(int status, HttpServletRequest request) {
        // The error's own address; when /problems/... itself is asked for, that address.
        Object error = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object path = error != null ? error : request.getRequestURI();
        return switch (status) {
            case HttpServletResponse.SC_UNAUTHORIZED -> "This needs a login";
            case HttpServletResponse.SC_FORBIDDEN -> "Your login may not " + request.getMethod() + " here";
            case HttpServletResponse.SC_NOT_FOUND -> "Nothing at " + path;
            case HttpServletResponse.SC_METHOD_NOT_ALLOWED -> "Method " + request.getMethod() + " is not allowed here";
            case HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE ->
                BodyLimit.tooLarge().getMessage();
            case HttpServletResponse.SC_INTERNAL_SERVER_ERROR ->
                "Unexpected server error; details are in the server log";
            default -> {
                Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
                yield message == null || message.toString().isBlank()
                        ? "The request could not be served"
                        : message.toString();
            }
        };
    }
}
