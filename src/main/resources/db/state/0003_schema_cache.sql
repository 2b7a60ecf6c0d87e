-- revision: state_0003
-- down_revision: state_0002
-- message: expected schemas built in shadow databases, kept by the fingerprint of the scripts they came from
-- migrate:up
-- A model is kept as canonical JSON, as written (text, not jsonb, which would reorder it); a model written by
-- another migrabot version in another format is read as absent and built again.
CREATE TABLE migrabot_schema_cache (
    scripts   text NOT NULL,  -- SHA-256 of the revision files, the source kind and the shadow server's version
    state     text NOT NULL,  -- a revision id, heads joined by '+' in sorted order, or '' for base
    model     text NOT NULL,
    built_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scripts, state)
);
-- migrate:down
DROP TABLE migrabot_schema_cache;
