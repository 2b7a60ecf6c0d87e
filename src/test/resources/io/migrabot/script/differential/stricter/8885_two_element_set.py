revision = "8885"
down_revision = {"a", "b"}
