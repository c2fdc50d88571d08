package org.citusschemas.admin.rebalance;

import java.util.List;
import org.citusschemas.admin.database.Noticed;
import org.citusschemas.admin.pins.Pin;

/**
 * A rebalance's plan: the moves ({@code result}), the pinned schemas it leaves where they are
 * ({@code pinned}), and Citus' notices (why nothing moves, for example).
 */
public record Plan(List<PlannedMove> result, List<Pin> pinned, List<String> notices) implements Noticed {}
