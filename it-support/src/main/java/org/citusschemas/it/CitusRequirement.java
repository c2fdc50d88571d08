package org.citusschemas.it;

import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need a real Citus cluster, or its nodes in containers: when the test run's
 * cluster is not one, the test is skipped, and says so loudly on the console and in its report,
 * naming itself and why.
 */
public final class CitusRequirement {

    private CitusRequirement() {}

    /** Skips the calling test, loudly, unless the test run's cluster runs Citus. */
    public static void assumeInstalled(String test) {
        ClusterMode mode = TestCluster.mode();
        boolean forcedPlain = ClusterMode.forcedPlain();
        boolean citus = mode != null ? mode.isCitus() : !forcedPlain && ClusterMode.citusInstalled();
        if (!citus) {
            String why = forcedPlain
                    ? "the test cluster runs plain PostgreSQL (CLUSTER_MODE=postgres). Unset CLUSTER_MODE to run it "
                            + "against a real Citus cluster."
                    : mode == null
                            ? "this test run has no cluster: the managed-like cluster it asks for is built from the Citus "
                                    + "extension in this machine's PostgreSQL, which is not installed (no /usr/lib/postgresql/<major>/lib/citus.so, nor in pg_config --pkglibdir)."
                            : "this machine has no Citus: neither Docker with the " + CitusContainers.image()
                                    + " image nor "
                                    + "the Citus extension in its PostgreSQL. Install Docker (or Citus for PostgreSQL 15) to run it "
                                    + "against a real Citus cluster.";
            skipLoudly("NEEDS CITUS", test, why);
        }
    }

    /** Skips the calling test, loudly, unless the test run's cluster runs in containers. */
    public static void assumeContainers(String test) {
        if (TestCluster.mode() != ClusterMode.CONTAINERS) {
            skipLoudly(
                    "NEEDS CONTAINERS",
                    test,
                    "the test cluster runs in " + TestCluster.mode() + " mode, not in containers of "
                            + CitusContainers.image() + " (Docker, or CLUSTER_MODE=containers).");
        }
    }

    /** Skips the calling test with a banner that names it and says why. */
    public static void skipLoudly(String need, String test, String why) {
        String message = "SKIPPED, " + need + ": " + test + " did not run because " + why;
        System.err.println("\n" + "!".repeat(100) + "\n" + message + "\n" + "!".repeat(100) + "\n");
        Assumptions.abort(message);
    }
}
