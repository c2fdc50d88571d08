package org.citusschemas.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Citus cluster that imitates a managed service, for the tests of "your own cluster": a
 * coordinator on 127.0.0.21 and workers on 127.0.0.22 and .23, each on port 5432 and registered in
 * Citus under its address; clients only over TLS (certificates of a CA made here with openssl),
 * with passwords; the admin login {@code citus} is NOSUPERUSER CREATEROLE and owns the database.
 * How the nodes log in to each other is the provider's business: here a password file the nodes
 * read, with the passwords the test gives the product. The coordinator also listens on
 * 127.0.0.31, an address its certificate does not name.
 *
 * <p>The nodes are this machine's PostgreSQL with Citus (local), or containers of the test run's
 * Citus image ({@link CitusContainers#image()}), so the same tests run under each line's PostgreSQL
 * and its role rules. {@code MANAGED_NODES} chooses ({@code local} or {@code containers}); unset,
 * containers where Docker has the image, else local. The containers share the host's network
 * namespace, so each listens on its own loopback address exactly as a local node would (nothing
 * else is reachable: listen_addresses names only those addresses), with the same certificates,
 * settings and password file, copied in at their start.
 */
public final class ManagedLikeCluster implements AutoCloseable {

    public static final String COORDINATOR = "127.0.0.21";
    public static final String UNNAMED_ADDRESS = "127.0.0.31";
    public static final List<String> NODES = List.of(COORDINATOR, "127.0.0.22", "127.0.0.23");
    public static final String ADMIN = "citus";
    /** Every container of a managed-like cluster carries it; closing removes them all. */
    static final String LABEL = "org.citusschemas.managed-like";
    /** Clients only over TLS, with passwords; the provider's own socket trusted. */
    private static final String HBA = String.join(
            "\n",
            "local all all trust",
            "hostssl all all 127.0.0.0/8 scram-sha-256",
            "hostnossl all all 0.0.0.0/0 reject",
            "");

    private final Path dir;
    private final Map<String, String> passwords;
    private final String adminPassword;
    private final String pgBin;
    /** The containers' image, or null for this machine's PostgreSQL. */
    private final String image;

    /** passwords: role to password, as the nodes' password file (the provider) will know them. */
    public ManagedLikeCluster(Path dir, String adminPassword, Map<String, String> passwords) throws Exception {
        this.dir = dir.toAbsolutePath();
        this.adminPassword = adminPassword;
        this.passwords = passwords;
        this.image = inContainers() ? CitusContainers.image() : null;
        this.pgBin = image == null ? String.valueOf(ClusterMode.citusBinDir()) : null;
    }

    /** Whether the nodes run in containers (MANAGED_NODES, else where Docker has the image). */
    static boolean inContainers() {
        String asked = System.getenv().getOrDefault("MANAGED_NODES", "").trim().toLowerCase(java.util.Locale.ROOT);
        return switch (asked) {
            case "containers" -> true;
            case "local" -> false;
            case "" -> CitusContainers.unavailableBecause() == null;
            default ->
                throw new IllegalStateException("MANAGED_NODES must be local or containers, not '" + asked + "'");
        };
    }

    /** Why a managed-like cluster cannot be had here, or null when it can. */
    public static String unavailableBecause() {
        if (ClusterMode.forcedPlain()) {
            return "CLUSTER_MODE=postgres forbids Citus";
        }
        if (inContainers()) {
            String missing = CitusContainers.unavailableBecause();
            return missing == null ? null : "its nodes would be containers, but " + missing;
        }
        return ClusterMode.citusInstalled()
                ? null
                : "its nodes would be this machine's PostgreSQL, which lacks the Citus extension, and Docker has no Citus image";
    }

    /** Where the nodes run, for a run's banner. */
    public String nodesDescription() {
        return image != null
                ? "containers of " + image + " on the host's loopback addresses"
                : "this machine's PostgreSQL (" + pgBin + ")";
    }

    public String adminPassword() {
        return adminPassword;
    }

    /**
     * What a user gives the launcher for this cluster: the coordinator's address, TLS verified
     * against the CA, the admin login, and its password, written here to a file of mode 600.
     */
    public Map<String, String> launcherSettings(Path passwordFile) throws IOException, InterruptedException {
        Files.writeString(passwordFile, adminPassword + "\n");
        run(List.of("chmod", "600", passwordFile.toString()));
        return Map.of(
                "CLUSTER_HOST",
                COORDINATOR,
                "CLUSTER_PORT",
                "5432",
                "CLUSTER_SSLMODE",
                "verify-full",
                "CLUSTER_SSLROOTCERT",
                ca().toString(),
                "CLUSTER_ADMIN_USER",
                ADMIN,
                "CLUSTER_ADMIN_PASSWORD_FILE",
                passwordFile.toString());
    }

    public Path ca() {
        return dir.resolve("ca.crt");
    }

    public Path otherCa() {
        return dir.resolve("other-ca.crt");
    }

    public void start() throws Exception {
        close();
        run(List.of("rm", "-rf", dir.toString()));
        Files.createDirectories(dir);
        certificates();
        StringBuilder pgpass =
                new StringBuilder("*:*:*:postgres:provider-secret\n*:*:*:" + ADMIN + ":" + adminPassword + "\n");
        passwords.forEach((role, password) -> pgpass.append("*:*:*:")
                .append(role)
                .append(':')
                .append(password)
                .append('\n'));
        Files.writeString(dir.resolve("nodes.pgpass"), pgpass);
        Files.writeString(dir.resolve("superuser.pw"), "provider-secret\n");
        run(List.of("chmod", "600", dir.resolve("nodes.pgpass").toString()));
        run(List.of("chown", "-R", "postgres:", dir.toString()));
        if (image != null) {
            Files.writeString(dir.resolve("pg_hba.conf"), HBA); // copied into each node's container
        }
        for (String node : NODES) {
            if (image != null) {
                startContainer(node);
            } else {
                startLocal(node);
            }
        }
        sql(COORDINATOR, "citus", "SELECT citus_set_coordinator_host('" + COORDINATOR + "', 5432)");
        for (String worker : NODES.subList(1, NODES.size())) {
            sql(COORDINATOR, "citus", "SELECT citus_add_node('" + worker + "', 5432)");
        }
        // Created through the coordinator, the admin login is a role Citus knows on every node, so its
        // later GRANTs reach the workers too.
        sql(
                COORDINATOR,
                "citus",
                "CREATE ROLE " + ADMIN + " LOGIN NOSUPERUSER CREATEROLE PASSWORD '" + adminPassword + "'");
        for (String node : NODES) {
            sql(node, "postgres", "ALTER DATABASE citus OWNER TO " + ADMIN);
        }
    }

    private void startLocal(String node) throws Exception {
        Path data = dir.resolve(node);
        asPostgres(
                pgBin + "/initdb",
                "-D",
                data.toString(),
                "-U",
                "postgres",
                "--pwfile=" + dir.resolve("superuser.pw"),
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C");
        String listen = node.equals(COORDINATOR) ? node + "," + UNNAMED_ADDRESS : node;
        Files.writeString(
                data.resolve("postgresql.conf"),
                String.join(
                        "\n",
                        "listen_addresses = '" + listen + "'",
                        "port = 5432",
                        "unix_socket_directories = '" + data + "'",
                        "shared_preload_libraries = 'citus'",
                        "citus.local_hostname = '" + node + "'",
                        "wal_level = logical",
                        "max_connections = 100",
                        "ssl = on",
                        "ssl_cert_file = '" + dir.resolve(node + ".crt") + "'",
                        "ssl_key_file = '" + dir.resolve(node + ".key") + "'",
                        ""),
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(data.resolve("pg_hba.conf"), HBA);
        asPostgres(
                "env",
                "PGPASSFILE=" + dir.resolve("nodes.pgpass"),
                pgBin + "/pg_ctl",
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                data.toString(),
                "-l",
                dir.resolve(node + ".log").toString());
        sql(node, "postgres", "CREATE DATABASE citus");
        sql(node, "citus", "CREATE EXTENSION citus");
    }

    private static String container(String node) {
        return "managed-like-" + node.replace('.', '-');
    }

    /**
     * One node as a container of the image, on the host's network: the image's own entrypoint makes
     * the database (and Citus in it) on the first start; the certificate, key, password file and
     * pg_hba.conf are copied in for its postgres user first (a key must be the server's own, mode 600).
     */
    private void startContainer(String node) throws Exception {
        String listen = node.equals(COORDINATOR) ? node + "," + UNNAMED_ADDRESS : node;
        String files = "/etc/managed-like";
        String setup =
                "mkdir -p " + files + " && install -o postgres -g postgres -m 600 /provider/" + node + ".crt /provider/"
                        + node + ".key /provider/nodes.pgpass /provider/pg_hba.conf " + files
                        + "/ && exec env PGPASSFILE=" + files
                        + "/nodes.pgpass docker-entrypoint.sh \"$@\"";
        run(List.of(
                "docker",
                "run",
                "-d",
                "--name",
                container(node),
                "--label",
                LABEL,
                "--network",
                "host",
                "-v",
                dir + ":/provider:ro",
                "-e",
                "POSTGRES_PASSWORD=provider-secret",
                "-e",
                "POSTGRES_DB=citus",
                "--entrypoint",
                "bash",
                image,
                "-c",
                setup,
                "node",
                "postgres",
                "-c",
                "listen_addresses=" + listen,
                "-c",
                "port=5432",
                "-c",
                "shared_preload_libraries=citus",
                "-c",
                "citus.local_hostname=" + node,
                "-c",
                "wal_level=logical",
                "-c",
                "max_connections=100",
                "-c",
                "ssl=on",
                "-c",
                "ssl_cert_file=" + files + "/" + node + ".crt",
                "-c",
                "ssl_key_file=" + files + "/" + node + ".key",
                "-c",
                "hba_file=" + files + "/pg_hba.conf"));
        // Ready when the final server (not the image's first-start one, which listens on no address) answers.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            Process ready = new ProcessBuilder(
                            "docker", "exec", container(node), "pg_isready", "-q", "-h", node, "-p", "5432")
                    .redirectErrorStream(true)
                    .start();
            ready.getInputStream().readAllBytes();
            if (ready.waitFor(30, TimeUnit.SECONDS) && ready.exitValue() == 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        node + " (container " + container(node) + ") did not answer within 2 minutes:\n"
                                + run(List.of("docker", "logs", "--tail", "30", container(node))));
            }
            Thread.sleep(500);
        }
        sql(node, "citus", "CREATE EXTENSION IF NOT EXISTS citus");
    }

    /** Runs SQL on a node as the provider's superuser, over the node's private socket. */
    public String sql(String node, String database, String statement) throws Exception {
        if (image != null) {
            return run(List.of(
                    "docker",
                    "exec",
                    "-u",
                    "postgres",
                    container(node),
                    "psql",
                    "-X",
                    "-q",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "-At",
                    "-U",
                    "postgres",
                    "-d",
                    database,
                    "-c",
                    statement));
        }
        return asPostgres(
                pgBin + "/psql",
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-At",
                "-h",
                dir.resolve(node).toString(),
                "-p",
                "5432",
                "-U",
                "postgres",
                "-d",
                database,
                "-c",
                statement);
    }

    /**
     * The provider's part of a new service role: the nodes let each other in as it, with its
     * password stored for Citus' connections between them (pg_dist_authinfo, which only a
     * superuser may write) on every node.
     */
    public void letNodesIn(String role, String password) throws Exception {
        if (!role.matches("[a-z_][a-z0-9_]*") || !password.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("a service role and a generated password, not " + role);
        }
        for (String node : NODES) {
            sql(
                    node,
                    "citus",
                    "INSERT INTO pg_dist_authinfo (nodeid, rolename, authinfo) VALUES (0, '" + role + "', 'password="
                            + password + "'), (-1, '" + role + "', 'password=" + password + "')");
        }
    }

    /** Removes a role and everything it owns and may do, as the provider's superuser, through the coordinator. */
    public void dropRole(String role) throws Exception {
        if (!role.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a service role: " + role);
        }
        sql(COORDINATOR, "citus", "DROP SCHEMA IF EXISTS " + role + " CASCADE");
        sql(COORDINATOR, "citus", "DROP OWNED BY " + role);
        sql(COORDINATOR, "citus", "DROP ROLE IF EXISTS " + role);
        for (String node : NODES) {
            sql(node, "citus", "DELETE FROM pg_dist_authinfo WHERE rolename = '" + role + "'");
        }
    }

    private void certificates() throws Exception {
        for (String ca : List.of("ca", "other-ca")) {
            run(List.of(
                    "openssl",
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "2",
                    "-keyout",
                    dir.resolve(ca + ".key").toString(),
                    "-out",
                    dir.resolve(ca + ".crt").toString(),
                    "-subj",
                    "/CN=Test " + ca));
        }
        for (String node : NODES) {
            Path key = dir.resolve(node + ".key");
            Path request = dir.resolve(node + ".csr");
            Path extensions = dir.resolve(node + ".ext");
            Files.writeString(extensions, "subjectAltName = IP:" + node + "\n");
            run(List.of(
                    "openssl",
                    "req",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-keyout",
                    key.toString(),
                    "-out",
                    request.toString(),
                    "-subj",
                    "/CN=" + node));
            run(List.of(
                    "openssl",
                    "x509",
                    "-req",
                    "-in",
                    request.toString(),
                    "-CA",
                    ca().toString(),
                    "-CAkey",
                    dir.resolve("ca.key").toString(),
                    "-CAcreateserial",
                    "-days",
                    "2",
                    "-extfile",
                    extensions.toString(),
                    "-out",
                    dir.resolve(node + ".crt").toString()));
            run(List.of("chmod", "600", key.toString()));
        }
    }

    private String asPostgres(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(List.of(command));
        return run(full);
    }

    public static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    @Override
    public void close() throws Exception {
        if (image != null) {
            String ids = run(List.of("docker", "ps", "-aq", "--filter", "label=" + LABEL))
                    .trim();
            if (!ids.isEmpty()) {
                List<String> remove = new ArrayList<>(List.of("docker", "rm", "-f", "-v"));
                remove.addAll(List.of(ids.split("\\s+")));
                run(remove);
            }
            return;
        }
        for (String node : NODES) {
            Path data = dir.resolve(node);
            if (Files.isDirectory(data)) {
                try {
                    asPostgres(pgBin + "/pg_ctl", "stop", "-w", "-m", "fast", "-D", data.toString());
                } catch (IllegalStateException notRunning) {
                    // already stopped
                }
            }
        }
    }
}
