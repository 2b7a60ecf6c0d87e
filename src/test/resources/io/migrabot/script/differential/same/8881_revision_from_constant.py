REV = "8881"
revision = REV
down_revision = None
