package org.citusschemas.admin.pins;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.citusschemas.admin.database.AdminDatabase;
import org.citusschemas.admin.database.RefusedException;
import org.citusschemas.admin.database.Rows;

/**
 * Pinned schemas, kept in citus_admin.pin by the functions of server-config's admin-pins.sql, and
 * the rebalance strategies that leave them where they are.
 */
@ApplicationScoped
public class Pins {

    private static final Logger LOG = Logger.getLogger(Pins.class.getName());

    private static final String COLUMNS = "schema_name, node_name, node_port, pinned_by, pinned_at";

    @Inject
    AdminDatabase database;

    /**
     * Deletes the pins of schemas dropped or undistributed since they were pinned
     * (citus_admin.forget_lost_pins), then lists every pin left.
     */
    public List<Pin> forgetLostThenList() throws SQLException {
        forgetLost();
        return database.query("SELECT " + COLUMNS + " FROM citus_admin.pin ORDER BY schema_name", Pins::read)
                .result();
    }

    /** Deletes the pins of schemas dropped or undistributed since, and logs which. */
    public void forgetLost() throws SQLException {
        List<String> lost = database.query(
                        "SELECT citus_admin.forget_lost_pins()", s -> Rows.list(s, row -> row.getString(1)))
                .result();
        if (!lost.isEmpty()) {
            LOG.log(Level.INFO, "Forgot the pins of schemas no longer distributed: {0}", lost);
        }
    }

    /** Pins a distributed schema to the node it is on, for this user (citus_admin.pin_schema). */
    public Pin pin(String schema, String user) throws SQLException {
        return database.query("SELECT " + COLUMNS + " FROM citus_admin.pin_schema(?, ?)", s -> {
                    s.setString(1, schema);
                    s.setString(2, user);
                    return read(s).get(0);
                })
                .result();
    }

    /** Unpins a schema: the pin it had, if any. */
    public Optional<Pin> unpin(String schema) throws SQLException {
        return database.query("SELECT " + COLUMNS + " FROM citus_admin.unpin_schema(?)", s -> {
                    s.setString(1, schema);
                    return read(s).stream().findFirst();
                })
                .result();
    }

    /**
     * The strategy a rebalance or plan runs with so that it leaves pinned schemas alone: the twin
     * {@code pinned_<name>} of the one asked for (null: Citus' default) that admin-pins.sql added.
     * Where there is no twin, the strategy itself, as long as no schema is pinned; otherwise the
     * rebalance would move pinned schemas, so it is refused.
     */
    public String strategyKeeping(List<Pin> pins, String strategy) throws SQLException {
        String twin = database.query("""
                SELECT t.name::text FROM pg_dist_rebalance_strategy s
                  JOIN pg_dist_rebalance_strategy t ON t.name::text = 'pinned_' || s.name
                 WHERE CASE WHEN ?::text IS NULL THEN s.default_strategy ELSE s.name::text = ? END""", s -> {
                    s.setString(1, strategy);
                    s.setString(2, strategy);
                    return Rows.single(s, r -> r.getString(1));
                })
                .result();
        if (twin != null) {
            return twin;
        }
        if (!pins.isEmpty()) {
            throw new RefusedException("Strategy " + (strategy == null ? "(the default)" : strategy) + " has no twin "
                    + "that keeps pins (pinned_<name>: admin-pins.sql adds one for each strategy that places shards "
                    + "anywhere), so it would move the pinned schemas "
                    + pins.stream().map(Pin::schema).toList()
                    + "; choose another strategy or unpin them");
        }
        return strategy;
    }

    private static List<Pin> read(PreparedStatement statement) throws SQLException {
        return Rows.list(
                statement,
                row -> new Pin(
                        row.getString(1), Rows.node(row, 2), row.getString(4), row.getObject(5, OffsetDateTime.class)));
    }
}
