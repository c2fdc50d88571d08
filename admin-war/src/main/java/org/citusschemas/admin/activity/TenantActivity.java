package org.citusschemas.admin.activity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.citusschemas.admin.database.AdminDatabase;
import org.citusschemas.admin.database.DatabaseFailureMapper;
import org.citusschemas.admin.database.RefusedException;
import org.citusschemas.admin.database.Statements;

/**
 * Queries and CPU per distributed schema from Citus' tenant statistics, summed over the nodes
 * (a schema that moved is counted where it was too). Periods start at multiples of their length,
 * so the current one has run for (now mod period) seconds.
 */
@ApplicationScoped
public class TenantActivity {

    private static final String ACTIVITY = """
            WITH setting AS (
                SELECT current_setting('citus.stat_tenants_track') AS tracking,
                       current_setting('citus.stat_tenants_period')::int AS period),
            stats AS (
                SELECT colocation_id, sum(query_count_in_this_period) AS this_q,
                       sum(query_count_in_last_period) AS last_q, sum(cpu_usage_in_this_period) AS this_cpu,
                       sum(cpu_usage_in_last_period) AS last_cpu
                  FROM citus_stat_tenants WHERE (SELECT tracking FROM setting) <> 'none'
                 GROUP BY 1)
            SELECT w.tracking, w.period,
                   w.period + mod(extract(epoch FROM clock_timestamp())::numeric, w.period)::float8, clock_timestamp(),
                   s.schema_name::text, coalesce(t.this_q, 0), coalesce(t.last_q, 0),
                   coalesce(t.this_cpu, 0), coalesce(t.last_cpu, 0)
              FROM setting w
              LEFT JOIN citus_schemas s ON true
              LEFT JOIN stats t ON t.colocation_id = s.colocation_id
             ORDER BY 5""";

    @Inject
    AdminDatabase database;

    public Activity read() throws SQLException {
        return read(database);
    }

    /** The activity, read where the caller runs its statements. */
    public Activity read(Statements on) throws SQLException {
        try {
            return on.query(ACTIVITY, s -> {
                        try (ResultSet row = s.executeQuery()) {
                            row.next(); // one row at least: the settings
                            return read(row);
                        }
                    })
                    .result();
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new RefusedException(
                        "The admin role may not read Citus' tenant statistics ("
                                + DatabaseFailureMapper.serverMessage(e)
                                + "); a superuser allows it with GRANT pg_monitor TO "
                                + database.role(),
                        e);
            }
            throw e;
        }
    }

    /** The settings from the first row, and a schema's statistics from each row that names one. */
    private static Activity read(ResultSet row) throws SQLException {
        String tracking = row.getString(1);
        int period = row.getInt(2);
        double window = row.getDouble(3);
        OffsetDateTime measured = row.getObject(4, OffsetDateTime.class);
        List<SchemaActivity> schemas = new ArrayList<>();
        do {
            if (row.getString(5) != null) {
                long thisPeriod = row.getLong(6);
                long lastPeriod = row.getLong(7);
                double cpuThis = row.getDouble(8);
                double cpuLast = row.getDouble(9);
                schemas.add(new SchemaActivity(
                        row.getString(5),
                        thisPeriod,
                        lastPeriod,
                        cpuThis,
                        cpuLast,
                        (thisPeriod + lastPeriod) / window,
                        (cpuThis + cpuLast) / window));
            }
        } while (row.next());
        return new Activity(tracking, period, window, measured, schemas);
    }
}
