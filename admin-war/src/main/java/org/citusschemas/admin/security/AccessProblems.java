package org.citusschemas.admin.security;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.citusschemas.problem.Problem;

/**
 * The error page (web.xml) for the container's own 401 and 403: the same problem+json as every
 * other error of the API, saying which role the request needed.
 */
@WebServlet("/problems/*")
public class AccessProblems extends HttpServlet {

    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpServletResponse.SC_NOT_FOUND;
        String method = request.getMethod();
        String detail = switch (status) {
            case HttpServletResponse.SC_UNAUTHORIZED ->
                    "Log in (HTTP Basic) as a user of group citus-readers (to read) or citus-operators (to change)";
            case HttpServletResponse.SC_FORBIDDEN -> "Your user may only read: " + method
                    + " changes the cluster and needs the operator role (group citus-operators)";
            default -> "No such page";
        };
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.toJson(Problem.of(Response.Status.fromStatusCode(status), detail)));
    }
}
