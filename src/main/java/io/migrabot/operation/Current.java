package io.migrabot.operation;

import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a target's database is stamped with, read from its version table (like {@code alembic current}). */
public final class Current {
    private final Target target;

    public Current(Target target) {
        this.target = target;
    }

    /**
     * @param versionTableExists false for a database Alembic never touched (or whose table was dropped)
     * @param heads              the recorded revisions the scripts know, as graph nodes
     * @param unknown            what to say about each recorded revision the scripts do not have
     */
    public record Result(String target, boolean versionTableExists, List<RevisionNode> heads, List<String> unknown) {
    }

    public Result read() {
        Optional<List<String>> recorded = target.readHeads();
        RevisionGraph graph = target.scripts().graph();
        List<RevisionNode> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : recorded.orElse(List.of())) {
            graph.find(id).ifPresentOrElse(known::add, () -> unknown.add(target.unknownRevision(id)));
        }
        return new Result(target.name(), recorded.isPresent(), known, unknown);
    }
}
