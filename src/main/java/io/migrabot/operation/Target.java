package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.DatabaseException;
import io.migrabot.database.TargetDatabase;
import io.migrabot.database.TargetLock;
import io.migrabot.database.VersionTable;
import io.migrabot.revision.Problem;
import io.migrabot.runner.AlembicRunner;
import io.migrabot.script.AlembicScriptDirectory;
import io.migrabot.script.RevisionFileCache;
import io.migrabot.script.SqlScriptDirectory;

import java.util.List;
import java.util.Optional;

/** Everything an operation needs about one target: its configuration, database, version table and scripts. */
public record Target(TargetConfig config, TargetDatabase database, VersionTable versionTable, Scripts scripts) {

    /** Opens a target: reads its scripts (statically) and prepares its database; connects lazily. */
    public static Target open(TargetConfig config) {
        return open(config, TargetDatabase.of(config), null);
    }

    /**
     * Opens a target on a database the caller keeps (a pool shared by many commands), reading unchanged revision
     * files from {@code cache} when one is given.
     */
    public static Target open(TargetConfig config, TargetDatabase database, RevisionFileCache cache) {
        VersionTable versionTable = new VersionTable(config.versionTable(), config.versionTableSchema());
        Scripts scripts;
        if (config.migrations() instanceof MigrationsSource.Alembic alembic) {
            scripts = new AlembicScripts(AlembicScriptDirectory.load(alembic.ini(), alembic.section(),
                    alembic.workingDirectory(), cache), new AlembicRunner(config.name(), alembic));
        } else {
            MigrationsSource.Sql sql = (MigrationsSource.Sql) config.migrations();
            scripts = new NativeScripts(SqlScriptDirectory.load(sql.directory()), database, versionTable);
        }
        return new Target(config, database, versionTable, scripts);
    }

    public String name() {
        return config.name();
    }

    public TargetLock lock() {
        return new TargetLock(database, versionTable);
    }

    /** The recorded heads, or empty when the database has no version table. */
    public Optional<List<String>> readHeads() {
        return database.withHandle("reading the version table " + versionTable.displayName(), versionTable::read);
    }

    /** Refuses to change a target whose scripts have structural problems: the plan could not be trusted. */
    void requireSoundScripts(String operation) {
        List<Problem> problems = scripts.graph().problems();
        if (!problems.isEmpty()) {
            throw new MigrabotException(ErrorCode.SCRIPT_DIRECTORY, operation + " refused: the scripts of target "
                    + name() + " have " + problems.size() + " problem(s), first: " + problems.get(0).describe());
        }
    }

    /** Refuses stamped revisions the scripts do not have, in Alembic's words. */
    void requireKnown(List<String> heads) {
        for (String head : heads) {
            if (scripts.graph().find(head).isEmpty()) {
                throw new DatabaseException(ErrorCode.VERSION_TABLE, unknownRevision(head), "", null);
            }
        }
    }

    /** What to say about a stamped revision the scripts do not have: Alembic's words, then what it means. */
    public String unknownRevision(String revision) {
        return "Can't locate revision identified by '" + revision + "': target " + name() + " is stamped with a "
                + "revision its scripts do not have (stale revision files, or another branch's); stamp --purge the "
                + "revision that matches the schema";
    }
}
