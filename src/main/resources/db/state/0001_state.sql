-- revision: state_0001
-- down_revision:
-- message: the bot's own state: inbox, audit log, approvals, chat settings, operation journal
-- migrate:up
-- Every Telegram update is written here before it is processed, and processed from here once per update id.
CREATE TABLE migrabot_inbox (
    update_id   bigint PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now(),
    payload     jsonb NOT NULL,
    state       text NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'processing', 'done', 'failed')),
    claimed_by  text,
    claimed_at  timestamptz,
    done_at     timestamptz,
    error       text
);
CREATE INDEX migrabot_inbox_pending ON migrabot_inbox (update_id) WHERE state IN ('new', 'processing');

-- Who did what, from which chat, on which target, with what decision and outcome.
CREATE TABLE migrabot_audit (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    user_id     bigint,
    user_name   text,
    chat_id     bigint,
    command     text NOT NULL,
    target      text,
    arguments   text,
    decision    text NOT NULL,
    outcome     text,
    duration_ms bigint
);
CREATE INDEX migrabot_audit_at ON migrabot_audit (at DESC);

-- Destructive operations waiting for approval; the id is the opaque button data (at most 64 bytes).
CREATE TABLE migrabot_approval (
    id           text PRIMARY KEY CHECK (octet_length(id) <= 64),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    target       text NOT NULL,
    operation    text NOT NULL,
    arguments    jsonb NOT NULL,
    requested_by bigint NOT NULL,
    chat_id      bigint NOT NULL,
    message_id   integer,
    required     integer NOT NULL CHECK (required >= 1),
    approvers    bigint[] NOT NULL DEFAULT '{}',
    state        text NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'approved', 'rejected', 'expired', 'executing', 'done', 'failed')),
    decided_by   bigint,
    decided_at   timestamptz,
    outcome      text
);

-- Per-chat settings, such as the default target chosen with /use.
CREATE TABLE migrabot_chat (
    chat_id        bigint PRIMARY KEY,
    default_target text,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Operations as they run; one still 'running' after a restart was cut off and is reported to its chat.
CREATE TABLE migrabot_journal (
    id          bigserial PRIMARY KEY,
    target      text NOT NULL,
    operation   text NOT NULL,
    arguments   text,
    user_id     bigint,
    chat_id     bigint,
    message_id  integer,
    instance    text,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    state       text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'failed', 'interrupted')),
    detail      text
);
CREATE INDEX migrabot_journal_running ON migrabot_journal (id) WHERE state = 'running';

-- migrate:down
DROP TABLE migrabot_journal;
DROP TABLE migrabot_chat;
DROP TABLE migrabot_approval;
DROP TABLE migrabot_audit;
DROP TABLE migrabot_inbox;
