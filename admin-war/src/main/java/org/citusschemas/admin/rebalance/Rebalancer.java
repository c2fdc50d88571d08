package org.citusschemas.admin.rebalance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.citusschemas.admin.database.AdminDatabase;
import org.citusschemas.admin.database.Outcome;
import org.citusschemas.admin.database.Rows;
import org.citusschemas.admin.database.Statements;

/**
 * Citus' rebalancer: its plan, its background jobs (start, stop, progress) and its strategies.
 * A rebalance runs as a Citus background job, so it goes on whatever happens to this server.
 */
@ApplicationScoped
public class Rebalancer {

    @Inject
    AdminDatabase database;

    public Outcome<List<PlannedMove>> plan(String strategy) throws SQLException {
        return database.query("""
                SELECT table_name::text, shardid, shard_size, sourcename, sourceport, targetname, targetport
                  FROM get_rebalance_table_shards_plan(rebalance_strategy := ?::name)""", s -> {
            s.setString(1, strategy);
            return Rows.list(
                    s,
                    row -> new PlannedMove(
                            row.getString(1), row.getLong(2), row.getLong(3), Rows.node(row, 4), Rows.node(row, 6)));
        });
    }

    /** The job id, or null when Citus found nothing to move (its notices say why). */
    public Outcome<Long> start(String strategy, boolean drainOnly, String transferMode) throws SQLException {
        return database.query("""
                SELECT citus_rebalance_start(rebalance_strategy := ?::name, drain_only := ?,
                                             shard_transfer_mode := ?)""", s -> {
            s.setString(1, strategy);
            s.setBoolean(2, drainOnly);
            Rows.untyped(s, 3, transferMode);
            return Rows.single(s, r -> {
                long job = r.getLong(1);
                return r.wasNull() ? null : job;
            });
        });
    }

    public Outcome<Void> stop() throws SQLException {
        return database.execute("SELECT citus_rebalance_stop()", s -> {});
    }

    public Optional<RebalanceJob> latest() throws SQLException {
        return latest(database);
    }

    /** The latest rebalance job with Citus' progress report, if any job ever ran. */
    public Optional<RebalanceJob> latest(Statements on) throws SQLException {
        Long latest = on.query("SELECT job_id FROM citus_rebalance_status()", s -> Rows.single(s, r -> r.getLong(1)))
                .result();
        return latest == null ? Optional.empty() : job(on, latest);
    }

    public Optional<RebalanceJob> job(long jobId) throws SQLException {
        return job(database, jobId);
    }

    private Optional<RebalanceJob> job(Statements on, long jobId) throws SQLException {
        return Optional.ofNullable(on.query("""
                SELECT j.job_id, j.state::text, j.job_type::text, j.description, j.started_at, j.finished_at,
                       (SELECT r.details::text FROM citus_rebalance_status() r WHERE r.job_id = j.job_id)
                  FROM pg_dist_background_job j
                 WHERE j.job_id = ?""", s -> {
                    s.setLong(1, jobId);
                    return Rows.single(
                            s,
                            row -> new RebalanceJob(
                                    row.getLong(1),
                                    row.getString(2),
                                    row.getString(3),
                                    row.getString(4),
                                    row.getObject(5, OffsetDateTime.class),
                                    row.getObject(6, OffsetDateTime.class),
                                    tasks(s.getConnection(), jobId),
                                    Rows.json(row.getString(7))));
                })
                .result());
    }

    private static List<Task> tasks(Connection connection, long jobId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT task_id, status::text, command, message, retry_count
                  FROM pg_dist_background_task WHERE job_id = ? ORDER BY task_id""")) {
            s.setLong(1, jobId);
            return Rows.list(
                    s,
                    row -> new Task(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), (Integer)
                            row.getObject(5)));
        }
    }

    /** The strategies an operator may choose (the pins' twins are the API's business). */
    public List<Strategy> strategies() throws SQLException {
        return database.query(
                        """
                SELECT name::text, default_strategy, improvement_threshold, default_threshold, minimum_threshold
                  FROM pg_dist_rebalance_strategy WHERE name::text NOT LIKE 'pinned\\_%' ORDER BY name""",
                        s -> Rows.list(
                                s,
                                row -> new Strategy(
                                        row.getString(1),
                                        row.getBoolean(2),
                                        row.getDouble(3),
                                        row.getDouble(4),
                                        row.getDouble(5))))
                .result();
    }
}
