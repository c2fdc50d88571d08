package org.citusschemas.it;

import java.util.regex.Pattern;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the test run's {@link TestCluster} when the JUnit Platform opens its session (before the
 * first test class, so before Arquillian starts Payara Micro with the rendered post-boot file),
 * and removes it when the session closes, pass or fail, after stopping the run's {@link TestServer}.
 * A module whose tests run clusters of their own (the launcher's tests) leaves {@code cluster.fixture}
 * unset and gets none.
 */
public final class TestClusterSession implements LauncherSessionListener {

    /** Environment variables whose value is a secret: the roles' and admin users' passwords, and the like. */
    static final Pattern SECRET = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|PRIVATE|_KEY).*");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        keepSecretsOutOfSystemProperties();
        if (Boolean.getBoolean("cluster.fixture")) {
            TestCluster.start();
        }
    }

    /**
     * Arquillian copies every environment variable into the JVM's system properties as
     * {@code env.NAME} (to resolve {@code ${env.NAME}} in arquillian.xml), unless that property is
     * already set; and the test reports list the system properties. So the secret ones are set
     * first, to a word that says why: no password reaches a report that way.
     */
    static void keepSecretsOutOfSystemProperties() {
        System.getenv().keySet().stream()
                .filter(name -> SECRET.matcher(name).matches())
                .forEach(name -> System.setProperty("env." + name, "(a secret: not copied)"));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestServer.stop();
        TestCluster.stop();
    }
}
