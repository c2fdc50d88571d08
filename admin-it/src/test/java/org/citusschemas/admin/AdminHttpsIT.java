package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.citusschemas.it.AdminCertificate;
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

    static AdminCertificate tls;
    static SeparateMicro micro;
    static int httpsPort;

    @BeforeAll
    static void start() throws Exception {
        tls = AdminCertificate.make(Path.of(System.getProperty("cluster.dir"), "https-admin-tls"));
        httpsPort = SeparateMicro.freePort();
        micro = SeparateMicro.start(
                        System.getProperty("service.war"),
                        "https-admin",
                        List.of("-Dadmin.plain-http-credentials=never"),
                        List.of(
                                "--sslport",
                                String.valueOf(httpsPort),
                                "--sslcert",
                                "admin",
                                "--systemproperties",
                                tls.properties().toString()))
                .awaitReady(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (micro != null) {
            micro.close();
        }
    }

    static ServiceClient https(String host) {
        return ServiceClient.overHttps(host, httpsPort, tls.certificate());
    }

    @Test
    void answersOverHttpsToAClientThatTrustsTheGeneratedCertificate() {
        for (String host : List.of("localhost", "127.0.0.1")) {
            HttpReply session = https(host)
                    .as("operator", TestCluster.adminPassword("operator"))
                    .get("session");
            assertEquals(200, session.status(), session::toString);
            assertEquals("operator", session.object().getString("user"), session::toString);
            assertTrue(
                    session.header("Strict-Transport-Security").orElse("").startsWith("max-age="),
                    () -> "HSTS over HTTPS: " + session);
            HttpReply wrong = https(host).as("operator", "wrong").get("session");
            assertEquals(401, wrong.status(), wrong::toString);
        }
        HttpReply page = https("localhost").get("");
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.body().contains("<title>"), page::toString);
        // The page's login over HTTPS: its session cookie is never sent back over plain HTTP.
        HttpReply login = https("localhost")
                .postJson(
                        "session",
                        "{\"user\":\"reader\",\"password\":\"" + TestCluster.adminPassword("reader") + "\"}");
        assertEquals(200, login.status(), login::toString);
        String cookie = login.header("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("; Secure") && cookie.contains("; HttpOnly"), cookie);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateGetsNoAnswer() throws Exception {
        AdminCertificate other =
                AdminCertificate.make(Path.of(System.getProperty("cluster.dir"), "https-admin-other-tls"));
        UncheckedIOException refused = assertThrows(
                UncheckedIOException.class,
                () -> ServiceClient.overHttps("localhost", httpsPort, other.certificate())
                        .get("health"));
        assertTrue(refused.getCause() instanceof SSLHandshakeException, refused::toString);
    }

    @Test
    void refusesCredentialsOverPlainHttpWithoutLookingAtThem() {
        ServiceClient plain = micro.client();
        for (HttpReply refused : List.of(
                plain.as("operator", TestCluster.adminPassword("operator")).get("session"),
                plain.as("operator", TestCluster.adminPassword("operator")).get("schemas"),
                plain.as("operator", "wrong").get("schemas"),
                plain.postJson(
                        "session",
                        "{\"user\":\"operator\",\"password\":\"" + TestCluster.adminPassword("operator") + "\"}"))) {
            assertEquals(403, refused.status(), refused::toString);
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused::toString);
            assertTrue(
                    refused.object().getString("detail").startsWith("Credentials are accepted over HTTPS only"),
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
        String certificate = Files.readString(tls.certificate());
        AdminCertificate.make(tls.dir());
        assertEquals(certificate, Files.readString(tls.certificate()), "a second run reuses the certificate");
        assertTrue(certificate.startsWith("-----BEGIN CERTIFICATE-----"), certificate);
        for (Path secret : List.of(tls.keystore(), tls.properties())) {
            assertEquals(
                    Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(secret),
                    secret::toString);
        }
        assertFalse(micro.log().contains(tls.keystorePassword()), "the keystore's password is not in the log");
    }
}
