"""Applies migration steps to a version table with Alembic's own HeadMaintainer, recording the row changes.

stdin, graphs separated by a line "GRAPH":
  REV <id>|<down,down>|<dep,dep>|<label,label>
  STEPS <head,head>|<U:id D:id ...>
  STAMP <head,head>|<dest,dest>|<purge: 0 or 1>    (the heads are first reached by upgrading from empty)
stdout: one line per STEPS: "OK <step changes; ...> => <final heads sorted>" or "ERR <ExceptionClass> <message>",
where each step's changes are "-row +row" lists (rows removed, rows added), sorted.
"""
import sys
import warnings

from alembic.runtime.migration import HeadMaintainer, RevisionStep
from alembic.script.base import ScriptDirectory
from alembic.script.revision import Revision, RevisionMap

warnings.simplefilter("ignore")


class _Module:
    @staticmethod
    def upgrade():
        pass

    @staticmethod
    def downgrade():
        pass


class Recording(HeadMaintainer):
    def __init__(self, heads):
        self.heads = set(heads)
        self.removed, self.added = [], []

    def _insert_version(self, version):
        assert version not in self.heads
        self.heads.add(version)
        self.added.append(version)

    def _delete_version(self, version):
        self.heads.remove(version)
        self.removed.append(version)

    def _update_version(self, from_, to_):
        assert to_ not in self.heads
        self.heads.remove(from_)
        self.heads.add(to_)
        self.removed.append(from_)
        self.added.append(to_)


def split(field):
    return tuple(x for x in field.split(",") if x)


def describe(maintainer, described):
    described.append(" ".join(["-" + r for r in sorted(maintainer.removed)]
                              + ["+" + a for a in sorted(maintainer.added)]))
    maintainer.removed, maintainer.added = [], []


def stamp(rmap, heads, dests, purge):
    script = ScriptDirectory.__new__(ScriptDirectory)
    script.revision_map = rmap
    maintainer = Recording(())
    for rid in split(heads):
        maintainer.update_to_step(RevisionStep(rmap, rmap.get_revision(rid), True))
    maintainer.removed, maintainer.added = [], []
    described = []
    if purge == "1":
        maintainer.removed = sorted(maintainer.heads)
        maintainer.heads = set()
    for step in script._stamp_revs(split(dests), tuple(maintainer.heads)):
        maintainer.update_to_step(step)
    describe(maintainer, described)
    return "OK " + "; ".join(described) + " => " + ",".join(sorted(maintainer.heads))


def run(revisions, queries, out):
    rmap = RevisionMap(lambda: revisions)
    for query in queries:
        try:
            if query[0] == "STAMP":
                out.append(stamp(rmap, *query[1:]))
                continue
            heads, steps = query[1:]
            maintainer = Recording(split(heads))
            described = []
            for step in steps.split():
                kind, rid = step.split(":")
                rev = rmap.get_revision(rid)
                maintainer.removed, maintainer.added = [], []
                maintainer.update_to_step(RevisionStep(rmap, rev, kind == "U"))
                described.append(" ".join(["-" + r for r in sorted(maintainer.removed)]
                                          + ["+" + a for a in sorted(maintainer.added)]))
            out.append("OK " + "; ".join(described) + " => " + ",".join(sorted(maintainer.heads)))
        except Exception as e:  # every failure is an answer to compare
            msg = str(e.args[0]) if e.args else ""
            out.append("ERR %s %s" % (type(e).__name__, msg.replace("\n", " ")))


out = []
revisions, queries = [], []
for line in sys.stdin.read().splitlines():
    kind, _, rest = line.partition(" ")
    if kind == "GRAPH":
        if revisions or queries:
            run(revisions, queries, out)
        revisions, queries = [], []
    elif kind == "REV":
        rid, down, deps, labels = rest.split("|")
        down = split(down)
        rev = Revision(rid, down if len(down) > 1 else (down[0] if down else None),
                       dependencies=split(deps) or None, branch_labels=split(labels) or None)
        rev.module = _Module
        rev.doc = ""
        revisions.append(rev)
    elif kind in ("STEPS", "STAMP"):
        queries.append((kind,) + tuple(rest.split("|")))
if revisions or queries:
    run(revisions, queries, out)
sys.stdout.write("\n".join(out) + "\n")
