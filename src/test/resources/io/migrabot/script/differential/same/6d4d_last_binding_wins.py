"""Last binding wins.

Second paragraph.
"""
revision = down_revision = "zzz"
revision, down_revision = "6d4d", ("5c3c",)
branch_labels = "a"
branch_labels = {"only"}
depends_on = {"5c3c"}
depends_on = ""
