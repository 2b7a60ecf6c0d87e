revision = "7778"
down_revision = {"a"}
