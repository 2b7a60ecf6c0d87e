revision = "2222"
