"""Python picks the parent when the file runs; migrabot cannot."""
import os

revision = "8886"
down_revision = "a"
if os.environ.get("MIGRABOT_TEST_NEVER_SET"):
    down_revision = "b"
