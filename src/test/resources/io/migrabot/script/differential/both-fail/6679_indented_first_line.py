  """indented docstring"""
revision = "6679"
down_revision = None
