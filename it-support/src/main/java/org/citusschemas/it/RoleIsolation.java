package org.citusschemas.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Runs inside the server, on a service's own JNDI datasource: it logs in as the service's role,
 * uses its own schema, and is refused every other service's schema (a schema owned by a role
 * of the same name). Deployed with the service by its in-container test.
 */
public final class RoleIsolation {

    private RoleIsolation() {}

    public static void assertConfined(String jndiName, String role) throws NamingException, SQLException {
        DataSource dataSource = InitialContext.doLookup(jndiName);
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            try (ResultSet who = sql.executeQuery("SELECT current_user, current_schema()")) {
                who.next();
                assertEquals(role, who.getString(1), jndiName + " logs in as");
                assertEquals(role, who.getString(2), "schema found first by " + jndiName);
            }
            List<String> others = new ArrayList<>();
            try (ResultSet schemas = sql.executeQuery("SELECT n.nspname FROM pg_namespace n JOIN pg_roles r "
                    + "ON r.oid = n.nspowner AND r.rolname = n.nspname WHERE n.nspname <> current_user ORDER BY 1")) {
                while (schemas.next()) {
                    others.add(schemas.getString(1));
                }
            }
            assertTrue(others.size() >= 2, "the other services' schemas exist: " + others);
            for (String other : others) {
                SQLException denied = assertThrows(
                        SQLException.class,
                        () -> sql.executeQuery("SELECT 1 FROM \"" + other + "\".no_matter_which_table"),
                        role + " reached schema " + other);
                assertEquals("42501", denied.getSQLState(), denied.getMessage());
                assertTrue(denied.getMessage().contains("permission denied for schema " + other), denied.getMessage());
                assertThrows(
                        SQLException.class,
                        () -> sql.execute("CREATE TABLE \"" + other + "\".intruder (id int)"),
                        role + " created a table in " + other);
            }
            try (ResultSet rights = sql.executeQuery(
                    "SELECT has_schema_privilege('public', 'CREATE'), has_database_privilege(current_database(), 'CREATE')")) {
                rights.next();
                assertFalse(rights.getBoolean(1), role + " may create objects in public");
                assertFalse(rights.getBoolean(2), role + " may create schemas");
            }
        }
    }
}
