package io.migrabot.database;

import io.migrabot.MigrabotException;
import io.migrabot.config.TargetConfig;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One target's database. Every use goes through a callback that owns the connection, and every failure comes out
 * as a {@link DatabaseException} naming the target and what was being done, never the password.
 */
public final class TargetDatabase {
    private final TargetConfig target;
    private final Jdbi jdbi;

    private TargetDatabase(TargetConfig target, Jdbi jdbi) {
        this.target = target;
        this.jdbi = jdbi;
    }

    public static TargetDatabase of(TargetConfig target) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(target.url());
        source.setUser(target.user());
        if (!target.password().isEmpty()) {
            source.setPassword(target.password().reveal());
        }
        source.setApplicationName("migrabot");
        source.setConnectTimeout(10);
        return new TargetDatabase(target, Jdbi.create(source));
    }

    public TargetConfig target() {
        return target;
    }

    /** Runs {@code callback} with a connection; {@code doing} says what for, in messages ("reading the version"). */
    public <T> T withHandle(String doing, HandleCallback<T, Exception> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (MigrabotException e) {
            throw e; // already worded for people (a failed migration, a busy target)
        } catch (RuntimeException e) {
            throw translate(doing, e);
        } catch (Exception e) {
            throw translate(doing, e);
        }
    }

    /** Runs {@code callback} in one transaction, committed when it returns and rolled back when it throws. */
    public <T> T inTransaction(String doing, HandleCallback<T, Exception> callback) {
        return withHandle(doing, handle -> handle.inTransaction(callback::withHandle));
    }

    DatabaseException translate(String doing, Throwable e) {
        return DatabaseException.of(target.name(), target.displayUrl(), doing, e);
    }

    /** For callers that must hold a connection across steps (locks): opens one they must close. */
    Handle open(String doing) {
        try {
            return jdbi.open();
        } catch (RuntimeException e) {
            throw translate(doing, e);
        }
    }
}
