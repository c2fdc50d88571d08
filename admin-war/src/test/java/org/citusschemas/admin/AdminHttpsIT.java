package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.Listening;
import org.citusschemas.it.SeparateMicro;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API over HTTPS as the local run serves it: the certificate server-config/bin/admin-certificate
 * makes (once, then reused), Payara Micro with {@code --sslport} and that keystore, and the
 * setting that refuses credentials over plain HTTP ({@code admin.plain-http-credentials=never}; the
 * default, loopback, is what every other test runs with).
 */
class AdminHttpsIT {

    static Path tls;
    static SeparateMicro micro;
    static int httpsPort;

    static Path certificate() {
        return tls.resolve("admin.crt");
    }

    /** Runs the certificate script on the directory; its output. */
    static String makeCertificate(Path dir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("admin.certificate.script"), dir.toString())
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process script = builder.start();
        assertTrue(script.waitFor(60, TimeUnit.SECONDS), "admin-certificate did not finish");
        String output = new String(script.getInputStream().readAllBytes());
        assertEquals(0, script.exitValue(), output);
        return output;
    }

    @BeforeAll
    static void start() throws Exception {
        tls = Path.of(System.getProperty("cluster.dir"), "https-admin-tls");
        makeCertificate(tls);
        httpsPort = SeparateMicro.freePort();
        micro = SeparateMicro.start(System.getProperty("service.war"), "https-admin",
                List.of("-Dadmin.plain-http-credentials=never"),
                List.of("--sslport", String.valueOf(httpsPort), "--sslcert", "admin",
                        "--systemproperties", tls.resolve("admin-tls.properties").toString()))
                .awaitReady(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (micro != null) {
            micro.close();
        }
    }

    static ServiceClient https(String host) {
        return ServiceClient.overHttps(host, httpsPort, certificate());
    }

    @Test
    void answersOverHttpsToAClientThatTrustsTheGeneratedCertificate() {
        for (String host : List.of("localhost", "127.0.0.1")) {
            HttpReply session = https(host).as("operator", TestCluster.adminPassword("operator")).get("session");
            assertEquals(200, session.status(), session::toString);
            assertEquals("operator", session.object().getString("user"), session::toString);
            assertTrue(session.header("Strict-Transport-Security").orElse("").startsWith("max-age="),
                    () -> "HSTS over HTTPS: " + session);
            HttpReply wrong = https(host).as("operator", "wrong").get("session");
            assertEquals(401, wrong.status(), wrong::toString);
        }
        HttpReply page = https("localhost").get("");
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.body().contains("<title>"), page::toString);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateGetsNoAnswer() throws Exception {
        Path other = Path.of(System.getProperty("cluster.dir"), "https-admin-other-tls");
        makeCertificate(other);
        UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                () -> ServiceClient.overHttps("localhost", httpsPort, other.resolve("admin.crt")).get("health"));
        assertTrue(refused.getCause() instanceof SSLHandshakeException, refused::toString);
    }

    @Test
    void refusesCredentialsOverPlainHttpWithoutLookingAtThem() {
        ServiceClient plain = micro.client();
        for (HttpReply refused : List.of(plain.as("operator", TestCluster.adminPassword("operator")).get("session"),
                plain.as("operator", TestCluster.adminPassword("operator")).get("schemas"),
                plain.as("operator", "wrong").get("schemas"),
                plain.postJson("session", "{\"user\":\"operator\",\"password\":\"" + TestCluster.adminPassword("operator") + "\"}"))) {
            assertEquals(403, refused.status(), refused::toString);
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused::toString);
            assertTrue(refused.object().getString("detail").startsWith("Credentials are accepted over HTTPS only"),
                    refused::toString);
            assertFalse(refused.body().contains(TestCluster.adminPassword("operator")), refused::toString);
        }
        assertEquals(200, plain.get("health/live").status(), "what needs no login still answers over HTTP");
        assertTrue(micro.log().contains("Refused credentials sent over plain HTTP"), "the refusal is logged");
        assertFalse(micro.log().contains(TestCluster.adminPassword("operator")), "and the password is not");
    }

    @Test
    void listensOnLoopbackOnly() {
        Set<InetAddress> addresses = Listening.addresses(httpsPort);
        assertFalse(addresses.isEmpty(), "nothing listens on the HTTPS port");
        for (InetAddress address : addresses) {
            assertTrue(address.isLoopbackAddress(), addresses::toString);
        }
    }

    @Test
    void makesTheCertificateOnceAndKeepsItsKeyPrivate() throws Exception {
        String certificate = Files.readString(certificate());
        makeCertificate(tls);
        assertEquals(certificate, Files.readString(certificate()), "a second run reuses the certificate");
        assertTrue(certificate.startsWith("-----BEGIN CERTIFICATE-----"), certificate);
        for (String secret : List.of("admin.p12", "admin-tls.properties")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(tls.resolve(secret)), secret);
        }
        assertFalse(micro.log().contains(keystorePassword()), "the keystore's password is not in the log");
    }

    static String keystorePassword() throws IOException {
        return Files.readAllLines(tls.resolve("admin-tls.properties")).stream()
                .filter(line -> line.startsWith("javax.net.ssl.keyStorePassword=")).findFirst().orElseThrow()
                .substring("javax.net.ssl.keyStorePassword=".length());
    }
}
