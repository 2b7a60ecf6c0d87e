# Copyright (c) 2025 The Shop Team. Licensed under the MIT licence.
"""add leaderboard rewards

Revision ID: leaderboard_rewards
Revises: fb958ba03c93
Create Date: 2025-11-05 08:55:10.771310

"""
from alembic import op
import sqlalchemy as sa

revision = "leaderboard_rewards"
down_revision = "fb958ba03c93"  # written on a branch cut before update_mission_icon_size landed
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("leaderboard_rewards", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("period", sa.Text, nullable=False))


def downgrade() -> None:
    op.drop_table("leaderboard_rewards")
