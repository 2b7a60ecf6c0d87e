-- revision: state_0002
-- down_revision: state_0001
-- message: journal entries name their update; approval requests in several chats; the doctor's fixes
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

-- Fixes the doctor offered under its findings: a button carries the id, what it runs is read from here.
CREATE TABLE migrabot_fix (
    id         text PRIMARY KEY CHECK (octet_length(id) <= 60),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    target     text NOT NULL,
    operation  text NOT NULL,
    arguments  jsonb NOT NULL,
    chat_id    bigint NOT NULL,
    message_id integer
);
-- migrate:down
DROP TABLE migrabot_fix;
ALTER TABLE migrabot_approval ADD COLUMN message_id integer;
DROP TABLE migrabot_approval_message;
DROP INDEX migrabot_journal_update;
ALTER TABLE migrabot_journal DROP COLUMN update_id;
