-- revision: 9044ba1e3377
-- down_revision:
-- message: initial migration: users, calls, participants
-- migrate:up
CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, created_at timestamp NOT NULL DEFAULT now());
CREATE TABLE calls (id serial PRIMARY KEY, started_at timestamp NOT NULL);
CREATE TABLE participants (call_id integer NOT NULL REFERENCES calls, user_id integer NOT NULL REFERENCES users,
    PRIMARY KEY (call_id, user_id));

-- migrate:down
DROP TABLE participants;
DROP TABLE calls;
DROP TABLE users;
