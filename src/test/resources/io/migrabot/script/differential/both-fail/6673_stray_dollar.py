revision = "6673"
down_revision = $None
