package org.citusschemas.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Talks HTTP to a deployed service, as curl would, always over loopback: the deployment's URL
 * (which Arquillian builds from the machine's network address) keeps only its port and path.
 */
public final class ServiceClient {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    public ServiceClient(URL deployment) {
        this(
                URI.create("http://127.0.0.1:" + deployment.getPort()
                        + (deployment.getPath().endsWith("/") ? deployment.getPath() : deployment.getPath() + "/")),
                null,
                HTTP);
    }

    private ServiceClient(URI base, String authorization, HttpClient http) {
        this.base = base;
        this.authorization = authorization;
        this.http = http;
    }

    /**
     * A client of {@code https://host:port/} that trusts exactly the certificate in that PEM file
     * (as {@code curl --cacert} does), and checks the host name against it.
     */
    public static ServiceClient overHttps(String host, int port, Path trustedCertificate) {
        try (InputStream pem = Files.newInputStream(trustedCertificate)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(
                    "trusted", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return new ServiceClient(
                    URI.create("https://" + host + ":" + port + "/"),
                    null,
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(5))
                            .sslContext(tls)
                            .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + trustedCertificate, e);
        }
    }

    /** The same client, logging in with HTTP Basic. */
    public ServiceClient as(String user, String password) {
        String credentials = java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new ServiceClient(base, "Basic " + credentials, http);
    }

    /** Another application on the same server, at the given context root. */
    public ServiceClient sibling(String contextRoot) {
        return new ServiceClient(base.resolve("/" + contextRoot + "/"), authorization, http);
    }

    public URI base() {
        return base;
    }

    public HttpReply get(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).GET());
    }

    /** The reply, or null while nothing answers on the port yet (a server still starting). */
    public HttpReply getOrNull(String path) {
        try {
            return get(path);
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    public HttpReply postJson(String path, String json) {
        return post(path, "application/json", json);
    }

    public HttpReply post(String path, String contentType, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** Any method, with a body of that content type or none. */
    public HttpReply send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body, java.util.Map.of());
    }

    /** Any method, with a body of that content type or none, and these headers besides. */
    public HttpReply send(
            String method, String path, String contentType, String body, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request);
    }

    /** A PUT without a body (the admin API's pin). */
    public HttpReply put(String path) {
        return send("PUT", path, null, null);
    }

    public HttpReply delete(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).DELETE());
    }

    /** A path relative to the application, or, with a leading '/', to the server ({@code /health/ready}). */
    private URI resolve(String path) {
        return base.resolve(path);
    }

    private HttpReply send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            ContractConformance.check(response);
            return new HttpReply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
