package org.citusschemas.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Where the test run's Citus comes from: containers of the official image (Testcontainers), this
 * machine's PostgreSQL with Citus installed (the launcher), or plain PostgreSQL without Citus, whose
 * Citus tests skip loudly. {@code CLUSTER_MODE} forces one; unset (or {@code auto}) takes the first
 * that this machine has, in that order. A test run asked for a managed-like cluster
 * ({@code cluster.managed}) gets {@link ManagedLikeCluster}, which the launcher sets up as a user's
 * own cluster.
 */
public enum ClusterMode {
    CONTAINERS,
    LOCAL,
    POSTGRES,
    MANAGED;

    /** The launcher's name for the mode (its CLUSTER_MODE). */
    public String launcherName() {
        return this == MANAGED ? "external" : name().toLowerCase(Locale.ROOT);
    }

    public boolean isCitus() {
        return this != POSTGRES;
    }

    /**
     * The mode CLUSTER_MODE asks for, or the first available one; with why, for the run's banner.
     * Null for a managed-like cluster on a machine without Citus, or where CLUSTER_MODE=postgres asks
     * for no Citus at all: its tests then skip loudly.
     */
    static Choice choose() {
        if (Boolean.getBoolean("cluster.managed")) {
            return ManagedLikeCluster.unavailableBecause() == null
                    ? new Choice(MANAGED, "asked for by cluster.managed")
                    : null;
        }
        String asked = System.getenv().getOrDefault("CLUSTER_MODE", "auto").toLowerCase(Locale.ROOT);
        switch (asked) {
            case "containers":
                String missing = CitusContainers.unavailableBecause();
                if (missing != null) {
                    throw new IllegalStateException("CLUSTER_MODE=containers, but " + missing);
                }
                return new Choice(CONTAINERS, "forced by CLUSTER_MODE=containers");
            case "local":
            case "citus":
                if (!citusInstalled()) {
                    throw new IllegalStateException(
                            "CLUSTER_MODE=local, but the Citus extension is not installed in "
                                    + "this machine's PostgreSQL (no /usr/lib/postgresql/<major>/lib/citus.so, nor in pg_config --pkglibdir)");
                }
                return new Choice(LOCAL, "forced by CLUSTER_MODE=local");
            case "postgres":
                return new Choice(POSTGRES, "forced by CLUSTER_MODE=postgres");
            case "auto":
                String noContainers = CitusContainers.unavailableBecause();
                if (noContainers == null) {
                    return new Choice(CONTAINERS, "Docker answers and has the image");
                }
                if (citusInstalled()) {
                    return new Choice(LOCAL, "no containers (" + noContainers + "), Citus is installed locally");
                }
                return new Choice(POSTGRES, "no containers (" + noContainers + ") and no local Citus");
            default:
                throw new IllegalStateException(
                        "CLUSTER_MODE must be auto, containers, local or postgres, not '" + asked + "'");
        }
    }

    /** Whether CLUSTER_MODE=postgres asks for no Citus at all. */
    public static boolean forcedPlain() {
        return "postgres".equalsIgnoreCase(System.getenv("CLUSTER_MODE"));
    }

    record Choice(ClusterMode mode, String why) {}

    /** Whether this machine's PostgreSQL has the Citus extension (see {@link #citusBinDir()}). */
    public static boolean citusInstalled() {
        return citusBinDir() != null;
    }

    /**
     * The server binaries of this machine's PostgreSQL with Citus, found as the launcher finds them:
     * the newest major under {@code /usr/lib/postgresql} (PG_ROOT) whose library directory has
     * citus.so, else pg_config's when its pkglibdir has it; null where none has.
     */
    public static Path citusBinDir() {
        Path root = Path.of(System.getenv().getOrDefault("PG_ROOT", "/usr/lib/postgresql"));
        try (var majors = Files.list(root)) {
            Path newest = majors.filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .filter(dir -> Files.isRegularFile(dir.resolve("lib/citus.so"))
                            && Files.isExecutable(dir.resolve("bin/postgres")))
                    .max(java.util.Comparator.comparingInt(
                            dir -> Integer.parseInt(dir.getFileName().toString())))
                    .orElse(null);
            if (newest != null) {
                return newest.resolve("bin");
            }
        } catch (Exception noSuchRoot) {
            // not a Debian layout: ask pg_config
        }
        try {
            String libdir = pgConfig("--pkglibdir");
            return libdir != null && Files.isRegularFile(Path.of(libdir, "citus.so"))
                    ? Path.of(pgConfig("--bindir"))
                    : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String pgConfig(String what) throws Exception {
        Process pgConfig =
                new ProcessBuilder("pg_config", what).redirectErrorStream(true).start();
        String answer = new String(pgConfig.getInputStream().readAllBytes()).trim();
        return pgConfig.waitFor(10, TimeUnit.SECONDS) && pgConfig.exitValue() == 0 ? answer : null;
    }
}
