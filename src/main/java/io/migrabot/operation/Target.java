package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.DatabaseException;
import io.migrabot.database.TargetDatabase;
import io.migrabot.database.OperationLock;
import io.migrabot.database.VersionTable;
import io.migrabot.revision.Problem;
import io.migrabot.runner.AlembicRunner;
import io.migrabot.script.AlembicScriptDirectory;
import io.migrabot.script.RevisionFileCache;
import io.migrabot.script.SqlScriptDirectory;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything an operation needs about one target: its configuration, database, version table and scripts. The
 * scripts are read on first use, not on opening: a backup or a look at the version table needs none of them, and
 * reading a project of 1,000 revisions took a tenth of a second of each backup.
 */
public final class Target {
    private final TargetConfig config;
    private final TargetDatabase database;
    private final VersionTable versionTable;
    private final Supplier<Scripts> reader;
    private Scripts scripts;

    private Target(TargetConfig config, TargetDatabase database, VersionTable versionTable, Supplier<Scripts> reader) {
        this.config = config;
        this.database = database;
        this.versionTable = versionTable;
        this.reader = reader;
    }

    /** Opens a target: prepares its database (connecting lazily) and its scripts (read on first use). */
    public static Target open(TargetConfig config) {
        return open(config, TargetDatabase.of(config), null);
    }

    /**
     * Opens a target on a database the caller keeps (a pool shared by many commands), reading unchanged revision
     * files from {@code cache} when one is given.
     */
    public static Target open(TargetConfig config, TargetDatabase database, RevisionFileCache cache) {
        VersionTable versionTable = new VersionTable(config.versionTable(), config.versionTableSchema(),
                database.kind());
        return new Target(config, database, versionTable, () -> {
            if (config.migrations() instanceof MigrationsSource.Alembic alembic) {
                return new AlembicScripts(AlembicScriptDirectory.load(List.of(alembic.ini()), alembic.section(),
                        alembic.workingDirectory(), cache), new AlembicRunner(config.name(), alembic));
            }
            MigrationsSource.Sql sql = (MigrationsSource.Sql) config.migrations();
            return new NativeScripts(SqlScriptDirectory.load(sql.directory()), database, versionTable);
        });
    }

    public TargetConfig config() {
        return config;
    }

    public TargetDatabase database() {
        return database;
    }

    public VersionTable versionTable() {
        return versionTable;
    }

    /** The scripts, read from disk the first time they are asked for. */
    public synchronized Scripts scripts() {
        if (scripts == null) {
            scripts = reader.get();
        }
        return scripts;
    }

    public String name() {
        return config.name();
    }

    public OperationLock lock() {
        return OperationLock.of(database, versionTable);
    }

    /** The recorded heads, or empty when the database has no version table. */
    public Optional<List<String>> readHeads() {
        return database.withHandle("reading the version table " + versionTable.displayName(), versionTable::read);
    }

    /**
     * Refuses to change a target whose scripts have structural problems (a revision file that could not be read,
     * so the graph misses it) or dependencies that could not be determined: the plan could not be trusted.
     */
    void requireSoundScripts(String operation) {
        List<Problem> problems = scripts().graph().refusals();
        if (!problems.isEmpty()) {
            throw new MigrabotException(ErrorCode.SCRIPT_DIRECTORY, operation + " refused: the scripts of target "
                    + name() + " have " + problems.size() + " problem(s); fix " + fileOf(problems.get(0)) + " first: "
                    + problems.get(0).describe());
        }
    }

    private static String fileOf(Problem problem) {
        String location = problem.location();
        int line = location.lastIndexOf(':');
        boolean numbered = line > 0 && location.substring(line + 1).chars().allMatch(Character::isDigit)
                && line + 1 < location.length();
        return location.isEmpty() ? "the graph" : numbered ? location.substring(0, line) : location;
    }

    /** Refuses stamped revisions the scripts do not have, in Alembic's words. */
    void requireKnown(List<String> heads) {
        for (String head : heads) {
            if (scripts().graph().find(head).isEmpty()) {
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
