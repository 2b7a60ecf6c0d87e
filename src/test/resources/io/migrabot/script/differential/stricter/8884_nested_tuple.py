revision = "8884"
down_revision = (("a", "b"),)
