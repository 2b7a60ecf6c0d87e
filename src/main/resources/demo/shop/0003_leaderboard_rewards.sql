-- revision: leaderboard_rewards
-- down_revision: 0002_orders
-- message: add leaderboard rewards
-- migrate:up
CREATE TABLE leaderboard_rewards (
    id serial PRIMARY KEY,
    period text NOT NULL CHECK (period IN ('week', 'month')),
    place integer NOT NULL,
    points integer NOT NULL
);
INSERT INTO leaderboard_rewards (period, place, points) VALUES ('week', 1, 500), ('week', 2, 300), ('month', 1, 2000);

-- migrate:down
DROP TABLE leaderboard_rewards;
