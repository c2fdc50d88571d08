-- The tutorial's users table, in the userservice schema, owned by the userservice role.
CREATE TABLE users (
    id serial PRIMARY KEY,
    name varchar(255) NOT NULL,
    email varchar(255) NOT NULL
);
