revision = REV_ID
down_revision = None
