package org.citusschemas.time.boundary;

import jakarta.json.bind.annotation.JsonbProperty;

/** The answer to {@code GET /current_time}, as the tutorial's service gives it. */
public record CurrentTime(
        @JsonbProperty("current_time") String currentTime,
        @JsonbProperty("ip_address") String ipAddress) {}
