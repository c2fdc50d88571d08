package org.citusschemas.admin;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The admin API's REST application, at the root of its context. Payara publishes its OpenAPI
 * document at {@code /openapi}.
 */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Citus schemas admin API", version = "1",
        description = "Distributed schemas and where they live, distribute/undistribute/move a schema, "
                + "rebalance (plan, start, progress, stop), nodes, and onboarding a new service. "
                + "GET needs the reader or operator role; every change needs operator."))
public class AdminApi extends Application {
}
