package org.citusschemas.user.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.citusschemas.user.entity.User;

/**
 * Registers and finds users. A batch is one transaction: all of it is stored, or none. A lookup is
 * one statement and runs without a transaction of its own (no BEGIN and COMMIT round trips).
 */
@ApplicationScoped
@Transactional
public class UserDirectory {

    /** Users read per statement while streaming every user, and kept in memory at once. */
    static final int STREAM_PAGE = 500;

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
     * Writes every user as a JSON array, read in pages of {@value #STREAM_PAGE} by id (each page one
     * short statement on the primary key), so neither the table's size nor the client's speed meets a
     * limit: only one page is in memory at once, and no statement outlives the pool's statement
     * timeout. A database cursor is not used for this: for a query on a distributed schema's table
     * the Citus coordinator reads the whole result from the worker at the first fetch (3 s for 6
     * million users on our machines), which the statement timeout cancels. Without a transaction
     * of its own, a user stored during the stream appears in it when its id comes after the page
     * being read. Returns how many users it wrote.
     */
    @Transactional(TxType.SUPPORTS)
    public long writeAll(OutputStream out) {
        long written = 0;
        try (JsonGenerator json = Json.createGenerator(out)) {
            json.writeStartArray();
            long after = 0;
            List<User> page;
            do {
                page = page(after, STREAM_PAGE);
                for (User user : page) {
                    json.writeStartObject()
                            .write("id", user.getId())
                            .write("name", user.getName())
                            .write("email", user.getEmail())
                            .writeEnd();
                }
                json.flush();
                written += page.size();
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).getId();
                }
                em.clear();
            } while (page.size() == STREAM_PAGE);
            json.writeEnd();
        }
        return written;
    }
}
