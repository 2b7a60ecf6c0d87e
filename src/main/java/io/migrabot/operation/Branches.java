package io.migrabot.operation;

import io.migrabot.revision.AlembicMessages;
import io.migrabot.revision.RevisionException;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.revision.RevisionSpec;
import io.migrabot.revision.RevisionTraversal;

import java.util.ArrayList;
import java.util.List;

/** The branch points of a script directory, newest first, each with the revisions it branches into. */
public final class Branches {
    private final RevisionGraph graph;

    public Branches(RevisionGraph graph) {
        this.graph = graph;
    }

    public record BranchPoint(RevisionNode revision, List<RevisionNode> children) {
    }

    public List<BranchPoint> list() {
        List<RevisionNode> all;
        try {
            all = graph.traversal().iterate(RevisionSpec.of("heads"), RevisionSpec.of("base"),
                    RevisionTraversal.Options.HISTORY);
        } catch (RevisionException e) {
            throw AlembicMessages.translate(e, "base", "heads");
        }
        List<BranchPoint> points = new ArrayList<>();
        for (RevisionNode node : all) {
            if (node.isBranchPoint()) {
                points.add(new BranchPoint(node, node.children().stream().map(graph::node).toList()));
            }
        }
        return points;
    }
}
