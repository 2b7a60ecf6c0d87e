-- revision: c7a3d9e12f8b
-- down_revision: fb958ba03c93
-- message: change users datetime to timezone aware
-- migrate:up
ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz;
ALTER TABLE calls ALTER COLUMN started_at TYPE timestamptz;

-- migrate:down
ALTER TABLE calls ALTER COLUMN started_at TYPE timestamp;
ALTER TABLE users ALTER COLUMN created_at TYPE timestamp;
