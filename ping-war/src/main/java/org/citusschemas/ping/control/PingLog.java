package org.citusschemas.ping.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import org.citusschemas.ping.entity.PingResult;

/** Stores each ping's output in {@code ping_results}. */
@ApplicationScoped
@Transactional
public class PingLog {

    @PersistenceContext(unitName = "pingservice")
    EntityManager em;

    /**
     * Fails now, as a database failure (503), when the schema cannot be reached, so a request does
     * not first wait seconds for ping and then fail to store the result. One statement: no
     * transaction of its own. True, or the failure.
     */
    @Transactional(TxType.SUPPORTS)
    public boolean ensureReachable() {
        em.createNativeQuery("SELECT 1 FROM ping_results LIMIT 1").getResultList();
        return true;
    }

    public PingResult record(PingResult result) {
        em.persist(result);
        return result;
    }
}
