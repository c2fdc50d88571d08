package org.citusschemas.root;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every path that no application of the server claims, by any method: 404, which problem-json's
 * error page words as problem+json ("Nothing at /path"). Without it Payara Server answers such
 * paths with its own HTML page, or its welcome page at "/".
 */
@WebServlet("/")
public class NotFound extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
