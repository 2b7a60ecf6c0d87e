revision = "6674"
down_revision = None
