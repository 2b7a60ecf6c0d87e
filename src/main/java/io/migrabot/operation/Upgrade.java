package io.migrabot.operation;

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

/** Upgrades a target to a destination (any revision argument Alembic accepts), as {@code alembic upgrade} does. */
public final class Upgrade {
    private final Target target;
    private final BackupService backups;

    public Upgrade(Target target, BackupService backups) {
        this.target = target;
        this.backups = backups;
    }

    public MigrationResult run(String destination, String who, Progress.Listener listener,
                               Cancellation cancellation) {
        long started = System.nanoTime();
        RevisionGraph graph = target.scripts().graph();
        return Guarded.run(target, backups, "upgrade", who, true, (heads, gate) -> {
            List<RevisionNode> plan;
            List<String> destinations;
            try {
                destinations = graph.traversal().upgradeDestinations(destination, heads);
                plan = graph.traversal().upgradePlan(destination, heads);
            } catch (RevisionException e) {
                throw AlembicMessages.translate(e, null, destination, "Destination " + destination
                        + " is not a valid upgrade target from current head(s)", null);
            }
            if (plan.isEmpty()) {
                return MigrationResult.unchanged(target.name(), "upgrade", heads, started);
            }
            Optional<BackupRecord> backup = gate.takeIfRequired(heads);
            List<String> words = destination.equals("head") || destination.equals("heads") ? List.of(destination)
                    : destinations;
            target.scripts().run(plan, true, words, heads, listener, cancellation);
            return new MigrationResult(target.name(), "upgrade", heads, target.readHeads().orElse(List.of()),
                    plan.stream().map(RevisionNode::id).toList(), backup, MigrationResult.since(started));
        });
    }
}
