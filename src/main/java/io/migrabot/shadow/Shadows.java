package io.migrabot.shadow;

import io.migrabot.config.TargetConfig;

import java.util.function.Consumer;

/** Where a target's shadow databases come from. */
public interface Shadows extends AutoCloseable {

    /**
     * A new, empty database for building {@code target}'s expected schema; closing it drops it.
     *
     * @throws io.migrabot.MigrabotException when it cannot be created, with what to do about it
     */
    Shadow create(TargetConfig target);

    /**
     * A new database that {@code build} brings from empty to {@code state} (a fingerprint of all it runs there; it
     * leaves no transaction open); closing it drops it. Where shadows can be kept, a copy of one kept at
     * {@code state} is made instead of building, and one that is built is kept (a copy of it) for the next time.
     *
     * @throws io.migrabot.MigrabotException when it cannot be made, or {@code build} fails (then nothing is left)
     */
    default Shadow createAt(TargetConfig target, String state, Consumer<Shadow> build) {
        Shadow shadow = create(target);
        try {
            build.accept(shadow);
            return shadow;
        } catch (RuntimeException e) {
            try {
                shadow.close();
            } catch (RuntimeException notDropped) {
                e.addSuppressed(notDropped);
            }
            throw e;
        }
    }

    /** The major version of PostgreSQL on the server {@code target}'s shadows are made on (15 for 15.4). */
    int serverVersion(TargetConfig target);

    /** Waits for what was left to do on the servers after the last answers (dropping shadows used, spares). */
    @Override
    default void close() {
    }
}
