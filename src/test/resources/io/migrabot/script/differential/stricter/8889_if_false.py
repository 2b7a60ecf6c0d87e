"""Python never runs this block, but migrabot does not evaluate conditions."""
if False:
    revision = "wrong"
else:
    pass
revision = "8889"
down_revision = None
