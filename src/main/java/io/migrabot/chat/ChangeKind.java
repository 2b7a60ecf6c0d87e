package io.migrabot.chat;

import io.migrabot.backup.BackupService;
import io.migrabot.config.Role;
import io.migrabot.operation.Downgrade;
import io.migrabot.operation.Merge;
import io.migrabot.operation.Plan;
import io.migrabot.operation.Restore;
import io.migrabot.operation.Stamp;
import io.migrabot.operation.Target;
import io.migrabot.operation.Upgrade;
import io.migrabot.Units;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;

import java.util.ArrayList;
import java.util.List;

/**
 * The operations that change a target, as chat runs them: each plans (for the request a person approves) and
 * runs (once approved) through its operation class, from the same stored arguments.
 */
enum ChangeKind {
    UPGRADE("upgrade", Role.OPERATOR) {
        @Override
        Plan plan(Target target, BackupService backups, List<String> args) {
            return new Upgrade(target, backups).plan(args.get(0));
        }

        @Override
        Outcome run(Target target, BackupService backups, List<String> args, String who, Progress.Listener progress,
                    Cancellation cancellation) {
            return Format.migration(new Upgrade(target, backups).run(args.get(0), who, progress, cancellation));
        }
    },
    DOWNGRADE("downgrade", Role.ADMIN) {
        @Override
        Plan plan(Target target, BackupService backups, List<String> args) {
            return new Downgrade(target, backups).plan(args.get(0));
        }

        @Override
        Outcome run(Target target, BackupService backups, List<String> args, String who, Progress.Listener progress,
                    Cancellation cancellation) {
            return Format.migration(new Downgrade(target, backups).run(args.get(0), who, progress, cancellation));
        }
    },
    STAMP("stamp", Role.ADMIN) {
        @Override
        Plan plan(Target target, BackupService backups, List<String> args) {
            return new Stamp(target, backups).plan(revisions(args), args.contains("--purge"));
        }

        @Override
        Outcome run(Target target, BackupService backups, List<String> args, String who, Progress.Listener progress,
                    Cancellation cancellation) {
            return Format.migration(new Stamp(target, backups).run(revisions(args), args.contains("--purge"), who)
                    .migration());
        }

        private List<String> revisions(List<String> args) {
            List<String> revisions = new ArrayList<>(args);
            revisions.remove("--purge");
            return revisions;
        }
    },
    RESTORE("restore", Role.ADMIN) {
        @Override
        Plan plan(Target target, BackupService backups, List<String> args) {
            return new Restore(target, backups).plan(args.get(0), into(args));
        }

        @Override
        Outcome run(Target target, BackupService backups, List<String> args, String who, Progress.Listener progress,
                    Cancellation cancellation) {
            Restore.Result r = new Restore(target, backups).run(args.get(0), into(args), who);
            StringBuilder html = new StringBuilder();
            r.safety().ifPresent(b -> html.append(Format.backup(b)).append(" (taken first)\n"));
            html.append("✅ restored backup ").append(Html.code(r.restored().backup().id())).append(" into database ")
                    .append(Html.code(r.restored().database())).append(" in ")
                    .append(Units.duration(r.restored().duration()));
            return new Outcome(true, html.toString(), "ok: restored " + r.restored().backup().id() + " into "
                    + r.restored().database());
        }

        private String into(List<String> args) {
            int at = args.indexOf("--into");
            return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : null;
        }
    },
    MERGE("merge", Role.OPERATOR) {
        @Override
        Plan plan(Target target, BackupService backups, List<String> args) {
            return new Merge(target).plan(message(args), revisions(args));
        }

        @Override
        Outcome run(Target target, BackupService backups, List<String> args, String who, Progress.Listener progress,
                    Cancellation cancellation) {
            Merge.Result r = new Merge(target).run(message(args), revisions(args));
            return new Outcome(true, "✅ wrote merge revision " + Html.code(r.revision()) + " of "
                    + Format.revisions(r.merged()) + ": " + Html.code(r.file().toString()),
                    "ok: merge revision " + r.revision());
        }

        private String message(List<String> args) {
            return args.get(args.indexOf("-m") + 1);
        }

        private List<String> revisions(List<String> args) {
            return args.subList(0, args.indexOf("-m"));
        }
    };

    private final String key;
    private final Role role;

    ChangeKind(String key, Role role) {
        this.key = key;
        this.role = role;
    }

    /** The operation's name, as in commands, policies and the audit log. */
    String key() {
        return key;
    }

    /** The least role that may ask for it. */
    Role role() {
        return role;
    }

    abstract Plan plan(Target target, BackupService backups, List<String> args);

    abstract Outcome run(Target target, BackupService backups, List<String> args, String who,
                         Progress.Listener progress, Cancellation cancellation);

    static ChangeKind of(String key) {
        for (ChangeKind kind : values()) {
            if (kind.key.equals(key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not a change: " + key);
    }
}
