-- revision: d1e2f3a4b5c6
-- down_revision: c7a3d9e12f8b
-- message: add photo_url to users
-- migrate:up
ALTER TABLE users ADD COLUMN photo_url text;

-- migrate:down
ALTER TABLE users DROP COLUMN photo_url;
