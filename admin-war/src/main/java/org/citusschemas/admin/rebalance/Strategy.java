package org.citusschemas.admin.rebalance;

import jakarta.json.bind.annotation.JsonbProperty;

/** A rebalance strategy from pg_dist_rebalance_strategy. */
public record Strategy(
        String name,
        @JsonbProperty("default") boolean defaultStrategy,
        @JsonbProperty("improvement_threshold") double improvementThreshold,
        @JsonbProperty("default_threshold") double defaultThreshold,
        @JsonbProperty("minimum_threshold") double minimumThreshold) {}
