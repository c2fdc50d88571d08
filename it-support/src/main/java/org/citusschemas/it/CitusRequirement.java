package org.citusschemas.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need a real Citus cluster: when the local PostgreSQL has no Citus extension, or
 * the test cluster is told to run plain PostgreSQL ({@code CLUSTER_MODE=postgres}), the test is
 * skipped, and says so loudly on the console and in its report, naming itself.
 */
public final class CitusRequirement {

    private CitusRequirement() {
    }

    /** Whether the PostgreSQL the launcher finds has the Citus extension (citus.so in its pkglibdir). */
    public static boolean installed() {
        try {
            Process pgConfig = new ProcessBuilder("pg_config", "--pkglibdir").redirectErrorStream(true).start();
            String libdir = new String(pgConfig.getInputStream().readAllBytes()).trim();
            return pgConfig.waitFor(10, TimeUnit.SECONDS) && pgConfig.exitValue() == 0
                    && Files.isRegularFile(Path.of(libdir, "citus.so"));
        } catch (Exception e) {
            return false;
        }
    }

    /** Skips the calling test, loudly, unless the test cluster runs Citus. */
    public static void assumeInstalled(String test) {
        String why = null;
        if ("postgres".equals(System.getenv("CLUSTER_MODE"))) {
            why = "the test cluster runs plain PostgreSQL (CLUSTER_MODE=postgres). Unset CLUSTER_MODE to run it "
                    + "against a real Citus cluster.";
        } else if (!installed()) {
            why = "the Citus extension is not installed in the local PostgreSQL (pg_config --pkglibdir has no "
                    + "citus.so). Install Citus for PostgreSQL 15 to run it against a real Citus cluster.";
        }
        if (why != null) {
            String message = "SKIPPED, NEEDS CITUS: " + test + " did not run because " + why;
            System.err.println("\n" + "!".repeat(100) + "\n" + message + "\n" + "!".repeat(100) + "\n");
            Assumptions.abort(message);
        }
    }
}
