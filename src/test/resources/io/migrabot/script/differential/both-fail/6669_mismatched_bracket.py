revision = "6669"
down_revision = ("a", "b"]
