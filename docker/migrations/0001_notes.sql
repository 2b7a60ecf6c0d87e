-- revision: 0001_notes
-- down_revision:
-- message: a sample first revision; replace this folder with the target's own migrations
-- migrate:up
CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL);

-- migrate:down
DROP TABLE notes;
