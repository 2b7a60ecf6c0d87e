# -*- coding: utf-8 -*-
"""old style template

Revision ID: ae1027a6acf
Revises:
Create Date: 2011-11-08 11:40:27.089406

"""

# revision identifiers, used by Alembic.
revision = 'ae1027a6acf'
down_revision = None
branch_labels = None
depends_on = None

from alembic import op
import sqlalchemy as sa


def upgrade():
	op.execute("CREATE TABLE t (id int)")  # tab-indented body


def downgrade():
	op.execute("DROP TABLE t")
