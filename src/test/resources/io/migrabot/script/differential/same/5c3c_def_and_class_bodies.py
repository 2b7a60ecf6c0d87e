"""Def and class bodies bind no module names; other names in blocks do not matter."""
import sqlalchemy as sa

try:
    import json
except ImportError:  # other names in blocks Python runs are fine
    json = None

if False:
    helper = "never"
else:
    pass


class Helper:
    revision = "also wrong"
    down_revision = ("nope",)

    def method(self):
        return {"revision": "x", 'down_revision': [1, 2, (3, 4)]}


if True:
    def upgrade_helper():
        revision = "local to the function"
        return revision

    class Nested:
        depends_on = "a class attribute"


def upgrade():
    text = """
revision = 'inside a string'
"""
    sql = "SELECT '(' FROM t WHERE a = '[' -- ]"  # ) brackets in strings and comments
    x = 1 if len(sql) > 2 else 2
    global branch_labels
    return f"{text!r} {x}"


revision = "5c3c"
down_revision = "4b2b"
