revision = "8883"
down_revision = "88" + "82"
