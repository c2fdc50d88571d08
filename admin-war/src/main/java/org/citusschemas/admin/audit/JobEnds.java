package org.citusschemas.admin.audit;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records the end of every audited rebalance whose Citus job has ended, every 15 s, so the trail
 * has it whether or not anyone reads {@code GET /audit} (which records them too). The time is
 * Citus' own {@code finished_at}, not when this noticed. A failure is logged once until it works again.
 *
 * <p>No transaction of the container's (bean-managed, and it begins none): the trail writes in
 * autocommit, and the container's transaction around a turn failed at its commit ("Cannot commit
 * when autoCommit is enabled"); the container then retried the turn once and, failing again, dropped
 * the timer for good (EJB5119). A {@code NOT_SUPPORTED} attribute on the timeout method did not
 * change that on Payara 6.2025.9. For the same reason nothing escapes a turn: the next turn is the retry.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class JobEnds {

    private static final Logger LOG = Logger.getLogger(JobEnds.class.getName());

    @Inject
    AuditTrail trail;

    private boolean failing;

    @Schedule(second = "*/15", minute = "*", hour = "*", persistent = false)
    void record() {
        try {
            int added = trail.recordJobEnds();
            if (added > 0) {
                LOG.log(Level.INFO, "Recorded the end of {0} audited rebalance job(s)", added);
            }
            if (failing) {
                LOG.info("The audit trail records rebalance ends again");
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.log(
                        Level.WARNING,
                        "Could not record the end of audited rebalance jobs (tried again every 15 s): "
                                + e.getMessage());
                failing = true;
            }
        }
    }
}
