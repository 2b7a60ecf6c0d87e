"""Runs many Alembic 1.8 command lines in one process, for migrabot's differential CLI tests.

stdin: one command per line, arguments separated by tabs (the first is the working directory).
stdout: for each command, what Alembic printed to stdout, then a line "@@@ EXIT <code>".

With --sorted-listing, os.listdir returns names sorted, so Alembic loads revision files in the same (path) order
migrabot does; without it Alembic uses the file system's order. Alembic prints two Python sets (branch labels,
the children of a branch point) in hash order; the oracle makes them iterate sorted, the stable order migrabot
picks, so outputs can be compared line for line.
"""
import contextlib
import io
import os
import sys
import warnings

if "--sorted-listing" in sys.argv:
    _listdir = os.listdir
    os.listdir = lambda path=".": sorted(_listdir(path))

warnings.simplefilter("ignore")
from alembic.config import CommandLine  # noqa: E402
from alembic.script import revision as _revision  # noqa: E402


class _SortedFrozenSet(frozenset):
    def __iter__(self):
        return iter(sorted(frozenset.__iter__(self)))

    def union(self, *others):
        return _SortedFrozenSet(frozenset.union(self, *others))


class _SortedSet(set):
    def __iter__(self):
        return iter(sorted(set.__iter__(self)))


_revision.Revision.nextrev = _SortedFrozenSet()
_init = _revision.Revision.__init__


def _sorted_init(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.branch_labels = _SortedSet(self.branch_labels)


_revision.Revision.__init__ = _sorted_init

for line in sys.stdin.read().splitlines():
    if not line:
        continue
    cwd, *argv = line.split("\t")
    os.chdir(cwd)
    buffer = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(io.StringIO()):
        try:
            CommandLine(prog="alembic").main(argv=argv)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except Exception as e:  # Alembic crashed: report it as output so the test can show it
            print("CRASH %s: %s" % (type(e).__name__, e))
            code = 99
    sys.stdout.write(buffer.getvalue())
    sys.stdout.write("@@@ EXIT %d\n" % code)
