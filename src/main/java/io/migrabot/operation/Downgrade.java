package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.backup.BackupRecord;
import io.migrabot.backup.BackupService;
import io.migrabot.revision.AlembicMessages;
import io.migrabot.revision.RevisionException;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;

import java.util.List;
import java.util.Optional;

/** Downgrades a target to a destination, as {@code alembic downgrade} does. */
public final class Downgrade {
    private final Target target;
    private final BackupService backups;

    public Downgrade(Target target, BackupService backups) {
        this.target = target;
        this.backups = backups;
    }

    public MigrationResult run(String destination, String who, Progress.Listener listener,
                               Cancellation cancellation) {
        long started = System.nanoTime();
        RevisionGraph graph = target.scripts().graph();
        return Guarded.run(target, backups, "downgrade", who, true, (heads, gate) -> {
            if (heads.size() > 1 && destination.matches("-\\d+")) {
                throw new MigrabotException(ErrorCode.USAGE, "downgrade " + destination + " is ambiguous with "
                        + heads.size() + " heads (" + String.join(", ", heads) + "); name the revision to go to, or "
                        + "narrow it to one head, e.g. " + heads.get(0) + "@" + destination);
            }
            List<RevisionNode> plan;
            String resolved;
            try {
                resolved = graph.traversal().downgradeDestination(destination, heads);
                plan = graph.traversal().downgradePlan(destination, heads);
            } catch (RevisionException e) {
                throw AlembicMessages.translate(e, null, destination, "Destination " + destination
                        + " is not a valid downgrade target from current head(s)", null);
            }
            if (plan.isEmpty()) {
                return MigrationResult.unchanged(target.name(), "downgrade", heads, started);
            }
            Optional<BackupRecord> backup = gate.takeIfRequired(heads);
            target.scripts().run(plan, false, List.of(resolved), heads, listener, cancellation);
            return new MigrationResult(target.name(), "downgrade", heads, target.readHeads().orElse(List.of()),
                    plan.stream().map(RevisionNode::id).toList(), backup, MigrationResult.since(started));
        });
    }
}
