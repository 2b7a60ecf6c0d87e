revision = "77-80"
depends_on = "77-80"
