package org.citusschemas.user.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.citusschemas.user.entity.User;

/**
 * Registers and finds users. A batch is one transaction: all of it is stored, or none. A lookup is
 * one statement and runs without a transaction of its own (no BEGIN and COMMIT round trips).
 */
@ApplicationScoped
@Transactional
public class UserDirectory {

    /** Rows fetched per round trip while streaming, and kept in memory at once. */
    static final int STREAM_FETCH_SIZE = 500;

    @PersistenceContext(unitName = "userservice")
    EntityManager em;

    /**
     * Ids for a batch in one round trip, from the sequence the serial column itself draws from (so
     * rows inserted with the column's default, by psql or the tutorial's SQL, never collide).
     */
    static final String NEXT_IDS = "SELECT nextval('users_id_seq') FROM generate_series(1, ?1)";

    /**
     * Stores the batch as one JDBC batch (hibernate.jdbc.batch_size), which the PostgreSQL driver
     * sends as multi-row INSERTs (reWriteBatchedInserts on the pool): a few statements for the
     * coordinator to route instead of one per user.
     */
    public List<Long> register(List<User> users) {
        @SuppressWarnings("unchecked")
        List<Long> ids = em.createNativeQuery(NEXT_IDS, Long.class)
                .setParameter(1, users.size())
                .getResultList();
        for (int i = 0; i < users.size(); i++) {
            users.get(i).assignId(ids.get(i));
            em.persist(users.get(i));
        }
        em.flush();
        return ids;
    }

    @Transactional(TxType.SUPPORTS)
    public Optional<User> find(long id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    @Transactional(TxType.SUPPORTS)
    public List<User> page(long after, int limit) {
        return em.createNamedQuery(User.PAGE, User.class)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Writes every user as a JSON array while reading them through a database cursor, so the
     * table's size never has to fit in memory: the transaction keeps the cursor open and the
     * persistence context is emptied as it goes.
     */
    public void writeAll(OutputStream out) {
        try (Stream<User> users = em.createNamedQuery(User.ALL, User.class)
                .setHint("org.hibernate.fetchSize", STREAM_FETCH_SIZE)
                .setHint("org.hibernate.readOnly", true)
                .getResultStream();
             JsonGenerator json = Json.createGenerator(out)) {
            json.writeStartArray();
            int written = 0;
            for (Iterator<User> it = users.iterator(); it.hasNext(); ) {
                User user = it.next();
                json.writeStartObject()
                        .write("id", user.getId())
                        .write("name", user.getName())
                        .write("email", user.getEmail())
                        .writeEnd();
                if (++written % STREAM_FETCH_SIZE == 0) {
                    em.clear();
                    json.flush();
                }
            }
            json.writeEnd();
        }
    }
}
