revision = "6670"
    down_revision = None
