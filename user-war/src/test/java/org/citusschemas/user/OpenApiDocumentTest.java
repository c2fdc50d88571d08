package org.citusschemas.user;

import org.citusschemas.it.OpenApiContract;
import org.citusschemas.problem.Problem;
import org.junit.jupiter.api.Test;

/** The user service's OpenAPI document says what its resources do (OpenApiContract). */
class OpenApiDocumentTest {

    @Test
    void describesEveryOperationAsTheCodeDoesIt() {
        OpenApiContract.assertDescribes(OpenApiContract.document(), Problem.class, (verb, path) -> null);
    }
}
