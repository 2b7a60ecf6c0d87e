revision = "55-55@+"
down_revision = None
