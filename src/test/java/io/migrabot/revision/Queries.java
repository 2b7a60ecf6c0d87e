package io.migrabot.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Answers the oracle's queries with migrabot's graph, in the oracle's answer format. */
final class Queries {
    /** Alembic failures that are internal assertions or crashes, not messages meant for users. */
    private static final Set<String> CRASHES = Set.of("AssertionError", "KeyError", "AttributeError", "TypeError");

    private Queries() {
    }

    static String answer(RevisionGraph graph, String[] q) {
        try {
            return "OK " + value(graph, q);
        } catch (RevisionException e) {
            return "ERR " + e.kind() + " " + e.getMessage();
        } catch (RuntimeException e) {
            return "BUG " + e + " at " + e.getStackTrace()[0] + " " + e.getStackTrace()[1] + " " + e.getStackTrace()[2];
        }
    }

    private static String value(RevisionGraph graph, String[] q) {
        RevisionResolver resolver = graph.resolver();
        switch (q[0]) {
            case "heads":
                return String.join(",", graph.heads());
            case "realheads":
                return String.join(",", graph.realHeads());
            case "bases":
                return String.join(",", graph.bases());
            case "labels":
                return String.join(",", graph.node(q[1]).branchLabels());
            case "get":
                return join(resolver.resolveAll(q[1]));
            case "one":
                return ident(resolver.resolveOne(q[1]));
            case "iter":
                char[] f = q[3].toCharArray();
                RevisionTraversal.Options options = new RevisionTraversal.Options(f[0] == '1', f[1] == '1',
                        f[2] == '1', f[3] == '1');
                return join(graph.traversal().iterate(spec(q[1]), spec(q[2]), options));
            default:
                throw new IllegalArgumentException(q[0]);
        }
    }

    static RevisionSpec spec(String text) {
        if (text.equals("n")) {
            return RevisionSpec.NONE;
        }
        String value = text.substring(2);
        if (text.startsWith("s:")) {
            return RevisionSpec.of(value);
        }
        return RevisionSpec.ofIds(value.isEmpty() ? List.of() : Arrays.asList(value.split(",")));
    }

    private static String join(List<RevisionNode> nodes) {
        List<String> out = new ArrayList<>();
        for (RevisionNode node : nodes) {
            out.add(ident(node));
        }
        return String.join(",", out);
    }

    private static String ident(RevisionNode node) {
        return node == null ? "None" : node.id();
    }

    /** Equal answers, or Alembic crashed and migrabot refused with a message of its own. */
    static boolean agree(String alembic, String migrabot) {
        if (alembic.equals(migrabot)) {
            return true;
        }
        if (!alembic.startsWith("ERR ") || !migrabot.startsWith("ERR ")) {
            return false;
        }
        String[] a = alembic.split(" ", 3);
        String[] m = migrabot.split(" ", 3);
        if (CRASHES.contains(a[1])) {
            return true;
        }
        String kind = switch (a[1]) {
            case "ResolutionError" -> "RESOLUTION";
            case "MultipleHeads" -> "MULTIPLE_HEADS";
            case "RangeNotAncestorError" -> "RANGE_NOT_ANCESTOR";
            default -> "OTHER";
        };
        return kind.equals(m[1]) && setsSorted(a.length > 2 ? a[2] : "").equals(setsSorted(m.length > 2 ? m[2] : ""));
    }

    /** Alembic lists overlapping revisions from a Python set, in no particular order: compare them sorted. */
    private static String setsSorted(String message) {
        String marker = "overlaps with other requested revisions ";
        int at = message.indexOf(marker);
        if (at < 0) {
            return message;
        }
        List<String> items = new ArrayList<>(Arrays.asList(message.substring(at + marker.length()).split(", ")));
        items.sort(null);
        return message.substring(0, at + marker.length()) + String.join(", ", items);
    }
}
