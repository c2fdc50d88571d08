package org.citusschemas.admin;

import java.net.URL;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.ServiceWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Payara Micro of admin-war's tests, which each test class extends: the admin API and the
 * three services side by side, each at its WAR's name. Arquillian's URL names whichever
 * application it saw last, so clients are built from its port and the context root they need.
 */
@ExtendWith(ArquillianExtension.class)
abstract class AdminServer {

    @Deployment(testable = false)
    static WebArchive admin() {
        return ServiceWar.built();
    }

    /** Any deployed application's URL: only its port counts. */
    @ArquillianResource
    URL deployment;

    /** The server's root, for /health and the services' WARs ({@code sibling}). */
    ServiceClient server() {
        return new ServiceClient(deployment);
    }

    /** The admin API, not logged in. */
    ServiceClient api() {
        return server().sibling("admin-war");
    }

    /** The admin API, logged in as the local "operator" user. */
    ServiceClient operator() {
        return api().as("operator", System.getenv("ADMIN_OPERATOR_PASSWORD"));
    }
}
