package org.citusschemas.user.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.citusschemas.support.failfast.PartialAnswerException;
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

    /** How long an Idempotency-Key is kept: a retry after that stores the users again. */
    public static final Duration KEY_LIFETIME = Duration.ofHours(24);
    /** How often this server deletes the expired keys of every client (at most). */
    static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final AtomicLong nextPurge = new AtomicLong();

    /** What a batch with a key came to: the ids stored, and whether they were stored by an earlier request. */
    public record Registered(List<Long> ids, boolean replayed) {}

    /** A key sent again with other users than its first request's. */
    public static class KeyReusedException extends RuntimeException {
        public KeyReusedException(String message) {
            super(message);
        }
    }

    /**
     * Stores the batch once per key: the key and the users' fingerprint are written in the same
     * transaction as the users, so a request with a key already stored gets that request's ids and
     * stores nothing; one that arrives while the first is still in progress waits on the key's
     * primary key until the first commits (or rolls back, and then stores the batch itself). The same
     * key with other users is refused ({@link KeyReusedException}). A key older than
     * {@link #KEY_LIFETIME} is forgotten.
     */
    public Registered register(List<User> users, String key, String fingerprint) {
        long now = System.nanoTime();
        long due = nextPurge.get();
        if (now - due >= 0 && nextPurge.compareAndSet(due, now + PURGE_EVERY.toNanos())) {
            em.createNativeQuery("DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => ?1)")
                    .setParameter(1, KEY_LIFETIME.toSeconds())
                    .executeUpdate();
        } else {
            em.createNativeQuery(
                            "DELETE FROM idempotency_keys WHERE key = ?1 AND created_at < now() - make_interval(secs => ?2)")
                    .setParameter(1, key)
                    .setParameter(2, KEY_LIFETIME.toSeconds())
                    .executeUpdate();
        }
        int claimed = em.createNativeQuery("""
                        INSERT INTO idempotency_keys (key, fingerprint, user_ids) VALUES (?1, ?2, '{}')
                        ON CONFLICT (key) DO NOTHING""")
                .setParameter(1, key)
                .setParameter(2, fingerprint)
                .executeUpdate();
        if (claimed == 0) {
            Object[] first = (Object[])
                    em.createNativeQuery("SELECT fingerprint, user_ids::text FROM idempotency_keys WHERE key = ?1")
                            .setParameter(1, key)
                            .getSingleResult();
            if (!fingerprint.equals(String.valueOf(first[0]).strip())) {
                throw new KeyReusedException(
                        "Idempotency-Key " + key + " was used by an earlier request with other users; "
                                + "a key stands for one request (send these users with a new key)");
            }
            String stored = String.valueOf(first[1]);
            List<Long> ids = stored.equals("{}")
                    ? List.of()
                    : Arrays.stream(stored.substring(1, stored.length() - 1).split(","))
                            .map(Long::valueOf)
                            .toList();
            return new Registered(ids, true);
        }
        List<Long> ids = register(users);
        em.createNativeQuery("UPDATE idempotency_keys SET user_ids = CAST(?2 AS bigint[]) WHERE key = ?1")
                .setParameter(1, key)
                .setParameter(2, ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                .executeUpdate();
        return new Registered(ids, false);
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
                page = nextPage(after, written);
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

    /**
     * A page of the stream. Once users were written, a failure must not be tried again (the client
     * would get them twice), so it is a {@link PartialAnswerException}.
     */
    private List<User> nextPage(long after, long written) {
        try {
            return page(after, STREAM_PAGE);
        } catch (RuntimeException e) {
            if (written == 0) {
                throw e;
            }
            throw new PartialAnswerException("Streaming the users failed after " + written + " of them", e);
        }
    }
}
