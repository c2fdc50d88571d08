package org.citusschemas.it;

import java.net.URL;

/**
 * A test of the module's built WAR, deployed as it is (no test classes inside) to the test run's
 * Payara Micro ({@link TestServer}, shared by the module's test classes) and called over HTTP:
 * extend it, and use {@link #base}.
 */
public abstract class DeployedService {

    /** Where the WAR answers (its context root on the test server). */
    protected final URL base = TestServer.war();
}
