package org.citusschemas.ping.boundary;

import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /ping}: the host, and optionally how many echo requests (1 to 4; the
 * tutorial's 4 when absent).
 */
public record PingRequest(
        @NotNull @HostName String host, @PingCount Integer count) {

    static final int DEFAULT_COUNT = 4;

    int countOrDefault() {
        return count == null ? DEFAULT_COUNT : count;
    }
}
