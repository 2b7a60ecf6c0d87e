package io.migrabot.shadow;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.database.TargetDatabase;

/** A throw-away database, dropped on close with whatever connections it still has. */
public final class Shadow implements AutoCloseable {
    private final String name;
    private final TargetDatabase server;
    private final TargetDatabase database;

    /**
     * @param server   where it was created (the connection that drops it)
     * @param database the shadow itself
     */
    Shadow(String name, TargetDatabase server, TargetDatabase database) {
        this.name = name;
        this.server = server;
        this.database = database;
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
        try {
            server.withHandle("dropping the shadow database " + name,
                    h -> h.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        } catch (MigrabotException e) {
            throw new MigrabotException(ErrorCode.SHADOW, "the shadow database " + name + " could not be dropped ("
                    + e.getMessage() + "); drop it by hand: DROP DATABASE " + name + " WITH (FORCE)", e);
        }
    }
}
