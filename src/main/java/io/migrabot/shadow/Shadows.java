package io.migrabot.shadow;

import io.migrabot.config.TargetConfig;

/** Where a target's shadow databases come from. */
public interface Shadows {

    /**
     * A new, empty database for building {@code target}'s expected schema; closing it drops it.
     *
     * @throws io.migrabot.MigrabotException when it cannot be created, with what to do about it
     */
    Shadow create(TargetConfig target);

    /** The major version of PostgreSQL on the server {@code target}'s shadows are made on (15 for 15.4). */
    int serverVersion(TargetConfig target);
}
