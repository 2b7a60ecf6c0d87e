package io.migrabot.revision;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders revisions exactly as Alembic's command line does ({@code Script.cmd_format}, {@code log_entry}), so
 * that migrabot's read-only commands print what {@code alembic heads|branches|history|show} print. Where Alembic
 * prints a set (branch labels, children of a branch point) the items are sorted.
 */
public final class AlembicFormat {
    /** The line breaks Python's str.splitlines() splits on. */
    private static final Pattern PY_LINE_BREAK =
            Pattern.compile("\r\n|[\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029]");

    private AlembicFormat() {
    }

    /** What to include in a one-line rendering ({@code _head_only}). */
    public record Line(boolean branches, boolean doc, boolean parents, boolean treeIndicators) {
        public static final Line HEADS = new Line(true, false, false, false);
        public static final Line HISTORY = new Line(true, true, true, true);
        public static final Line BRANCH_POINT = new Line(true, false, false, true);
    }

    /** One revision in one line, or its full entry when verbose. */
    public static String format(RevisionNode node, boolean verbose, Line line, boolean current) {
        return verbose ? logEntry(node, current) : oneLine(node, line, current);
    }

    public static String oneLine(RevisionNode node, Line line, boolean current) {
        Revision r = node.revision();
        StringBuilder text = new StringBuilder();
        if (line.parents()) {
            text.append(formatDown(r));
            if (!r.dependsOn().isEmpty()) {
                text.append(" (").append(String.join(", ", r.dependsOn())).append(')');
            }
            text.append(" -> ");
        }
        text.append(r.id());
        if (line.branches() && !node.branchLabels().isEmpty()) {
            text.append(" (").append(String.join(", ", node.branchLabels())).append(')');
        }
        if (node.isRealHead()) {
            text.append(" (head)");
        }
        if (node.isHead() && !node.isRealHead()) {
            text.append(" (effective head)");
        }
        if (current) {
            text.append(" (current)");
        }
        if (line.treeIndicators()) {
            if (node.isBranchPoint()) {
                text.append(" (branchpoint)");
            }
            if (node.isMergePoint()) {
                text.append(" (mergepoint)");
            }
        }
        if (line.doc()) {
            text.append(", ").append(r.doc());
        }
        return text.toString();
    }

    /** The verbose entry, ending in a newline as Alembic's does (so printing it leaves a blank line). */
    public static String logEntry(RevisionNode node, boolean current) {
        Revision r = node.revision();
        StringBuilder entry = new StringBuilder("Rev: ").append(r.id());
        if (node.isHead()) {
            entry.append(" (head)");
        }
        if (node.isBranchPoint()) {
            entry.append(" (branchpoint)");
        }
        if (node.isMergePoint()) {
            entry.append(" (mergepoint)");
        }
        if (current) {
            entry.append(" (current)");
        }
        entry.append('\n');
        entry.append(node.isMergePoint() ? "Merges: " : "Parent: ").append(formatDown(r)).append('\n');
        if (!r.dependsOn().isEmpty()) {
            entry.append("Also depends on: ").append(String.join(", ", r.dependsOn())).append('\n');
        }
        if (node.isBranchPoint()) {
            entry.append("Branches into: ").append(String.join(", ", node.children())).append('\n');
        }
        if (!node.branchLabels().isEmpty()) {
            entry.append("Branch names: ").append(String.join(", ", node.branchLabels())).append('\n');
        }
        entry.append("Path: ").append(r.path()).append('\n');
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : splitLines(r.longDoc())) {
            paragraphs.add("    " + paragraph);
        }
        entry.append('\n').append(String.join("\n", paragraphs)).append('\n');
        return entry.toString();
    }

    /** A branch point and, indented under it, each revision it branches into ({@code alembic branches}). */
    public static String branchPoint(RevisionNode node, List<RevisionNode> children, boolean verbose) {
        String indent = " ".repeat(node.id().length());
        List<String> lines = new ArrayList<>();
        for (RevisionNode child : children) {
            lines.add(indent + " -> " + oneLine(child, new Line(true, verbose, false, true), false));
        }
        return format(node, verbose, Line.BRANCH_POINT, false) + "\n" + String.join("\n", lines) + "\n";
    }

    private static String formatDown(Revision r) {
        return r.downRevisions().isEmpty() ? "<base>" : String.join(", ", r.downRevisions());
    }

    /** Python's str.splitlines(): no trailing empty piece, empty input gives no lines. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        if (text.isEmpty()) {
            return lines;
        }
        var m = PY_LINE_BREAK.matcher(text);
        int start = 0;
        while (m.find()) {
            lines.add(text.substring(start, m.start()));
            start = m.end();
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
