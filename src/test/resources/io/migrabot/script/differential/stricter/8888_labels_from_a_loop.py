"""A for target binds a module name; so does 'with ... as'."""
import contextlib

revision = "8888"
down_revision = None
for branch_labels in [("x",)]:
    pass
with contextlib.nullcontext(None) as depends_on:
    pass
