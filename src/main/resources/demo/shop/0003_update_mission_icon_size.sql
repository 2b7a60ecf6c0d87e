-- revision: update_mission_icon_size
-- down_revision: 0002_orders
-- message: update mission icon size
-- migrate:up
ALTER TABLE missions ADD COLUMN icon_size integer NOT NULL DEFAULT 64;

-- migrate:down
ALTER TABLE missions DROP COLUMN icon_size;
