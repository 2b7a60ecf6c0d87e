-- revision: 001_initial_schema
-- down_revision:
-- message: initial schema
-- migrate:up
CREATE TABLE users (id integer PRIMARY KEY, telegram_id integer NOT NULL UNIQUE, username text,
    created_at text NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE repair_requests (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id),
    description text NOT NULL, status text NOT NULL DEFAULT 'new');
CREATE INDEX repair_requests_user ON repair_requests (user_id);

-- migrate:down
DROP TABLE repair_requests;
DROP TABLE users;
