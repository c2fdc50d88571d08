package org.citusschemas.ping.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.citusschemas.ping.entity.PingResult;

/** Stores each ping's output in {@code ping_results}. */
@ApplicationScoped
@Transactional
public class PingLog {

    @PersistenceContext(unitName = "pingservice")
    EntityManager em;

    public PingResult record(PingResult result) {
        em.persist(result);
        return result;
    }
}
