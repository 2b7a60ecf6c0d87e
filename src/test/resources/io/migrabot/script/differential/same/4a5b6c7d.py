"""legacy file: the id comes from the file name"""
down_revision = None
