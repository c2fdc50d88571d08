-- The tutorial's ping_results table, in the pingservice schema, owned by the pingservice role.
CREATE TABLE ping_results (
    id serial PRIMARY KEY,
    host varchar(255) NOT NULL,
    result text NOT NULL
);
