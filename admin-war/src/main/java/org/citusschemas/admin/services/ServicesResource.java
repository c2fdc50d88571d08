package org.citusschemas.admin.services;

import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.citusschemas.admin.audit.Audited;
import org.citusschemas.admin.database.AdminDatabase;
import org.citusschemas.admin.database.DatabaseAddress;
import org.citusschemas.admin.database.Noticed;
import org.citusschemas.admin.database.Outcome;
import org.citusschemas.admin.database.SqlNames;
import org.citusschemas.admin.schemas.DistributedSchema;
import org.citusschemas.admin.schemas.Schemas;
import org.citusschemas.admin.schemas.SchemasResource;

/**
 * {@code /services}: onboard a new service in one call: its login role with a new password, the
 * schema it owns, distributed, the admin role's access, and the app-server commands for its pool
 * and JNDI resource (rendered from the same template server-config uses). The password is shown
 * in this answer only.
 */
@Path("services")
@Produces(MediaType.APPLICATION_JSON)
public class ServicesResource {

    private static final String TEMPLATE = "/server-config/service-datasource.asadmin";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A service's statement timeout in seconds, as server-config/bin/cluster renders it. */
    private static final int SERVICE_STATEMENT_TIMEOUT = 2;

    private static final int SERVICE_SOCKET_TIMEOUT = 3;
    /** The pool's connection leak timeout in seconds, as server-config/bin/cluster renders it by default (off). */
    private static final int LEAK_TIMEOUT = 0;

    public record OnboardRequest(
            @NotNull @SqlNames.Identifier String name) {}

    /**
     * The new service: its password (shown here only), and its pool and resource for Payara Micro
     * (a post-boot file reading the password from {@code password_variable}) and for Payara Server
     * (commands reading it from the password alias {@code <name>-db}, which
     * {@code asadmin create-password-alias <name>-db} stores).
     */
    public record Onboarded(
            String service,
            String datasource,
            DistributedSchema schema,
            @JsonbProperty("password_variable") String passwordVariable,
            String password,
            @JsonbProperty("server_config") String serverConfig,
            @JsonbProperty("payara_server_config") String payaraServerConfig,
            List<String> notices)
            implements Noticed {}

    @Inject
    Onboarding onboarding;

    @Inject
    Schemas schemas;

    @Inject
    AdminDatabase database;

    @POST
    @Audited("service.onboard")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response onboard(@NotNull @Valid OnboardRequest request) throws SQLException {
        String service = request.name();
        String password = HexFormat.of().formatHex(bytes(24));
        Outcome<Void> onboarded = onboarding.onboard(service, password);
        DistributedSchema schema = schemas.find(service).orElseThrow();
        String variable = service.toUpperCase(Locale.ROOT) + "_DB_PASSWORD";
        DatabaseAddress coordinator = database.address();
        String micro = render(service, "${ENV=" + variable + "}", coordinator);
        String server = "create-password-alias " + service + "-db\n"
                + render(service, "${ALIAS=" + service + "-db}", coordinator);
        return Response.created(UriBuilder.fromResource(SchemasResource.class)
                        .path(service)
                        .build())
                .entity(new Onboarded(
                        service, "jdbc/" + service, schema, variable, password, micro, server, onboarded.notices()))
                .build();
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** server-config's pool and resource template, for this service, password reference and cluster. */
    static String render(String role, String password, DatabaseAddress coordinator) {
        try (InputStream template = ServicesResource.class.getResourceAsStream(TEMPLATE)) {
            if (template == null) {
                throw new IllegalStateException("The WAR lacks " + TEMPLATE);
            }
            return new String(template.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.replace(
                                    "@DESCRIPTION@",
                                    "Database role " + role + " for the onboarded service " + role + " (jdbc/" + role
                                            + ")")
                            .replace("@PASSWORD@", password)
                            .replace("@ROLE@", role)
                            .replace("@STATEMENT_TIMEOUT@", String.valueOf(SERVICE_STATEMENT_TIMEOUT))
                            .replace("@SOCKET_TIMEOUT@", String.valueOf(SERVICE_SOCKET_TIMEOUT))
                            .replace("@LEAK_TIMEOUT@", String.valueOf(LEAK_TIMEOUT))
                            .replace("@DB_HOST@", coordinator.host())
                            .replace("@DB_PORT@", String.valueOf(coordinator.port()))
                            .replace("@DB_NAME@", coordinator.database())
                            .replace("@DB_SSLMODE@", coordinator.poolTlsProperties()))
                    .collect(Collectors.joining("\n", "", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
