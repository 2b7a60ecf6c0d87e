"""Escapes: tab\there, hex \x41\x42, u \u00e9, U \U0001F600, named \N{GREEK SMALL LETTER ALPHA}, \
octal \101\60, unknown \d, quote \" and \'\'\' and backslash \\ end"""
revision = "3f1a"; down_revision = "ab" 'cd'; depends_on = ("x",)
