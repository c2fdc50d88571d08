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
 */
public final class ManagedLikeCluster implements AutoCloseable {

    public static final String COORDINATOR = "127.0.0.21";
    public static final String UNNAMED_ADDRESS = "127.0.0.31";
    public static final List<String> NODES = List.of(COORDINATOR, "127.0.0.22", "127.0.0.23");
    public static final String ADMIN = "citus";

    private final Path dir;
    private final Map<String, String> passwords;
    private final String adminPassword;
    private final String pgBin;

    /** passwords: role to password, as the nodes' password file (the provider) will know them. */
    public ManagedLikeCluster(Path dir, String adminPassword, Map<String, String> passwords) throws Exception {
        this.dir = dir.toAbsolutePath();
        this.adminPassword = adminPassword;
        this.passwords = passwords;
        this.pgBin = run(List.of("pg_config", "--bindir")).trim();
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
        return Map.of("CLUSTER_HOST", COORDINATOR, "CLUSTER_PORT", "5432", "CLUSTER_SSLMODE", "verify-full",
                "CLUSTER_SSLROOTCERT", ca().toString(), "CLUSTER_ADMIN_USER", ADMIN,
                "CLUSTER_ADMIN_PASSWORD_FILE", passwordFile.toString());
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
        StringBuilder pgpass = new StringBuilder("*:*:*:postgres:provider-secret\n*:*:*:" + ADMIN + ":" + adminPassword + "\n");
        passwords.forEach((role, password) -> pgpass.append("*:*:*:").append(role).append(':').append(password).append('\n'));
        Files.writeString(dir.resolve("nodes.pgpass"), pgpass);
        Files.writeString(dir.resolve("superuser.pw"), "provider-secret\n");
        run(List.of("chmod", "600", dir.resolve("nodes.pgpass").toString()));
        run(List.of("chown", "-R", "postgres:", dir.toString()));
        for (String node : NODES) {
            Path data = dir.resolve(node);
            asPostgres(pgBin + "/initdb", "-D", data.toString(), "-U", "postgres", "--pwfile=" + dir.resolve("superuser.pw"),
                    "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C");
            String listen = node.equals(COORDINATOR) ? node + "," + UNNAMED_ADDRESS : node;
            Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                    "listen_addresses = '" + listen + "'", "port = 5432", "unix_socket_directories = '" + data + "'",
                    "shared_preload_libraries = 'citus'", "citus.local_hostname = '" + node + "'", "wal_level = logical",
                    "max_connections = 100", "ssl = on", "ssl_cert_file = '" + dir.resolve(node + ".crt") + "'",
                    "ssl_key_file = '" + dir.resolve(node + ".key") + "'", ""), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust", "hostssl all all 127.0.0.0/8 scram-sha-256", "hostnossl all all 0.0.0.0/0 reject", ""));
            asPostgres("env", "PGPASSFILE=" + dir.resolve("nodes.pgpass"), pgBin + "/pg_ctl", "start", "-w", "-t", "60",
                    "-D", data.toString(), "-l", dir.resolve(node + ".log").toString());
            sql(node, "postgres", "CREATE DATABASE citus");
            sql(node, "citus", "CREATE EXTENSION citus");
        }
        sql(COORDINATOR, "citus", "SELECT citus_set_coordinator_host('" + COORDINATOR + "', 5432)");
        for (String worker : NODES.subList(1, NODES.size())) {
            sql(COORDINATOR, "citus", "SELECT citus_add_node('" + worker + "', 5432)");
        }
        // Created through the coordinator, the admin login is a role Citus knows on every node, so its
        // later GRANTs reach the workers too.
        sql(COORDINATOR, "citus", "CREATE ROLE " + ADMIN + " LOGIN NOSUPERUSER CREATEROLE PASSWORD '" + adminPassword + "'");
        for (String node : NODES) {
            sql(node, "postgres", "ALTER DATABASE citus OWNER TO " + ADMIN);
        }
    }

    /** Runs SQL on a node as the provider's superuser, over the node's private socket. */
    public String sql(String node, String database, String statement) throws Exception {
        return asPostgres(pgBin + "/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-h", dir.resolve(node).toString(),
                "-p", "5432", "-U", "postgres", "-d", database, "-c", statement);
    }

    private void certificates() throws Exception {
        for (String ca : List.of("ca", "other-ca")) {
            run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", dir.resolve(ca + ".key").toString(), "-out", dir.resolve(ca + ".crt").toString(),
                    "-subj", "/CN=Test " + ca));
        }
        for (String node : NODES) {
            Path key = dir.resolve(node + ".key");
            Path request = dir.resolve(node + ".csr");
            Path extensions = dir.resolve(node + ".ext");
            Files.writeString(extensions, "subjectAltName = IP:" + node + "\n");
            run(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                    "-out", request.toString(), "-subj", "/CN=" + node));
            run(List.of("openssl", "x509", "-req", "-in", request.toString(), "-CA", ca().toString(),
                    "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial", "-days", "2",
                    "-extfile", extensions.toString(), "-out", dir.resolve(node + ".crt").toString()));
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
