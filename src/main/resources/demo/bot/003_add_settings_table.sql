-- revision: 003_add_settings_table
-- down_revision: 002_add_phone_number_to_users
-- message: add settings table
-- migrate:up
CREATE TABLE settings (id integer PRIMARY KEY, key text NOT NULL UNIQUE, value text NOT NULL);

-- migrate:down
DROP TABLE settings;
