package org.citusschemas.time.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.citusschemas.time.entity.QueryDetail;

/** Records each time query in {@code query_details}. */
@ApplicationScoped
@Transactional
public class CallerLog {

    @PersistenceContext(unitName = "timeservice")
    EntityManager em;

    public QueryDetail record(QueryDetail query) {
        em.persist(query);
        return query;
    }
}
