revision = "6675"
down_revision = None
def upgrade():
# only a comment
