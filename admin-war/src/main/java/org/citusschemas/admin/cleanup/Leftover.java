package org.citusschemas.admin.cleanup;

import jakarta.json.bind.annotation.JsonbProperty;
import org.citusschemas.admin.database.NodeAddress;

/**
 * Something an interrupted or finished shard move left for Citus to delete (pg_dist_cleanup):
 * {@code kind} is shard, subscription, replication_slot, publication, user or database;
 * {@code policy} when it goes: always (when the operation ends), on_failure (the operation
 * failed) or deferred_on_success (the old copy of a shard that moved, deleted once no query
 * uses it).
 */
public record Leftover(
        @JsonbProperty("record_id") long recordId,
        @JsonbProperty("operation_id") long operationId,
        String kind,
        String name,
        NodeAddress node,
        String policy) {}
