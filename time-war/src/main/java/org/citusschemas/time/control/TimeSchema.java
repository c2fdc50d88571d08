package org.citusschemas.time.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import javax.sql.DataSource;
import org.citusschemas.support.schema.SchemaMigrations;
import org.citusschemas.time.TimeService;

/**
 * Brings the timeservice schema to the version this WAR expects when the WAR is deployed;
 * a failed migration fails the deployment. Flyway manages its own transactions.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class TimeSchema {

    @Resource(lookup = TimeService.DATASOURCE)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        SchemaMigrations.apply(dataSource, TimeService.ROLE);
    }
}
