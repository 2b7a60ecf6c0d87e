package io.migrabot.shadow;

import io.migrabot.config.TargetConfig;

import java.util.function.Consumer;

/** Each target's shadows of its own kind: PostgreSQL databases on its server, or temporary SQLite files. */
public final class ShadowsByKind implements Shadows {
    private final Shadows postgres = new PostgresShadows();
    private final Shadows sqlite = new SqliteShadows();

    private Shadows of(TargetConfig target) {
        return switch (target.connection().kind()) {
            case POSTGRESQL -> postgres;
            case SQLITE -> sqlite;
        };
    }

    @Override
    public Shadow create(TargetConfig target) {
        return of(target).create(target);
    }

    @Override
    public Shadow createAt(TargetConfig target, String state, Consumer<Shadow> build) {
        return of(target).createAt(target, state, build);
    }

    @Override
    public int serverVersion(TargetConfig target) {
        return of(target).serverVersion(target);
    }

    @Override
    public void close() {
        postgres.close();
        sqlite.close();
    }
}
