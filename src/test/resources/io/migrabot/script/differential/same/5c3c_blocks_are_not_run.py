"""Blocks hide assignments; Python does not run these either."""
import sqlalchemy as sa

if False:
    revision = "wrong"
else:
    pass


class Helper:
    revision = "also wrong"
    down_revision = ("nope",)

    def method(self):
        return {"revision": "x", 'down_revision': [1, 2, (3, 4)]}


def upgrade():
    text = """
revision = 'inside a string'
"""
    sql = "SELECT '(' FROM t WHERE a = '[' -- ]"  # ) brackets in strings and comments
    x = 1 if len(sql) > 2 else 2
    return f"{text!r} {x}"


revision = "5c3c"
down_revision = "4b2b"
