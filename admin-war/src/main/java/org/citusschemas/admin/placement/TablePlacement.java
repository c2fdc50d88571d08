package org.citusschemas.admin.placement;

import jakarta.json.bind.annotation.JsonbProperty;

/** One table's shard of a distributed schema, where it lives and how big it is. */
public record TablePlacement(
        String schema,
        String table,
        @JsonbProperty("size_bytes") long sizeBytes,
        String size) {}
