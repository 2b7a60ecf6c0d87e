package io.migrabot.operation;

import io.migrabot.backup.BackupRecord;
import io.migrabot.backup.BackupService;
import io.migrabot.revision.AlembicMessages;
import io.migrabot.revision.RevisionException;
import io.migrabot.revision.VersionChange;
import io.migrabot.revision.VersionHeads;

import java.util.List;
import java.util.Optional;

/**
 * Records revisions in a target's version table without running migrations, with Alembic's stamp rules;
 * {@code purge} empties the table first (the way out of a table that records revisions the scripts do not have).
 */
public final class Stamp {
    private final Target target;
    private final BackupService backups;

    public Stamp(Target target, BackupService backups) {
        this.target = target;
        this.backups = backups;
    }

    /** A stamp's result and the exact changes it made to the version table. */
    public record Result(MigrationResult migration, List<VersionChange> changes) {
    }

    /** What {@link #run} would do now, without the lock: for a person to approve. */
    public Plan plan(List<String> revisions, boolean purge) {
        target.requireSoundScripts("stamp");
        List<String> heads = target.readHeads().orElse(List.of());
        if (!purge) {
            target.requireKnown(heads);
        }
        List<String> arguments = new java.util.ArrayList<>(revisions);
        if (purge) {
            arguments.add("--purge");
        }
        return Plan.of(target, "stamp", arguments, heads, List.of(), changes(revisions, purge, heads).stream()
                .map(target.versionTable()::statement).toList());
    }

    private List<VersionChange> changes(List<String> revisions, boolean purge, List<String> heads) {
        try {
            return new VersionHeads(target.scripts().graph(), heads).stamp(revisions, purge);
        } catch (RevisionException e) {
            throw AlembicMessages.translate(e, null, null, null,
                    "Multiple heads are present; please specify a single target revision");
        }
    }

    public Result run(List<String> revisions, boolean purge, String who) {
        long started = System.nanoTime();
        return Guarded.run(target, backups, "stamp", who, !purge, (heads, gate) -> {
            List<VersionChange> changes = changes(revisions, purge, heads);
            if (changes.isEmpty()) {
                return new Result(MigrationResult.unchanged(target.name(), "stamp", heads, started), changes);
            }
            Optional<BackupRecord> backup = gate.takeIfRequired(heads);
            target.database().inTransaction("stamping the version table", h -> {
                target.versionTable().create(h);
                target.versionTable().apply(h, changes);
                return null;
            });
            return new Result(new MigrationResult(target.name(), "stamp", heads, target.readHeads().orElse(List.of()),
                    List.of(), backup, MigrationResult.since(started)), changes);
        });
    }
}
