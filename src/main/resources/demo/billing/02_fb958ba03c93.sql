-- revision: fb958ba03c93
-- down_revision: 9044ba1e3377
-- message: add call_stats table
-- migrate:up
CREATE TABLE call_stats (call_id integer PRIMARY KEY REFERENCES calls, seconds integer NOT NULL);

-- migrate:down
DROP TABLE call_stats;
