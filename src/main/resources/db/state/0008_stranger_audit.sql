-- revision: state_0008
-- down_revision: state_0007
-- message: strangers are audited in bounded space: one row per stranger per minute, with a count
-- migrate:up
-- A stranger's messages within one minute share one row (minute set, repeats counting them); other rows have no
-- minute and repeats 1. A flood from strangers thus writes one row per stranger per minute, not one per message.
ALTER TABLE migrabot_audit ADD COLUMN minute timestamptz, ADD COLUMN repeats integer NOT NULL DEFAULT 1;
CREATE UNIQUE INDEX migrabot_audit_stranger ON migrabot_audit (user_id, minute) WHERE minute IS NOT NULL;
-- migrate:down
DROP INDEX migrabot_audit_stranger;
ALTER TABLE migrabot_audit DROP COLUMN repeats, DROP COLUMN minute;
