package org.citusschemas.admin.citus;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;
import java.util.List;

/** The values the admin API reads from Citus, as it answers them. */
public final class Records {

    private Records() {
    }

    /** A node's address, as Citus names it in pg_dist_node. */
    public record NodeAddress(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * A distributed schema and the node that holds it (null while it has no table); its shards, one
     * a table, move together (a rebalance task names the shard it moves).
     */
    public record DistributedSchema(String name, @JsonbProperty("colocation_id") int colocationId,
                                    @JsonbProperty("size_bytes") long sizeBytes, String size, String owner,
                                    NodeAddress node, @JsonbProperty("shard_ids") List<Long> shardIds, Pin pin) {
    }

    /**
     * A schema pinned to a node (citus_admin.pin): no rebalance or drain the admin API starts moves
     * it, and the API refuses to move it or drain its node; who pinned it ({@code pinned_by}, the
     * API's user) and when.
     */
    public record Pin(String schema, NodeAddress node, @JsonbProperty("pinned_by") String pinnedBy,
                      @JsonbProperty("pinned_at") OffsetDateTime pinnedAt) {
    }

    /**
     * A rebalance's plan: the moves ({@code result}), the pinned schemas it leaves where they are
     * ({@code pinned}), and Citus' notices (why nothing moves, for example).
     */
    public record Plan(List<PlannedMove> result, List<Pin> pinned, List<String> notices)
            implements Noticed {
    }

    /** One table's shard of a distributed schema, where it lives and how big it is. */
    public record TablePlacement(String schema, String table, @JsonbProperty("size_bytes") long sizeBytes,
                                 String size) {
    }

    /** A node with the tables it holds and their total size. */
    public record NodePlacement(NodeAddress node, @JsonbProperty("total_bytes") long totalBytes, String total,
                                List<TablePlacement> tables) {
    }

    /** A move the rebalancer would make. */
    public record PlannedMove(String table, @JsonbProperty("shard_id") long shardId,
                              @JsonbProperty("size_bytes") long sizeBytes, NodeAddress source, NodeAddress target) {
    }

    /** A rebalance strategy from pg_dist_rebalance_strategy. */
    public record Strategy(String name, @JsonbProperty("default") boolean defaultStrategy,
                           @JsonbProperty("improvement_threshold") double improvementThreshold,
                           @JsonbProperty("default_threshold") double defaultThreshold,
                           @JsonbProperty("minimum_threshold") double minimumThreshold) {
    }

    /** One task of a background job, and its progress while it runs (from citus_rebalance_status). */
    public record Task(@JsonbProperty("task_id") long taskId, String status, String command, String message,
                       @JsonbProperty("retry_count") Integer retryCount) {
    }

    /** A background rebalance job and its tasks. {@code details} is Citus' own progress report. */
    public record RebalanceJob(@JsonbProperty("job_id") long jobId, String state, String type, String description,
                               @JsonbProperty("started_at") OffsetDateTime startedAt,
                               @JsonbProperty("finished_at") OffsetDateTime finishedAt,
                               List<Task> tasks, jakarta.json.JsonObject details) {
    }

    /**
     * Something an interrupted or finished shard move left for Citus to delete (pg_dist_cleanup):
     * {@code kind} is shard, subscription, replication_slot, publication, user or database;
     * {@code policy} when it goes: always (when the operation ends), on_failure (the operation
     * failed) or deferred_on_success (the old copy of a shard that moved, deleted once no query
     * uses it).
     */
    public record Leftover(@JsonbProperty("record_id") long recordId, @JsonbProperty("operation_id") long operationId,
                           String kind, String name, NodeAddress node, String policy) {
    }

    /** What cleanup did ({@code cleaned}) and what it could not delete yet ({@code left}, in use). */
    public record Cleanup(int cleaned, List<Leftover> left) {
    }

    /** A node of the cluster, its health as the coordinator sees it, and the data it holds. */
    public record Node(int id, NodeAddress address, @JsonbProperty("group_id") int groupId, String role,
                       boolean coordinator, boolean active, @JsonbProperty("should_have_shards") boolean shouldHaveShards,
                       Boolean healthy, @JsonbProperty("size_bytes") long sizeBytes, String size) {
    }

    /**
     * Citus' statistics for one distributed schema (citus_stat_tenants, summed over nodes): queries
     * and CPU seconds in the current period and the one before; the rates are over both together.
     */
    public record SchemaActivity(String schema,
                                 @JsonbProperty("queries_this_period") long queriesThisPeriod,
                                 @JsonbProperty("queries_last_period") long queriesLastPeriod,
                                 @JsonbProperty("cpu_seconds_this_period") double cpuSecondsThisPeriod,
                                 @JsonbProperty("cpu_seconds_last_period") double cpuSecondsLastPeriod,
                                 @JsonbProperty("queries_per_second") double queriesPerSecond,
                                 @JsonbProperty("cpu_share") double cpuShare) {
    }

    /**
     * Activity per distributed schema and how Citus counts it: {@code tracking} is the setting
     * citus.stat_tenants_track ("none": nothing is counted); the rates are over
     * {@code window_seconds}, the last period of {@code period_seconds} and the current one so far,
     * read at {@code measured_at}.
     */
    public record Activity(String tracking, @JsonbProperty("period_seconds") int periodSeconds,
                           @JsonbProperty("window_seconds") double windowSeconds,
                           @JsonbProperty("measured_at") OffsetDateTime measuredAt, List<SchemaActivity> schemas) {
    }
}
