revision = "6678"
down_revision = None + \
