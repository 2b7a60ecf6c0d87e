-- revision: state_0005
-- down_revision: state_0004
-- message: running instances: which processes share this state database, and which one polls Telegram
-- migrate:up
-- One row per migrabot process on this state database. A process takes the session advisory lock
-- ('mgpr', seq) before it writes its row and holds it while it runs, so a row whose lock nobody holds is a
-- process that died: its inbox claims are taken over and its running operations reported as cut off.
CREATE SEQUENCE migrabot_instance_seq AS integer;
CREATE TABLE migrabot_instance (
    seq           integer PRIMARY KEY,
    id            text NOT NULL UNIQUE,
    host          text NOT NULL,
    pid           bigint NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    leading_since timestamptz  -- set while this process holds the leadership lock and polls Telegram
);

-- migrate:down
DROP TABLE migrabot_instance;
DROP SEQUENCE migrabot_instance_seq;
