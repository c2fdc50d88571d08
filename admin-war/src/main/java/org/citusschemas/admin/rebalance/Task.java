package org.citusschemas.admin.rebalance;

import jakarta.json.bind.annotation.JsonbProperty;

/** One task of a background job, and its progress while it runs (from citus_rebalance_status). */
public record Task(
        @JsonbProperty("task_id") long taskId,
        String status,
        String command,
        String message,
        @JsonbProperty("retry_count") Integer retryCount) {}
