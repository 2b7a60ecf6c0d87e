revision = "6666"
down_revision = None

def upgrade():
    op.execute("SELECT 1)
