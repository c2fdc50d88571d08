package org.citusschemas.admin.placement;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import org.citusschemas.admin.database.NodeAddress;

/** A node with the tables it holds and their total size. */
public record NodePlacement(
        NodeAddress node, @JsonbProperty("total_bytes") long totalBytes, String total, List<TablePlacement> tables) {}
