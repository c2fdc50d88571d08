package org.citusschemas.problem;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code GET /openapi} of every WAR that packages problem-json (META-INF/web-fragment.xml): the
 * WAR's own OpenAPI document, {@code META-INF/openapi.yaml}, as it is written. The document is the
 * contract, kept true to the code by each module's OpenApiDocumentTest; serving it costs nothing.
 *
 * <p>Payara's own MicroProfile OpenAPI endpoint is switched off (server-config's pre-boot file):
 * at its first request it parsed every class of the archive, libraries included, to build a
 * document of its own, and a service at its 144 MB heap died of it (OutOfMemoryError: GC overhead
 * limit exceeded). An exact mapping ({@code /openapi}) wins over Payara's {@code /openapi/*}
 * where a WAR is at the server's root.
 */
public class OpenApiDocument extends HttpServlet {

    static final String DOCUMENT = "META-INF/openapi.yaml";
    /** RFC 9512. */
    static final String MEDIA_TYPE = "application/yaml";

    private byte[] document;

    @Override
    public void init() throws ServletException {
        try (InputStream in = getServletContext().getClassLoader().getResourceAsStream(DOCUMENT)) {
            document = in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new ServletException("Cannot read " + DOCUMENT, e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (document == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }
}
