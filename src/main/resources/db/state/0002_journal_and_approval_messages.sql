-- revision: state_0002
-- down_revision: state_0001
-- message: the journal names the update that started each operation; approval requests are posted in several chats
-- migrate:up
-- A redelivered update finds its journal entry and never starts an operation twice.
ALTER TABLE migrabot_journal ADD COLUMN update_id bigint;
CREATE UNIQUE INDEX migrabot_journal_update ON migrabot_journal (update_id) WHERE update_id IS NOT NULL;

-- Every message that shows an approval request: in the chat it was asked in, and in each approver's private chat
-- when it was asked in private. A press counts only under one of these.
CREATE TABLE migrabot_approval_message (
    approval_id text NOT NULL REFERENCES migrabot_approval (id) ON DELETE CASCADE,
    chat_id     bigint NOT NULL,
    message_id  integer NOT NULL,
    PRIMARY KEY (approval_id, chat_id)
);
ALTER TABLE migrabot_approval DROP COLUMN message_id;
-- migrate:down
ALTER TABLE migrabot_approval ADD COLUMN message_id integer;
DROP TABLE migrabot_approval_message;
DROP INDEX migrabot_journal_update;
ALTER TABLE migrabot_journal DROP COLUMN update_id;
