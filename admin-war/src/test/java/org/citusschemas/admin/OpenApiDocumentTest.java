package org.citusschemas.admin;

import org.citusschemas.admin.console.ConsoleResource;
import org.citusschemas.it.OpenApiContract;
import org.citusschemas.problem.Problem;
import org.junit.jupiter.api.Test;

/**
 * The admin API's OpenAPI document says what its resources do (OpenApiContract), and which role
 * each operation needs as web.xml and OperatorsOnly decide it: /session none, GET reader (or
 * operator), every other method operator. The console page's files are no part of the API.
 */
class OpenApiDocumentTest {

    @Test
    void describesEveryOperationAsTheCodeDoesIt() {
        OpenApiContract.assertDescribes(
                OpenApiContract.document(),
                Problem.class,
                (verb, path) -> path.equals("/session") ? null : verb.equals("GET") ? "reader" : "operator",
                ConsoleResource.class);
    }
}
