revision = "6676"
down_revision = None
def upgrade():
    op.execute("\x4")
