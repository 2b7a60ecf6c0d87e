"""The id comes from whichever branch runs: here the except branch, as the relative import fails."""
try:
    from ._ids import REVISION as revision
except ImportError:
    revision = "8887"
down_revision = None
