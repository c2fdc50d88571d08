package org.citusschemas.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the test run's {@link TestCluster} when the JUnit Platform opens its session (before the
 * first test class, so before Arquillian starts Payara Micro with the rendered post-boot file),
 * and removes it when the session closes, pass or fail. A module whose tests run clusters of
 * their own (the launcher's tests) leaves {@code cluster.fixture} unset and gets none.
 */
public final class TestClusterSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (Boolean.getBoolean("cluster.fixture")) {
            TestCluster.start();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestCluster.stop();
    }
}
