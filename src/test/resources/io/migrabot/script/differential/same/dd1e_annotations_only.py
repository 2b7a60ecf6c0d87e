"""Annotations without values bind nothing."""
revision: str = "dd1e"
down_revision: str = None
depends_on: str
branch_labels: list
