package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.revision.AlembicMessages;
import io.migrabot.revision.RevisionException;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.revision.RevisionSpec;
import io.migrabot.revision.RevisionTraversal;

import java.util.List;

/** The revisions of a range, newest first, as {@code alembic history -r start:end} lists them. */
public final class History {
    private final RevisionGraph graph;

    public History(RevisionGraph graph) {
        this.graph = graph;
    }

    /** A history range: {@code start:end}, {@code start:}, {@code :end}; either side may be empty. */
    public record Range(String start, String end) {
        public static final Range ALL = new Range(null, null);

        public static Range parse(String text) {
            if (text == null) {
                return ALL;
            }
            String[] parts = text.strip().split(":", -1);
            if (parts.length != 2) {
                throw new MigrabotException(ErrorCode.USAGE,
                        "History range requires [start]:[end], [start]:, or :[end]; got '" + text + "'");
            }
            for (String part : parts) {
                if (part.equals("current")) {
                    throw new MigrabotException(ErrorCode.USAGE, "The range '" + text + "' names 'current', which "
                            + "needs a database connection; read-only commands work on the script directory alone, "
                            + "so name a revision instead");
                }
            }
            return new Range(parts[0].isEmpty() ? null : parts[0], parts[1].isEmpty() ? null : parts[1]);
        }
    }

    public List<RevisionNode> list(Range range) {
        String start = range.start() == null ? "base" : range.start();
        String end = range.end() == null ? "heads" : range.end();
        try {
            return graph.traversal().iterate(RevisionSpec.of(end), RevisionSpec.of(start),
                    RevisionTraversal.Options.HISTORY);
        } catch (RevisionException e) {
            throw AlembicMessages.translate(e, start, end);
        }
    }
}
