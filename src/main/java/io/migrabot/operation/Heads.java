package io.migrabot.operation;

import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;

import java.util.List;

/** The heads of a script directory: through down_revision only, or (resolving dependencies) the real heads. */
public final class Heads {
    private final RevisionGraph graph;

    public Heads(RevisionGraph graph) {
        this.graph = graph;
    }

    public List<RevisionNode> list(boolean resolveDependencies) {
        List<String> ids = resolveDependencies ? graph.realHeads() : graph.heads();
        return ids.stream().map(graph::node).toList();
    }
}
