r"""Raw: \n stays, \x41 stays, and \
the continuation stays too"""

revision = r"4b2b"
down_revision = u"3f1a"
