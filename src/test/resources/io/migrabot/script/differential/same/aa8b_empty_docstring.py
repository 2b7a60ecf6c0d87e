""""""
revision = "aa8b"
down_revision = ()
depends_on = ("",)
