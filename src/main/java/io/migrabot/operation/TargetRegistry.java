package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

import io.migrabot.config.MigrabotConfig;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.TargetDatabase;
import io.migrabot.script.RevisionFileCache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configured targets for a long-running process (the bot): each with a small connection pool, made when the
 * target is first used and kept as long as the registry (a bot with many targets starts without making a pool per
 * target), and a cache of revision files. {@link #open} reads the scripts again each time, so a revision file
 * deployed while the bot runs is seen by the next command; unchanged files come from the cache.
 */
public final class TargetRegistry implements AutoCloseable {
    private final MigrabotConfig config;
    private final Map<String, TargetDatabase> databases = new LinkedHashMap<>();
    private final Map<String, RevisionFileCache> caches = new LinkedHashMap<>();
    private boolean closed;

    public TargetRegistry(MigrabotConfig config) {
        this.config = config;
    }

    public MigrabotConfig config() {
        return config;
    }

    public Optional<TargetConfig> config(String name) {
        return config.target(name);
    }

    /** The target with its scripts as they are on disk now. */
    public Target open(String name) {
        // names come from people and from the state database (a request made before the configuration changed)
        TargetConfig target = config.target(name).orElseThrow(() -> new MigrabotException(ErrorCode.CONFIGURATION,
                "no target '" + name + "' in " + config.file() + " (any more); nothing was done"));
        TargetDatabase database;
        RevisionFileCache cache;
        synchronized (this) {
            if (closed) {
                throw new MigrabotException(ErrorCode.BUSY, "migrabot is shutting down; nothing was done on " + name);
            }
            database = databases.computeIfAbsent(name, n -> TargetDatabase.pooled(target.connection(), 4));
            cache = caches.computeIfAbsent(name, n -> new RevisionFileCache());
        }
        return Target.open(target, database, cache);
    }

    @Override
    public synchronized void close() {
        closed = true;
        databases.values().forEach(TargetDatabase::close);
    }
}
