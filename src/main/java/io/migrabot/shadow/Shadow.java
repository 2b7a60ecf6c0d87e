package io.migrabot.shadow;

import io.migrabot.database.TargetDatabase;

/** A throw-away database, removed on close with whatever connections it still has. */
public final class Shadow implements AutoCloseable {
    private final String name;
    private final TargetDatabase database;
    private final Runnable remove;

    /**
     * @param database the shadow itself
     * @param remove   removes it (drops the database, deletes the file), saying what to do by hand if it cannot
     */
    Shadow(String name, TargetDatabase database, Runnable remove) {
        this.name = name;
        this.database = database;
        this.remove = remove;
    }

    public String name() {
        return name;
    }

    public TargetDatabase database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
        remove.run();
    }
}
