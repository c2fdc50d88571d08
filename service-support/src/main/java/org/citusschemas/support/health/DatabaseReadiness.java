package org.citusschemas.support.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.citusschemas.support.ServiceDatabase;
import org.citusschemas.support.schema.ServiceSchema;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready ({@code /health/ready}) when the service reaches its own schema through its datasource: it
 * reads the schema's migration history, a table that lives with the service's tables, so on Citus
 * the check reaches the worker that holds the schema, not only the coordinator. When it fails, the
 * check says which node: the worker that holds the schema, as the coordinator's metadata says
 * ({@code "node": "worker1:5432"}), or that the coordinator itself does not answer.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    ServiceDatabase database;

    @Inject
    ServiceSchema schema;

    @Override
    public HealthCheckResponse call() {
        String role = database.role();
        String name = role + "-database";
        try {
            schema.ensureCurrent();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(name)
                    .down()
                    .withData("schema", role)
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT max(version) FROM flyway_schema_history WHERE success")) {
            query.setQueryTimeout(2);
            try (ResultSet row = query.executeQuery()) {
                String version = row.next() ? row.getString(1) : null;
                return HealthCheckResponse.named(name)
                        .status(version != null)
                        .withData("schema", role)
                        .withData("version", String.valueOf(version))
                        .build();
            }
        } catch (SQLException e) {
            return HealthCheckResponse.named(name)
                    .down()
                    .withData("schema", role)
                    .withData("node", schemaNode())
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }

    /**
     * The node that holds the schema (its migration history's shard), from the coordinator's
     * metadata, which every role may read; or what stands in the way when that cannot be read.
     */
    private String schemaNode() {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement("""
                     SELECT n.nodename || ':' || n.nodeport
                       FROM pg_dist_shard s JOIN pg_dist_placement p USING (shardid) JOIN pg_dist_node n USING (groupid)
                      WHERE s.logicalrelid = 'flyway_schema_history'::regclass LIMIT 1""")) {
            query.setQueryTimeout(2);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : "the coordinator (the schema is not distributed)";
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return "the database itself (no Citus metadata)";
            }
            return "unknown: the coordinator's metadata cannot be read ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")";
        }
    }
}
