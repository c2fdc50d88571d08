package org.citusschemas.admin.rebalance;

import jakarta.json.bind.annotation.JsonbProperty;
import org.citusschemas.admin.database.NodeAddress;

/** A move the rebalancer would make. */
public record PlannedMove(
        String table,
        @JsonbProperty("shard_id") long shardId,
        @JsonbProperty("size_bytes") long sizeBytes,
        NodeAddress source,
        NodeAddress target) {}
