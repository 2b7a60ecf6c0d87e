revision = "6667"
down_revision = None
"""
never closed
