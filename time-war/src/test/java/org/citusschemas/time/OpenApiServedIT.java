package org.citusschemas.time;

import org.citusschemas.it.DeployedService;
import org.citusschemas.it.OpenApiContract;
import org.junit.jupiter.api.Test;

/** The time service publishes its own OpenAPI document at /openapi, as it is written. */
class OpenApiServedIT extends DeployedService {

    @Test
    void servesItsOwnDocument() throws Exception {
        OpenApiContract.assertServed(base);
    }
}
