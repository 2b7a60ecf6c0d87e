revision = "4444"
down_revision = None
depends_on = "4444"
