revision = "6677"
down_revision = "a" b"b"
