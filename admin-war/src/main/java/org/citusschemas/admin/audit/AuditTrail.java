package org.citusschemas.admin.audit;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.citusschemas.admin.database.AdminDatabase;

/**
 * The audit trail's table access, through the admin API's own datasource. Each write is a
 * statement of its own in autocommit mode, so a request's record is committed before its
 * operation starts and stays whatever the operation does.
 */
@ApplicationScoped
public class AuditTrail {

    @Resource(lookup = AdminDatabase.DATASOURCE)
    DataSource dataSource;

    /** One audited request, with what came of it when that is known. */
    public record AuditRecord(
            long id,
            OffsetDateTime at,
            String user,
            String address,
            String operation,
            String method,
            String path,
            JsonObject parameters,
            Result outcome) {}

    /**
     * What came of a request: its status and, when it failed or was refused, the problem's title
     * and detail; Citus' notices; for a rebalance, its job and, once it ended, when and how.
     */
    public record Result(
            int status,
            OffsetDateTime at,
            String title,
            String detail,
            List<String> notices,
            @JsonbProperty("job_id") Long jobId,
            @JsonbProperty("job_ended_at") OffsetDateTime jobEndedAt,
            @JsonbProperty("job_state") String jobState) {}

    /** Which records to read: each criterion null for any; newest first, older than {@code before}. */
    public record Query(
            String user, String operation, OffsetDateTime from, OffsetDateTime to, Long before, int limit) {}

    /**
     * How many audited requests there were per operation and outcome: succeeded (a 2xx or 3xx
     * answer), refused (4xx), failed (5xx), or unknown (no outcome recorded: still running, or
     * the server stopped before it could write one).
     */
    public record OutcomeCount(String operation, String outcome, long count) {}

    public List<OutcomeCount> outcomeCounts() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("""
                     SELECT r.operation,
                            CASE WHEN o.status IS NULL THEN 'unknown' WHEN o.status < 400 THEN 'succeeded'
                                 WHEN o.status < 500 THEN 'refused' ELSE 'failed' END,
                            count(*)
                       FROM admin_audit.request r LEFT JOIN admin_audit.outcome o ON o.request_id = r.id
                      GROUP BY 1, 2 ORDER BY 1, 2""");
                ResultSet row = count.executeQuery()) {
            List<OutcomeCount> counts = new ArrayList<>();
            while (row.next()) {
                counts.add(new OutcomeCount(row.getString(1), row.getString(2), row.getLong(3)));
            }
            return counts;
        }
    }

    /** Records a request before its operation runs; its id, for {@link #outcome}. */
    public long request(String user, String address, String operation, String method, String path, String parameters)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO admin_audit.request (user_name, address, operation, method, path, parameters)
                     VALUES (?, ?, ?, ?, ?, ?::jsonb) RETURNING id""")) {
            connection.setAutoCommit(true);
            insert.setString(1, user);
            insert.setString(2, address);
            insert.setString(3, operation);
            insert.setString(4, method);
            insert.setString(5, path);
            insert.setString(6, parameters);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Records what came of request {@code id}; once only (the table's key refuses a second). */
    public void outcome(long id, int status, String title, String detail, List<String> notices, Long jobId)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO admin_audit.outcome (request_id, status, title, detail, notices, job_id)
                     VALUES (?, ?, ?, ?, ?, ?)""")) {
            connection.setAutoCommit(true);
            insert.setLong(1, id);
            insert.setInt(2, status);
            // A problem may echo what a hostile request sent: kept as the parameters are (NUL -> U+FFFD).
            insert.setString(3, AuditedParameters.storableText(title));
            insert.setString(4, AuditedParameters.storableText(detail));
            insert.setArray(
                    5,
                    connection.createArrayOf(
                            "text",
                            notices.stream()
                                    .map(AuditedParameters::storableText)
                                    .toArray()));
            if (jobId == null) {
                insert.setNull(6, Types.BIGINT);
            } else {
                insert.setLong(6, jobId);
            }
            insert.executeUpdate();
        }
    }

    /** Records the end of every audited rebalance whose job has ended and has none yet; how many. */
    public int recordJobEnds() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return recordJobEnds(connection);
        }
    }

    private static int recordJobEnds(Connection connection) throws SQLException {
        try (PreparedStatement ends = connection.prepareStatement("SELECT admin_audit.record_job_ends()");
                ResultSet added = ends.executeQuery()) {
            added.next();
            return added.getInt(1);
        }
    }

    /** The records the query asks for, newest first, after recording the end of every rebalance that ended. */
    public List<AuditRecord> records(Query query) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            recordJobEnds(connection);
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT r.id, r.at, r.user_name, r.address, r.operation, r.method, r.path, r.parameters::text,
                           o.status, o.at, o.title, o.detail, o.notices, o.job_id, e.ended_at, e.state
                      FROM admin_audit.request r
                      LEFT JOIN admin_audit.outcome o ON o.request_id = r.id
                      LEFT JOIN admin_audit.job_end e ON e.request_id = r.id
                     WHERE (?::text IS NULL OR r.user_name = ?)
                       AND (?::text IS NULL OR r.operation = ?)
                       AND (?::timestamptz IS NULL OR r.at >= ?)
                       AND (?::timestamptz IS NULL OR r.at < ?)
                       AND (?::bigint IS NULL OR r.id < ?)
                     ORDER BY r.id DESC
                     LIMIT ?""")) {
                int i = criterion(select, 1, query.user(), Types.VARCHAR);
                i = criterion(select, i, query.operation(), Types.VARCHAR);
                i = criterion(select, i, query.from(), Types.TIMESTAMP_WITH_TIMEZONE);
                i = criterion(select, i, query.to(), Types.TIMESTAMP_WITH_TIMEZONE);
                i = criterion(select, i, query.before(), Types.BIGINT);
                select.setInt(i, query.limit());
                List<AuditRecord> records = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        records.add(read(row));
                    }
                }
                return records;
            }
        }
    }

    /** A criterion's value, null for any, at i and i + 1 ("? IS NULL OR column = ?"); the next index. */
    private static int criterion(PreparedStatement select, int i, Object value, int type) throws SQLException {
        for (int at = i; at < i + 2; at++) {
            if (value == null) {
                select.setNull(at, type);
            } else {
                select.setObject(at, value, type);
            }
        }
        return i + 2;
    }

    private static AuditRecord read(ResultSet row) throws SQLException {
        Result result = null;
        int status = row.getInt(9);
        if (!row.wasNull()) {
            result = new Result(
                    status,
                    row.getObject(10, OffsetDateTime.class),
                    row.getString(11),
                    row.getString(12),
                    List.of((String[]) row.getArray(13).getArray()),
                    row.getObject(14, Long.class),
                    row.getObject(15, OffsetDateTime.class),
                    row.getString(16));
        }
        JsonObject parameters;
        try (var reader = Json.createReader(new StringReader(row.getString(8)))) {
            parameters = reader.readObject();
        }
        return new AuditRecord(
                row.getLong(1),
                row.getObject(2, OffsetDateTime.class),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                parameters,
                result);
    }
}
