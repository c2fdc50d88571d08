-- POST /users with an Idempotency-Key: the key, what the first request asked (a fingerprint of its
-- users) and what it got (the ids it stored), written in the same transaction as the users; so a
-- retry finds the first answer, a concurrent duplicate waits for the first to commit (the primary
-- key), and a restart loses nothing. In the service's own schema: it moves with it. Rows older than
-- the keys' lifetime (24 hours, UserDirectory.KEY_LIFETIME) are deleted.
CREATE TABLE idempotency_keys (
    key         varchar(255) PRIMARY KEY,
    fingerprint char(64) NOT NULL,
    user_ids    bigint[] NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
