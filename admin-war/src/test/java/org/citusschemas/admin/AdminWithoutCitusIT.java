package org.citusschemas.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import org.citusschemas.it.HttpReply;
import org.citusschemas.it.ServiceClient;
import org.citusschemas.it.ServiceWar;
import org.citusschemas.it.TestCluster;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API in front of a plain PostgreSQL (a machine without Citus, or CLUSTER_MODE=postgres):
 * every cluster operation answers 503 saying Citus is missing, and the API stays ready.
 */
@ExtendWith(ArquillianExtension.class)
class AdminWithoutCitusIT {

    @Deployment(testable = false)
    static WebArchive admin() {
        return ServiceWar.built();
    }

    /** Any deployed application's URL: its port is the server's (see AdminServer). */
    @ArquillianResource
    URL deployment;

    ServiceClient api() {
        return AdminServer.api(deployment);
    }

    @Test
    void answers503WithAClearDetailWhenTheDatabaseHasNoCitus() throws Exception {
        Assumptions.assumeFalse(TestCluster.isCitus("citusadmin"),
                "AdminWithoutCitusIT runs only against plain PostgreSQL (this test cluster has Citus; "
                        + "run with CLUSTER_MODE=postgres to see it)");
        ServiceClient operator = AdminServer.operator(deployment);

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
