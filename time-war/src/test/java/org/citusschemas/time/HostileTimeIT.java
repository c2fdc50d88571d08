package org.citusschemas.time;

import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import org.citusschemas.it.DatabaseSnapshot;
import org.citusschemas.it.DeployedService;
import org.citusschemas.it.HostileRequests;
import org.citusschemas.it.HostileRequests.Endpoint;
import org.citusschemas.it.RawHttp.Request;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of generated requests {@code /current_time} does not serve (other methods, with and
 * without bodies; representations it does not have; paths under it): every one refused with a
 * 4xx problem+json, and no query logged.
 */
class HostileTimeIT extends DeployedService {

    @Test
    void refusesWhatItDoesNotServeAndLogsNothing() {
        Endpoint now = new Endpoint("GET", "current_time", Set.of("GET"), null);
        HostileRequests.assertAllRefused(
                "/current_time",
                base,
                Map.of(),
                Arbitraries.oneOf(
                        HostileRequests.wrongMethods(now),
                        HostileRequests.hostilePaths("GET", "current_time/{}", null),
                        Arbitraries.of(
                                        "text/html",
                                        "application/xml",
                                        "text/plain",
                                        "image/png",
                                        "application/problem+json",
                                        "text/*")
                                .map(accept -> new Request(
                                        "GET", "current_time", Map.of("Accept", accept), null, "accept " + accept))),
                HostileRequests.PER_ENDPOINT,
                DatabaseSnapshot::now);
    }
}
