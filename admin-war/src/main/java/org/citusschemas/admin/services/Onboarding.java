package org.citusschemas.admin.services;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import org.citusschemas.admin.database.AdminDatabase;
import org.citusschemas.admin.database.Outcome;
import org.citusschemas.admin.database.SqlNames;

/**
 * A new service's role (with its password), its own schema, distributed, through
 * citus_admin.onboard_service (server-config's admin-onboard.sql, installed by the bootstrap as a
 * login that may create roles).
 */
@ApplicationScoped
public class Onboarding {

    @Inject
    AdminDatabase database;

    public Outcome<Void> onboard(String service, String password) throws SQLException {
        SqlNames.quoted(service); // validates; the function quotes it again with format('%I')
        return database.execute("SELECT citus_admin.onboard_service(?::name, ?)", s -> {
            s.setString(1, service);
            s.setString(2, password);
        });
    }
}
