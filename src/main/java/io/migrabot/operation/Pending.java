package io.migrabot.operation;

import io.migrabot.revision.RevisionException;
import io.migrabot.revision.RevisionNode;

import java.util.List;
import java.util.Optional;

/** The revisions {@code upgrade heads} would run on a target now, in the order they would run. */
public final class Pending {
    private final Target target;

    public Pending(Target target) {
        this.target = target;
    }

    /** The recorded heads (empty when there is no version table) and what is pending from them. */
    public record Result(String target, boolean versionTableExists, List<String> heads, List<RevisionNode> pending) {
    }

    public Result read() {
        target.requireSoundScripts("pending");
        Optional<List<String>> recorded = target.readHeads();
        List<String> heads = recorded.orElse(List.of());
        target.requireKnown(heads);
        try {
            return new Result(target.name(), recorded.isPresent(), heads,
                    target.scripts().graph().traversal().upgradePlan("heads", heads));
        } catch (RevisionException e) {
            throw new IllegalStateException("'heads' is always a valid destination from known heads", e);
        }
    }
}
