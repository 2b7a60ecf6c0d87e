revision = "6668"
down_revision = (
    "a",
    ["b",

def upgrade():
    pass
