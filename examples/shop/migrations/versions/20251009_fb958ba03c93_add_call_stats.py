"""add call_stats table

Revision ID: fb958ba03c93
Revises: 9044ba1e3377
Create Date: 2025-10-09 17:40:02.550113

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "fb958ba03c93"
down_revision: Union[str, None] = "9044ba1e3377"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table("call_stats", sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table("call_stats")
