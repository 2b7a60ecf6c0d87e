package io.migrabot.operation;

import io.migrabot.backup.BackupRecord;
import io.migrabot.backup.BackupService;
import io.migrabot.revision.AlembicMessages;
import io.migrabot.revision.RevisionException;
import io.migrabot.revision.RevisionNode;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;

import java.util.List;
import java.util.Optional;

/** Upgrades a target to a destination (any revision argument Alembic accepts), as {@code alembic upgrade} does. */
public final class Upgrade {
    private final Target target;
    private final BackupService backups;

    public Upgrade(Target target, BackupService backups) {
        this.target = target;
        this.backups = backups;
    }

    /** What {@link #run} would do now, without the lock: for a person to approve. */
    public Plan plan(String destination) {
        target.requireSoundScripts("upgrade");
        List<String> heads = target.readHeads().orElse(List.of());
        target.requireKnown(heads);
        return Plan.of(target, "upgrade", List.of(destination), heads, steps(destination, heads), List.of());
    }

    private List<RevisionNode> steps(String destination, List<String> heads) {
        try {
            return target.scripts().graph().traversal().upgradePlan(destination, heads);
        } catch (RevisionException e) {
            throw invalid(e, destination);
        }
    }

    private List<String> destinations(String destination, List<String> heads) {
        try {
            return target.scripts().graph().traversal().upgradeDestinations(destination, heads);
        } catch (RevisionException e) {
            throw invalid(e, destination);
        }
    }

    private static RuntimeException invalid(RevisionException e, String destination) {
        return AlembicMessages.translate(e, null, destination, "Destination " + destination
                + " is not a valid upgrade target from current head(s)", null);
    }

    /** What reaches the runner: the words head and heads as they are, anything else as the resolved ids. */
    static List<String> words(String destination, List<String> destinations) {
        return destination.equals("head") || destination.equals("heads") ? List.of(destination) : destinations;
    }

    public MigrationResult run(String destination, String who, Progress.Listener listener,
                               Cancellation cancellation) {
        long started = System.nanoTime();
        return Guarded.run(target, backups, "upgrade", who, true, (heads, gate) -> {
            List<RevisionNode> plan = steps(destination, heads);
            if (plan.isEmpty()) {
                return MigrationResult.unchanged(target.name(), "upgrade", heads, started);
            }
            Optional<BackupRecord> backup = gate.takeIfRequired(heads);
            // a relative destination (+2) is fixed now: a retry starts from wherever the last try stopped
            List<String> fixed = words(destination, destinations(destination, heads));
            String absolute = fixed.size() == 1 ? fixed.get(0) : destination;
            BusyDatabase.run(target, heads, listener, cancellation, (current, session) -> {
                List<RevisionNode> pending = steps(absolute, current);
                if (!pending.isEmpty()) {
                    target.scripts().run(pending, true, words(absolute, destinations(absolute, current)), current,
                            listener, cancellation, session);
                }
            });
            return new MigrationResult(target.name(), "upgrade", heads, target.readHeads().orElse(List.of()),
                    plan.stream().map(RevisionNode::id).toList(), backup, MigrationResult.since(started));
        });
    }
}
