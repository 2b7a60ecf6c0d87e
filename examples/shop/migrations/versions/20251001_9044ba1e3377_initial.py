"""initial: users, calls, participants

Revision ID: 9044ba1e3377
Revises:
Create Date: 2025-10-01 09:12:44.118021

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '9044ba1e3377'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.Text))
    op.create_table("calls", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table("participants", sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table("participants")
    op.drop_table("calls")
    op.drop_table("users")
