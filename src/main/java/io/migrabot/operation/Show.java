package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.revision.AlembicMessages;
import io.migrabot.revision.RevisionException;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.revision.RevisionResolver;

import java.util.ArrayList;
import java.util.List;

/** The revisions an argument names ({@code alembic show REV}); {@code base} names none. */
public final class Show {
    private final RevisionGraph graph;

    public Show(RevisionGraph graph) {
        this.graph = graph;
    }

    public List<RevisionNode> resolve(String argument) {
        try {
            List<RevisionNode> out = new ArrayList<>();
            for (RevisionNode node : graph.resolver().resolveAll(argument)) {
                if (node == null || node == RevisionResolver.BASE) {
                    throw new MigrabotException(ErrorCode.REVISION_RESOLUTION,
                            "'" + argument + "' walks past the end of the history; no revision is there");
                }
                out.add(node);
            }
            return out;
        } catch (RevisionException e) {
            throw AlembicMessages.translate(e, null, null);
        }
    }
}
