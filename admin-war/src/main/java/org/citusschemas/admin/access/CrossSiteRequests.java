package org.citusschemas.admin.access;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Set;

/**
 * No change to the cluster from another site's page. A browser says where a request comes from:
 * {@code Sec-Fetch-Site} (every current browser) and {@code Origin} (on every request that is not
 * a GET or HEAD). A request that may change something (any method but GET, HEAD and OPTIONS) is
 * refused with a 403 when either names another site, whatever login it carries: the page's session
 * cookie, or Basic credentials a browser remembered. Scripts send neither header and pass; the
 * page's own requests are same-origin and pass. The session cookie is also {@code SameSite=Strict}
 * (web.xml), and changing requests take JSON bodies, which a plain cross-site form cannot send.
 */
@Provider
@PreMatching
public class CrossSiteRequests implements ContainerRequestFilter {

    /** The methods that change nothing here (JAX-RS answers OPTIONS itself). */
    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private static final Set<String> SAME_SITE_FETCH = Set.of("same-origin", "none");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        if (fetchSite != null && !SAME_SITE_FETCH.contains(fetchSite)) {
            throw refused(request.getMethod(), "the browser marked it " + fetchSite);
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !origin.equals(origin(request.getUriInfo()))) {
            throw refused(request.getMethod(), "it comes from a page of " + origin);
        }
    }

    /** This API's own origin as the request addressed it: scheme://host[:port]. */
    private static String origin(UriInfo uri) {
        URI base = uri.getBaseUri();
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    private static ForbiddenException refused(String method, String why) {
        return new ForbiddenException("Refused a cross-site " + method + ": " + why + ", and only the admin API's "
                + "own page or a client that is no browser may change the cluster");
    }
}
