package org.citusschemas.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of the module's built WAR, deployed as it is (no test classes inside) to the test run's
 * Payara Micro and called over HTTP: extend it, and use {@link #base}.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedService {

    @Deployment(testable = false)
    public static WebArchive service() {
        return ServiceWar.built();
    }

    /** Where the WAR answers (its context root on the test server). */
    @ArquillianResource
    protected URL base;
}
