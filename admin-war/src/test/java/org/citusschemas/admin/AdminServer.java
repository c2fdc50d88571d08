package org.citusschemas.admin;

import java.net.URL;
import org.citusschemas.it.ServiceClient;

/**
 * The Payara Micro of admin-war's tests: the admin API and the three services side by side, each
 * at its WAR's name. Arquillian's URL names whichever application it saw last, so clients are
 * built from its port and the context root they need.
 */
final class AdminServer {

    private AdminServer() {
    }

    /** The admin API, not logged in. */
    static ServiceClient api(URL deployment) {
        return new ServiceClient(deployment).sibling("admin-war");
    }

    /** The admin API, logged in as the local "operator" user. */
    static ServiceClient operator(URL deployment) {
        return api(deployment).as("operator", System.getenv("ADMIN_OPERATOR_PASSWORD"));
    }
}
