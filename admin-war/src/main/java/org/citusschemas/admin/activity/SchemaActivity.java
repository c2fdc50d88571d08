package org.citusschemas.admin.activity;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Citus' statistics for one distributed schema (citus_stat_tenants, summed over nodes): queries
 * and CPU seconds in the current period and the one before; the rates are over both together.
 */
public record SchemaActivity(
        String schema,
        @JsonbProperty("queries_this_period") long queriesThisPeriod,
        @JsonbProperty("queries_last_period") long queriesLastPeriod,
        @JsonbProperty("cpu_seconds_this_period") double cpuSecondsThisPeriod,
        @JsonbProperty("cpu_seconds_last_period") double cpuSecondsLastPeriod,
        @JsonbProperty("queries_per_second") double queriesPerSecond,
        @JsonbProperty("cpu_share") double cpuShare) {}
