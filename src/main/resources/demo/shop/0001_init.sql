-- revision: 0001_init
-- down_revision:
-- message: users and missions
-- migrate:up
CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE missions (id bigserial PRIMARY KEY, title text NOT NULL, icon text);

-- migrate:down
DROP TABLE missions;
DROP TABLE users;
