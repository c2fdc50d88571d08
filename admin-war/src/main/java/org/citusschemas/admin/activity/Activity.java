package org.citusschemas.admin.activity;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Activity per distributed schema and how Citus counts it: {@code tracking} is the setting
 * citus.stat_tenants_track ("none": nothing is counted); the rates are over
 * {@code window_seconds}, the last period of {@code period_seconds} and the current one so far,
 * read at {@code measured_at}.
 */
public record Activity(
        String tracking,
        @JsonbProperty("period_seconds") int periodSeconds,
        @JsonbProperty("window_seconds") double windowSeconds,
        @JsonbProperty("measured_at") OffsetDateTime measuredAt,
        List<SchemaActivity> schemas) {}
