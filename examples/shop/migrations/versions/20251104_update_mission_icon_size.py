"""update mission icon size

Revision ID: update_mission_icon_size
Revises: fb958ba03c93
Create Date: 2025-11-04 11:03:27.004452

"""
from alembic import op
import sqlalchemy as sa

revision = "update_mission_icon_size"
down_revision = "fb958ba03c93"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("icon_size", sa.Integer, server_default="64"))


def downgrade() -> None:
    op.drop_column("users", "icon_size")
