package org.citusschemas.admin.rebalance;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;
import java.util.List;

/** A background rebalance job and its tasks. {@code details} is Citus' own progress report. */
public record RebalanceJob(
        @JsonbProperty("job_id") long jobId,
        String state,
        String type,
        String description,
        @JsonbProperty("started_at") OffsetDateTime startedAt,
        @JsonbProperty("finished_at") OffsetDateTime finishedAt,
        List<Task> tasks,
        JsonObject details) {}
