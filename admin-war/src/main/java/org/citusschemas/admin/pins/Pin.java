package org.citusschemas.admin.pins;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;
import org.citusschemas.admin.database.NodeAddress;

/**
 * A schema pinned to a node (citus_admin.pin): no rebalance or drain the admin API starts moves
 * it, and the API refuses to move it or drain its node; who pinned it ({@code pinned_by}, the
 * API's user) and when.
 */
public record Pin(
        String schema,
        NodeAddress node,
        @JsonbProperty("pinned_by") String pinnedBy,
        @JsonbProperty("pinned_at") OffsetDateTime pinnedAt) {}
