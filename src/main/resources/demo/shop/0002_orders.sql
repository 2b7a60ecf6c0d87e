-- revision: 0002_orders
-- down_revision: 0001_init
-- message: orders
-- migrate:up
CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users, total numeric(12, 2) NOT NULL);

-- migrate:down
DROP TABLE orders;
