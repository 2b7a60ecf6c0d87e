-- revision: state_0007
-- down_revision: state_0006
-- message: when each version of the scripts last had its expected schemas read, so that pruning keeps those in use
-- migrate:up
-- Touched at most once an hour per version of the scripts by whoever reads or builds its expected schemas.
CREATE TABLE migrabot_schema_cache_use (
    scripts text PRIMARY KEY,
    used_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO migrabot_schema_cache_use (scripts, used_at)
SELECT scripts, max(built_at) FROM migrabot_schema_cache GROUP BY scripts;
-- migrate:down
DROP TABLE migrabot_schema_cache_use;
