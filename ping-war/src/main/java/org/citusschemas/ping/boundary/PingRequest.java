package org.citusschemas.ping.boundary;

import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /ping}. */
public record PingRequest(@NotNull @HostName String host) {
}
