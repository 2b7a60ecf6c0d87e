-- revision: 002_add_phone_number_to_users
-- down_revision: 001_initial_schema
-- message: add phone_number to users
-- migrate:up
ALTER TABLE users ADD COLUMN phone_number text;

-- migrate:down
ALTER TABLE users DROP COLUMN phone_number;
