
# blank line and comment first

(
    "Parenthesized "
    'docstring, '
    """split over lines"""
)
revision = (("8f6f"))
down_revision = "7e5e",
