package org.citusschemas.ping;

import org.citusschemas.it.RoleIsolation;
import org.citusschemas.it.ServiceWar;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** In the server: the service's own datasource reaches its schema and no other service's. */
@ExtendWith(ArquillianExtension.class)
class PingRoleIsolationIT {

    @Deployment
    static WebArchive service() {
        return ServiceWar.built().addClass(RoleIsolation.class);
    }

    @Test
    void datasourceLogsInAsItsOwnRoleAndIsDeniedTheOtherServicesSchemas() throws Exception {
        RoleIsolation.assertConfined(PingService.DATASOURCE, PingService.ROLE);
    }
}
