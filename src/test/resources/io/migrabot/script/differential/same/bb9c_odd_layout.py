"""Odd but valid layout."""

revision = 'bb9c' ;  down_revision = [] ;
x = 0x1E+1 + 1e-5 + 1_000j + .5 ; y = not x
\

