-- The tutorial's query_details table, in the timeservice schema, owned by the timeservice role.
CREATE TABLE query_details (
    id serial PRIMARY KEY,
    ip_address inet NOT NULL,
    query_time timestamp NOT NULL
);
