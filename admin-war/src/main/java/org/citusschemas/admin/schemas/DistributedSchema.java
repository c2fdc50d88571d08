package org.citusschemas.admin.schemas;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import org.citusschemas.admin.database.NodeAddress;
import org.citusschemas.admin.pins.Pin;

/**
 * A distributed schema and the node that holds it (null while it has no table); its shards, one
 * a table, move together (a rebalance task names the shard it moves).
 */
public record DistributedSchema(
        String name,
        @JsonbProperty("colocation_id") int colocationId,
        @JsonbProperty("size_bytes") long sizeBytes,
        String size,
        String owner,
        NodeAddress node,
        @JsonbProperty("shard_ids") List<Long> shardIds,
        Pin pin) {}
