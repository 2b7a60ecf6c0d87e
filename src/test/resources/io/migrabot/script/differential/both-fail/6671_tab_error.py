revision = "6671"
down_revision = None
def upgrade():
	if True:
        pass
