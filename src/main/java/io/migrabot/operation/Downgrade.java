package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.backup.BackupRecord;
import io.migrabot.backup.BackupService;
import io.migrabot.revision.AlembicMessages;
import io.migrabot.revision.RevisionException;
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

    /** What {@link #run} would do now, without the lock: for a person to approve. */
    public Plan plan(String destination) {
        target.requireSoundScripts("downgrade");
        List<String> heads = target.readHeads().orElse(List.of());
        target.requireKnown(heads);
        return Plan.of(target, "downgrade", List.of(destination), heads, steps(destination, heads), List.of());
    }

    private List<RevisionNode> steps(String destination, List<String> heads) {
        if (heads.size() > 1 && destination.matches("-\\d+")) {
            throw new MigrabotException(ErrorCode.USAGE, "downgrade " + destination + " is ambiguous with "
                    + heads.size() + " heads (" + String.join(", ", heads) + "); name the revision to go to, or "
                    + "narrow it to one head, e.g. " + heads.get(0) + "@" + destination);
        }
        try {
            return target.scripts().graph().traversal().downgradePlan(destination, heads);
        } catch (RevisionException e) {
            throw invalid(e, destination);
        }
    }

    private String resolve(String destination, List<String> heads) {
        try {
            return target.scripts().graph().traversal().downgradeDestination(destination, heads);
        } catch (RevisionException e) {
            throw invalid(e, destination);
        }
    }

    private static RuntimeException invalid(RevisionException e, String destination) {
        return AlembicMessages.translate(e, null, destination, "Destination " + destination
                + " is not a valid downgrade target from current head(s)", null);
    }

    public MigrationResult run(String destination, String who, Progress.Listener listener,
                               Cancellation cancellation) {
        long started = System.nanoTime();
        return Guarded.run(target, backups, "downgrade", who, true, (heads, gate) -> {
            List<RevisionNode> plan = steps(destination, heads);
            if (plan.isEmpty()) {
                return MigrationResult.unchanged(target.name(), "downgrade", heads, started);
            }
            Optional<BackupRecord> backup = gate.takeIfRequired(heads);
            // fixed now (-1 is relative): a retry starts from wherever the last try stopped
            String resolved = resolve(destination, heads);
            BusyDatabase.run(target, heads, listener, cancellation, (current, session) -> {
                List<RevisionNode> pending = steps(resolved, current);
                if (!pending.isEmpty()) {
                    target.scripts().run(pending, false, List.of(resolved), current, listener, cancellation,
                            session);
                }
            });
            return new MigrationResult(target.name(), "downgrade", heads, target.readHeads().orElse(List.of()),
                    plan.stream().map(RevisionNode::id).toList(), backup, MigrationResult.since(started));
        });
    }
}
