-- revision: state_0006
-- down_revision: state_0005
-- message: updates are told apart by their delivery, not by Telegram's update id alone, which repeats
-- migrate:up
-- Telegram chooses the next update id at random after a week without updates, and a new bot token starts from low
-- ids again: an id is a duplicate only when the same poller stored it within the redelivery window (see Inbox).
-- Each stored update gets a delivery number instead, given in the order the updates were stored.
CREATE SEQUENCE migrabot_inbox_delivery_seq;
ALTER TABLE migrabot_inbox ADD COLUMN delivery bigint;
UPDATE migrabot_inbox i SET delivery = n.delivery
FROM (SELECT update_id, row_number() OVER (ORDER BY update_id) AS delivery FROM migrabot_inbox) n
WHERE n.update_id = i.update_id;
SELECT setval('migrabot_inbox_delivery_seq', coalesce(max(delivery), 0) + 1, false) FROM migrabot_inbox;
ALTER TABLE migrabot_inbox ALTER COLUMN delivery SET DEFAULT nextval('migrabot_inbox_delivery_seq'),
    ALTER COLUMN delivery SET NOT NULL,
    DROP CONSTRAINT migrabot_inbox_pkey,
    ADD PRIMARY KEY (delivery);
ALTER SEQUENCE migrabot_inbox_delivery_seq OWNED BY migrabot_inbox.delivery;
-- Which poller stored the update: a fingerprint of the bot token. Rows stored before this revision have none and
-- count as any poller's while they are in the window.
ALTER TABLE migrabot_inbox ADD COLUMN poller bigint;
CREATE INDEX migrabot_inbox_update ON migrabot_inbox (update_id, received_at);
DROP INDEX migrabot_inbox_pending;
CREATE INDEX migrabot_inbox_pending ON migrabot_inbox (delivery) WHERE state IN ('new', 'processing');

-- An operation remembers the delivery that started it (a console command: the console's own negative number), so
-- that the same delivery handled again never starts it twice, and a new update with an old id still does.
DROP INDEX migrabot_journal_update;
ALTER TABLE migrabot_journal RENAME COLUMN update_id TO delivery;
UPDATE migrabot_journal j SET delivery = i.delivery FROM migrabot_inbox i WHERE i.update_id = j.delivery;
CREATE UNIQUE INDEX migrabot_journal_delivery ON migrabot_journal (delivery) WHERE delivery IS NOT NULL;

-- migrate:down
DROP INDEX migrabot_journal_delivery;
UPDATE migrabot_journal j SET delivery = i.update_id FROM migrabot_inbox i WHERE i.delivery = j.delivery;
ALTER TABLE migrabot_journal RENAME COLUMN delivery TO update_id;
DELETE FROM migrabot_inbox i WHERE EXISTS (SELECT 1 FROM migrabot_inbox newer WHERE newer.update_id = i.update_id
    AND newer.delivery > i.delivery);
UPDATE migrabot_journal j SET update_id = NULL WHERE update_id IN (SELECT update_id FROM migrabot_journal
    GROUP BY update_id HAVING count(*) > 1);
CREATE UNIQUE INDEX migrabot_journal_update ON migrabot_journal (update_id) WHERE update_id IS NOT NULL;
DROP INDEX migrabot_inbox_pending;
CREATE INDEX migrabot_inbox_pending ON migrabot_inbox (update_id) WHERE state IN ('new', 'processing');
DROP INDEX migrabot_inbox_update;
ALTER TABLE migrabot_inbox DROP COLUMN poller, DROP CONSTRAINT migrabot_inbox_pkey, ADD PRIMARY KEY (update_id);
ALTER TABLE migrabot_inbox DROP COLUMN delivery;
