-- revision: state_0002
-- down_revision: state_0001
-- message: the journal names the update that started each operation, so a redelivered update never starts it twice
-- migrate:up
ALTER TABLE migrabot_journal ADD COLUMN update_id bigint;
CREATE UNIQUE INDEX migrabot_journal_update ON migrabot_journal (update_id) WHERE update_id IS NOT NULL;
ALTER TABLE migrabot_journal ADD COLUMN target_message text;
-- migrate:down
ALTER TABLE migrabot_journal DROP COLUMN target_message;
DROP INDEX migrabot_journal_update;
ALTER TABLE migrabot_journal DROP COLUMN update_id;
