package org.citusschemas.ping;

import jakarta.json.Json;
import java.util.Map;
import java.util.Set;
import org.citusschemas.it.DatabaseSnapshot;
import org.citusschemas.it.DeployedService;
import org.citusschemas.it.HostileRequests;
import org.citusschemas.it.HostileRequests.Endpoint;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of generated malformed and hostile requests to {@code POST /ping}: every one refused
 * with a 4xx problem+json before anything is pinged, and no result stored. (The one valid request
 * they spoil pings 127.0.0.1 once; none of them is sent as it is.)
 */
class HostilePingIT extends DeployedService {

    @Test
    void refusesSpoiledPingsAndStoresNothing() {
        Endpoint ping = new Endpoint(
                "POST",
                "ping",
                Set.of("POST"),
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("count", 1)
                        .build());
        HostileRequests.assertAllRefused(
                "POST /ping",
                base,
                Map.of(),
                HostileRequests.spoiling(ping),
                HostileRequests.PER_ENDPOINT,
                DatabaseSnapshot::now);
    }
}
