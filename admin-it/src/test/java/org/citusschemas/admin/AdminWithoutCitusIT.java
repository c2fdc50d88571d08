package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.TestCluster;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The admin API in front of a plain PostgreSQL (a machine without Citus, or CLUSTER_MODE=postgres):
 * every cluster operation answers 503 saying Citus is missing, and the API stays ready.
 */
class AdminWithoutCitusIT extends AdminServer {

    @Test
    void answers503WithAClearDetailWhenTheDatabaseHasNoCitus() throws Exception {
        Assumptions.assumeFalse(
                TestCluster.isCitus("citusadmin"),
                "AdminWithoutCitusIT runs only against plain PostgreSQL (this test cluster has Citus; "
                        + "run with CLUSTER_MODE=postgres to see it)");
        ServiceClient operator = operator();

        for (String path : List.of("schemas", "placement", "nodes", "rebalance/plan", "rebalance/strategies")) {
            HttpReply reply = operator.get(path);
            assertEquals(503, reply.status(), () -> path + ": " + reply);
            assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
            assertTrue(reply.object().getString("detail").contains("Citus is not installed"), reply::toString);
        }
        HttpReply distribute = operator.postJson("schemas", "{\"schema\":\"userservice\"}");
        assertEquals(503, distribute.status(), distribute::toString);

        HttpReply ready = api().get("/health/ready");
        assertEquals(200, ready.status(), ready::toString);
        assertTrue(ready.body().contains("not installed"), ready::toString);
    }
}
