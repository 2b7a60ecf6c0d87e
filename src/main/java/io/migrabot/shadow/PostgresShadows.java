package io.migrabot.shadow;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.DatabaseConnection;
import io.migrabot.config.JdbcUrls;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.DatabaseException;
import io.migrabot.database.TargetDatabase;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Shadow databases made with {@code CREATE DATABASE} through a connection to the target's server (or to its
 * configured scratch server, {@code shadow:}), and reached by the same URL with the database name replaced. Their
 * names, {@code migrabot_shadow_} and 16 random hex digits, need no quoting and cannot collide with another build's.
 */
public final class PostgresShadows implements Shadows {
    /** DROP DATABASE ... WITH (FORCE) came with PostgreSQL 13. */
    private static final int OLDEST_SERVER = 13;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Shadow create(TargetConfig target) {
        DatabaseConnection server = target.shadowServer();
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String name = "migrabot_shadow_" + HexFormat.of().formatHex(random);
        TargetDatabase admin = TargetDatabase.of(server);
        try {
            admin.withHandle("creating the shadow database " + name, h -> h.execute("CREATE DATABASE " + name));
        } catch (DatabaseException e) {
            if (e.sqlState().equals("42501")) {
                throw new MigrabotException(ErrorCode.SHADOW, "target " + target.name() + ": the expected schema is "
                        + "built in a throw-away database, but user " + server.user() + " may not create databases on "
                        + server.displayUrl() + " (" + firstClause(e.getMessage()) + "). Allow it (ALTER ROLE "
                        + server.user() + " CREATEDB), or set targets." + target.name() + ".shadow to a scratch "
                        + "server where it may", e);
            }
            throw e;
        }
        DatabaseConnection shadow = new DatabaseConnection(server.name(), JdbcUrls.withDatabase(server.url(), name),
                server.user(), server.password());
        // One pooled connection reads the schema after each snapshot; the replay holds a session of its own.
        return new Shadow(name, TargetDatabase.pooled(shadow, 1), () -> drop(admin, name));
    }

    private static void drop(TargetDatabase server, String name) {
        try {
            server.withHandle("dropping the shadow database " + name,
                    h -> h.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        } catch (MigrabotException e) {
            throw new MigrabotException(ErrorCode.SHADOW, "the shadow database " + name + " could not be dropped ("
                    + e.getMessage() + "); drop it by hand: DROP DATABASE " + name + " WITH (FORCE)", e);
        }
    }

    @Override
    public int serverVersion(TargetConfig target) {
        DatabaseConnection server = target.shadowServer();
        int version = TargetDatabase.of(server).withHandle("reading the server version",
                h -> h.createQuery("SELECT current_setting('server_version_num')::int / 10000").mapTo(Integer.class)
                        .one());
        if (version < OLDEST_SERVER) {
            throw new MigrabotException(ErrorCode.SHADOW, "target " + target.name() + ": shadow databases need "
                    + "PostgreSQL " + OLDEST_SERVER + " or newer, and " + server.displayUrl() + " runs " + version
                    + "; set targets." + target.name() + ".shadow to a newer scratch server");
        }
        return version;
    }

    /** The driver's words without the advice DatabaseException appends. */
    private static String firstClause(String message) {
        int failed = message.indexOf("failed: ");
        return failed < 0 ? message : message.substring(failed + "failed: ".length());
    }
}
