revision = "cc0d"
down_revision = ("",)
branch_labels = ""
