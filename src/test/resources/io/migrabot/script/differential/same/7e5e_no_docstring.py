import sqlalchemy as sa
"""Not a docstring: an import comes first."""
revision = "7e5e"
down_revision = ("6d4d")
