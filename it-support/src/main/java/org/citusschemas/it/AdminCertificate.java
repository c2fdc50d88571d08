package org.citusschemas.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The admin API's TLS certificate as the local run makes it (server-config/bin/admin-certificate,
 * named by the system property {@code admin.certificate.script}), in a directory of a test's own:
 * the certificate clients trust, the PKCS #12 keystore and the properties file Payara Micro reads.
 */
public record AdminCertificate(Path dir) {

    private static final String PASSWORD_PROPERTY = "javax.net.ssl.keyStorePassword=";

    /** Runs the script on the directory (it makes the files once and reuses them after). */
    public static AdminCertificate make(Path dir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("admin.certificate.script"), dir.toString())
                .redirectErrorStream(true);
        // keytool from the JDK the tests run on, whatever the PATH holds.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process script = builder.start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(script.waitFor(60, TimeUnit.SECONDS), "admin-certificate did not finish");
        assertEquals(0, script.exitValue(), output);
        return new AdminCertificate(dir);
    }

    /** The certificate (PEM): what a client trusts. */
    public Path certificate() {
        return dir.resolve("admin.crt");
    }

    /** The key and certificate, alias "admin". */
    public Path keystore() {
        return dir.resolve("admin.p12");
    }

    /** The keystore's location and password, for Payara Micro's {@code --systemproperties}. */
    public Path properties() {
        return dir.resolve("admin-tls.properties");
    }

    public String keystorePassword() throws IOException {
        return Files.readAllLines(properties()).stream()
                .filter(line -> line.startsWith(PASSWORD_PROPERTY))
                .findFirst()
                .orElseThrow()
                .substring(PASSWORD_PROPERTY.length());
    }
}
