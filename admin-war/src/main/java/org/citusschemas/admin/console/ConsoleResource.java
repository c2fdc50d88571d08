package org.citusschemas.admin.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/**
 * The console page at the API's root ({@code /}) and its files ({@code /console/{file}}, its
 * script's modules in folders below), open to anyone: they hold no data, and the page asks the
 * caller to log in before it shows any.
 */
@Path("")
public class ConsoleResource {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "svg", "image/svg+xml");

    /**
     * The files the page is made of: folders and a file named in lower case letters, digits and
     * dashes, a dot and a known extension, nothing else (so no {@code ..}, no other file of the
     * classpath, nothing the browser would take for another type).
     */
    private static final String FILE = "(?:[a-z][a-z0-9-]*/)*[a-z][a-z0-9-]*\\.(?:html|css|js|svg)";

    @GET
    public Response page() {
        return file("index.html");
    }

    @GET
    @Path("console/{file: " + FILE + "}")
    public Response asset(@PathParam("file") String name) {
        return file(name);
    }

    private static Response file(String name) {
        InputStream content = ConsoleResource.class.getResourceAsStream("/console/" + name);
        if (content == null) {
            throw new NotFoundException("The console has no file " + name);
        }
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        return Response.ok(content, type).cacheControl(revalidate).build();
    }
}
