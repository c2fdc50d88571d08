package org.citusschemas.user.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import javax.sql.DataSource;
import org.citusschemas.support.schema.SchemaMigrations;
import org.citusschemas.user.UserService;

/**
 * Brings the userservice schema to the version this WAR expects when the WAR is deployed;
 * a failed migration fails the deployment. Flyway manages its own transactions.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class UserSchema {

    @Resource(lookup = UserService.DATASOURCE)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        SchemaMigrations.apply(dataSource, UserService.ROLE);
    }
}
