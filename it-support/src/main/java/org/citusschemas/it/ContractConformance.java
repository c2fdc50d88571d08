package org.citusschemas.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every answer a test gets through {@link ServiceClient} from an operation of one of the four
 * WARs is checked against the OpenAPI document that WAR serves: a status the operation does not
 * name, another content type, or a body its schema does not allow fails the test at that call.
 * So the documents' statuses, errors and bodies stay true to what the servers answer, in every
 * integration test, hostile ones included. Requests are not checked (tests send wrong ones on
 * purpose), nor paths and methods the document has no operation for (a 404 or 405 of the
 * container's, TRACE): those are outside the contract.
 */
final class ContractConformance {

    /**
     * The WARs, as the tests deploy them: each at its name, so a new service's WAR is checked too.
     * One without a document (no /openapi) is left alone.
     */
    private static final Pattern WAR = Pattern.compile("^/([a-z][a-z0-9-]*-war)(/.*)?$");

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private ContractConformance() {}

    /** Fails when the answer is not one the WAR's document allows for the operation asked. */
    static void check(HttpResponse<String> response) {
        HttpRequest request = response.request();
        Matcher war = WAR.matcher(request.uri().getRawPath());
        if (!war.matches() || !METHODS.contains(request.method())) {
            return;
        }
        String path = war.group(2) == null ? "/" : war.group(2);
        URI document = request.uri().resolve("/" + war.group(1) + "/openapi");
        // Only a document read is kept: a server still starting (its WAR not deployed yet) is asked
        // again at the next answer, rather than left unchecked for the rest of the run.
        OpenApiInteractionValidator known = VALIDATORS.get(document.toString());
        Optional<OpenApiInteractionValidator> validator = known != null ? Optional.of(known) : validator(document);
        if (validator.isEmpty()) {
            return;
        }
        VALIDATORS.putIfAbsent(document.toString(), validator.get());
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach(answer::withHeader);
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        ValidationReport report = validator
                .get()
                .validateResponse(
                        path, Request.Method.valueOf(request.method().toUpperCase(Locale.ROOT)), answer.build());
        if (report.hasErrors()) {
            throw new AssertionError(
                    "The answer to " + request.method() + " " + request.uri().getRawPath() + " ("
                            + response.statusCode() + ", "
                            + response.headers().firstValue("Content-Type").orElse("no content type")
                            + ") is not one /" + war.group(1) + "/openapi allows: "
                            + report.getMessages().stream()
                                    .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                                    .map(m -> m.getKey() + ": " + m.getMessage())
                                    .collect(Collectors.joining("; "))
                            + "\nbody: " + response.body());
        }
    }

    /** The document the WAR serves, or none (a server that serves none: nothing to check). */
    private static Optional<OpenApiInteractionValidator> validator(URI document) {
        try {
            HttpResponse<String> served = HTTP.send(
                    HttpRequest.newBuilder(document)
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (served.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(OpenApiInteractionValidator.createForInlineApiSpecification(served.body())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
