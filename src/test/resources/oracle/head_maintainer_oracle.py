"""Applies migration steps to a version table with Alembic's own HeadMaintainer, recording the row changes.

stdin, graphs separated by a line "GRAPH":
  REV <id>|<down,down>|<dep,dep>|<label,label>
  STEPS <head,head>|<U:id D:id ...>
stdout: one line per STEPS: "OK <step changes; ...> => <final heads sorted>" or "ERR <ExceptionClass> <message>",
where each step's changes are "-row +row" lists (rows removed, rows added), sorted.
"""
import sys
import warnings

from alembic.runtime.migration import HeadMaintainer, RevisionStep
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


def run(revisions, queries, out):
    rmap = RevisionMap(lambda: revisions)
    for heads, steps in queries:
        try:
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
    elif kind == "STEPS":
        queries.append(tuple(rest.split("|")))
if revisions or queries:
    run(revisions, queries, out)
sys.stdout.write("\n".join(out) + "\n")
