package org.citusschemas.admin.nodes;

import jakarta.json.bind.annotation.JsonbProperty;
import org.citusschemas.admin.database.NodeAddress;

/** A node of the cluster, its health as the coordinator sees it, and the data it holds. */
public record Node(
        int id,
        NodeAddress address,
        @JsonbProperty("group_id") int groupId,
        String role,
        boolean coordinator,
        boolean active,
        @JsonbProperty("should_have_shards") boolean shouldHaveShards,
        Boolean healthy,
        @JsonbProperty("size_bytes") long sizeBytes,
        String size) {}
