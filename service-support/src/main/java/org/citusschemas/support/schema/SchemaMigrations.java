package org.citusschemas.support.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies a service's migrations ({@code classpath:db/migration/<role>}) to the schema its role
 * owns. The schema is created by the database bootstrap, never here: a role whose schema is
 * missing would otherwise put its tables in another schema, so that is refused.
 */
public final class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    private SchemaMigrations() {}

    public static MigrateResult apply(DataSource dataSource, String role) {
        String schema = ownSchema(dataSource, role);
        MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .createSchemas(false)
                .locations("classpath:db/migration/" + role)
                .load()
                .migrate();
        LOG.info(() -> "Schema " + schema + ": " + result.migrationsExecuted + " migration(s) applied, now at version "
                + (result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion));
        return result;
    }

    private static String ownSchema(DataSource dataSource, String role) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT current_user, current_schema(), EXISTS (SELECT FROM pg_namespace WHERE nspname = current_user)")) {
            row.next();
            String user = row.getString(1);
            if (!role.equals(user)) {
                throw new IllegalStateException("The datasource of " + role + " logs in as " + user
                        + "; each service must log in as its own role");
            }
            if (!row.getBoolean(3) || !user.equals(row.getString(2))) {
                throw new IllegalStateException("Role " + user + " has no schema of its own (search_path finds "
                        + row.getString(2) + "); run the database bootstrap (server-config/bin/cluster start)");
            }
            return user;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database of " + role + ": " + e.getMessage(), e);
        }
    }
}
