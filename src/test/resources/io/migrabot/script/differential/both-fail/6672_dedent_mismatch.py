revision = "6672"
down_revision = None
def upgrade():
        x = 1
    y = 2
