package org.citusschemas.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What a request could change in the test cluster, as text that two reads compare: every
 * service table (count, highest id, a digest of all rows) and, with Citus, the nodes, the
 * placements, the distributed schemas, background jobs, roles and schemas.
 */
public final class DatabaseSnapshot {

    private static final List<List<String>> TABLES = List.of(
            List.of("userservice", "users"),
            List.of("timeservice", "query_details"),
            List.of("pingservice", "ping_results"));

    private static final String CITUS = """
            SELECT string_agg(line, E'\\n' ORDER BY line) FROM (
                SELECT 'node ' || nodeid || ' ' || nodename || ':' || nodeport || ' group ' || groupid
                       || ' active ' || isactive || ' shards ' || shouldhaveshards FROM pg_dist_node
                UNION ALL SELECT 'placement ' || shardid || ' group ' || groupid FROM pg_dist_placement
                UNION ALL SELECT 'schema ' || schema_name || ' colocation ' || colocation_id FROM citus_schemas
                UNION ALL SELECT 'job ' || job_id || ' ' || state FROM pg_dist_background_job
                UNION ALL SELECT 'role ' || rolname FROM pg_roles
                UNION ALL SELECT 'namespace ' || nspname FROM pg_namespace) lines(line)""";

    private DatabaseSnapshot() {}

    public static String now() {
        StringBuilder snapshot = new StringBuilder();
        try {
            for (List<String> table : TABLES) {
                try (Connection connection = TestCluster.connectAs(table.get(0));
                        Statement sql = connection.createStatement();
                        ResultSet row = sql.executeQuery(
                                "SELECT count(*), coalesce(max(id), 0), md5(coalesce(string_agg(t::text, "
                                        + "',' ORDER BY id), '')) FROM " + table.get(1) + " t")) {
                    row.next();
                    snapshot.append(table.get(1))
                            .append(": ")
                            .append(row.getLong(1))
                            .append(" rows, max id ")
                            .append(row.getLong(2))
                            .append(", digest ")
                            .append(row.getString(3))
                            .append('\n');
                } catch (SQLException e) {
                    if (!"42P01".equals(e.getSQLState())) { // a table of a service this run does not deploy
                        throw e;
                    }
                    snapshot.append(table.get(1)).append(": absent\n");
                }
            }
            if (TestCluster.isCitus("citusadmin")) {
                try (Connection connection = TestCluster.connectAs("citusadmin");
                        Statement sql = connection.createStatement();
                        ResultSet row = sql.executeQuery(CITUS)) {
                    row.next();
                    snapshot.append(row.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the database", e);
        }
        return snapshot.toString();
    }
}
