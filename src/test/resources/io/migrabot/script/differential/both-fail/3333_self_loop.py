revision = "3333"
down_revision = ("1111", "3333")
