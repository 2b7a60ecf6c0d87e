"""Answers revision-graph queries with Alembic's own RevisionMap, for migrabot's differential tests.

stdin, one per line, graphs separated by a line "GRAPH":
  REV <id>|<down,down>|<dep,dep>|<label,label>
  Q <kind>|<arg>|<arg>...
stdout: one line per query: "OK <value>" or "ERR <ExceptionClass> <message>".
"""
import sys
import warnings

from alembic.script.revision import RevisionMap, Revision

warnings.simplefilter("ignore")


def split(field):
    return tuple(x for x in field.split(",") if x)


def spec(text):
    if text == "n":
        return None
    kind, _, value = text.partition(":")
    return value if kind == "s" else split(value)


def ident(rev):
    if rev is None:
        return "None"
    if isinstance(rev, str):
        return rev
    return rev.revision


def answer(rmap, q):
    k = q[0]
    if k == "heads":
        return ",".join(rmap.heads)
    if k == "realheads":
        return ",".join(rmap._real_heads)
    if k == "bases":
        return ",".join(rmap.bases)
    if k == "labels":
        return ",".join(sorted(rmap.get_revision(q[1]).branch_labels))
    if k == "get":
        return ",".join(ident(r) for r in rmap.get_revisions(q[1]))
    if k == "one":
        return ident(rmap.get_revision(q[1]))
    if k == "iter":
        flags = [c == "1" for c in q[3]]
        return ",".join(r.revision for r in rmap.iterate_revisions(
            spec(q[1]), spec(q[2]), implicit_base=flags[0], inclusive=flags[1],
            assert_relative_length=flags[2], select_for_downgrade=flags[3]))
    raise ValueError("unknown query " + k)


def run(revisions, queries, out):
    rmap = RevisionMap(lambda: revisions)
    for q in queries:
        try:
            out.append("OK " + answer(rmap, q))
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
        revisions.append(Revision(rid, down if len(down) > 1 else (down[0] if down else None),
                                  dependencies=split(deps) or None, branch_labels=split(labels) or None))
    elif kind == "Q":
        queries.append(rest.split("|"))
if revisions or queries:
    run(revisions, queries, out)
sys.stdout.write("\n".join(out) + "\n")
