revision = "8882"
down_revision = ("a", None)
