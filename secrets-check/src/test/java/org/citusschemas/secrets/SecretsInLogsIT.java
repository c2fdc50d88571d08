package org.citusschemas.secrets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No log of this test run holds a secret the run generated. The secrets are whatever the run wrote
 * to its secret files under each module's {@code target/}: the roles' and admin users' passwords
 * ({@code credentials.env}, {@code secrets/}), the managed-like provider's and its admin login's
 * ({@code *.pw}, {@code *.password}, {@code *.pgpass}), the admin API's keystore password
 * ({@code admin-tls.properties}), a service's password the admin API generated at onboarding (the
 * test that saw it keeps it in {@code secrets/}) and every private key ({@code *.key}, PEM). The
 * logs are every log the run wrote there: the test reports with the servers' output
 * (Payara Micro's through Arquillian), Payara Server's {@code server.log}, the separate servers',
 * the launchers', the PostgreSQL nodes' and the browser driver's.
 */
class SecretsInLogsIT {

    static final Path ROOT = Path.of(System.getProperty("root.dir"));
    /** Shorter values could occur by chance (a port, a word); every generated secret is longer. */
    static final int SHORTEST = 8;

    static final Pattern PEM_BODY = Pattern.compile("[A-Za-z0-9+/=]{40,}");

    static List<Path> targetFiles() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path target : modules.map(m -> m.resolve("target"))
                    .filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> walk = Files.walk(target)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !isInDatabaseDirectory(f))
                            .forEach(files::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** PostgreSQL's data directories hold the server's files, not logs. */
    static boolean isInDatabaseDirectory(Path file) {
        for (Path dir = file.getParent(); dir != null && !dir.equals(ROOT); dir = dir.getParent()) {
            if (Files.exists(dir.resolve("PG_VERSION"))) {
                return true;
            }
        }
        return false;
    }

    static boolean isLog(Path file) {
        String name = file.getFileName().toString();
        String path = file.toString();
        return name.endsWith(".log")
                || name.matches("server\\.log.*")
                || (path.contains("/failsafe-reports") || path.contains("/surefire-reports"))
                        && (name.endsWith(".txt") || name.endsWith(".xml"))
                || path.contains("/it-cluster/logs/")
                || path.contains("/launcher-it/logs/");
    }

    /** Each secret the run wrote, and the file it came from. */
    static Map<String, Path> secrets(List<Path> files) throws IOException {
        Map<String, Path> secrets = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            List<String> values = new ArrayList<>();
            if (name.equals("credentials.env")) {
                for (String line : lines(file)) {
                    if (line.contains("=") && !line.startsWith("#")) {
                        values.add(unquoted(line.substring(line.indexOf('=') + 1)));
                    }
                }
            } else if (name.equals("pgpass") || name.endsWith(".pgpass")) {
                for (String line : lines(file)) {
                    values.add(line.substring(line.lastIndexOf(':') + 1));
                }
            } else if (name.endsWith(".password") || name.endsWith(".pw")) {
                values.add(Files.readString(file, StandardCharsets.UTF_8).strip());
            } else if (name.equals("admin-tls.properties")) {
                for (String line : lines(file)) {
                    if (line.startsWith("javax.net.ssl.keyStorePassword=")) {
                        values.add(line.substring(line.indexOf('=') + 1));
                    }
                }
            } else if (name.endsWith(".key")) {
                for (String line : lines(file)) {
                    if (PEM_BODY.matcher(line).matches()) {
                        values.add(line);
                    }
                }
            }
            values.stream().filter(v -> v.length() >= SHORTEST).forEach(v -> secrets.putIfAbsent(v, file));
        }
        return secrets;
    }

    static String unquoted(String value) {
        String v = value.strip();
        return v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))
                ? v.substring(1, v.length() - 1)
                : v;
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    }

    @Test
    void noLogOfTheTestRunHoldsAGeneratedSecret() throws IOException {
        List<Path> files = targetFiles();
        Map<String, Path> secrets = secrets(files);
        List<Path> logs = files.stream().filter(SecretsInLogsIT::isLog).toList();
        System.out.printf(
                "Looking for %d generated secrets in %d logs (%d MB)%n",
                secrets.size(),
                logs.size(),
                logs.stream().mapToLong(SecretsInLogsIT::size).sum() / (1024 * 1024));
        assertTrue(
                secrets.size() >= 7,
                () -> "a test run writes at least the seven passwords of its cluster's " + "credentials.env; found "
                        + secrets.size() + ": was this run after the others (mvn verify)?");
        assertTrue(
                logs.stream().anyMatch(l -> l.toString().contains("admin-it/target/failsafe-reports")),
                "the admin API's test reports are among the logs");
        // The servers the tests talk to write their own logs (it-support's TestServer), not the reports.
        for (String server :
                List.of("admin-it/target/it-cluster/test-server.log", "user-war/target/it-cluster/test-server.log")) {
            assertTrue(
                    logs.stream().anyMatch(l -> l.toString().endsWith(server)),
                    "the test server's log " + server + " is among the logs");
        }

        List<String> found = new ArrayList<>();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            secrets.forEach((secret, source) -> {
                int at = text.indexOf(secret);
                if (at >= 0) {
                    found.add(ROOT.relativize(log) + " (line "
                            + (text.substring(0, at).lines().count() + 1) + ") holds the secret from "
                            + ROOT.relativize(source));
                }
            });
        }
        assertTrue(found.isEmpty(), () -> String.join("\n", found));
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
