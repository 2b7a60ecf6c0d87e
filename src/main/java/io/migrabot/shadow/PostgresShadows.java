package io.migrabot.shadow;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.DatabaseConnection;
import io.migrabot.config.JdbcUrls;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.DatabaseException;
import io.migrabot.database.TargetDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Shadow databases made with {@code CREATE DATABASE} through a connection to the target's server (or to its
 * configured scratch server, {@code shadow:}), and reached by the same URL with the database name replaced. Their
 * names, {@code migrabot_shadow_} and 16 random hex digits, need no quoting and cannot collide with another build's.
 * Whatever fails, a shadow made for one use is dropped (with a message saying how to drop it by hand if even that
 * fails).
 *
 * <p>A shadow brought to a state ({@link #createAt}) is kept for the next plan as a template, one per target:
 * {@code migrabot_shadow_kept_}, 8 hex digits of the target (its name and URL), {@code _} and 16 of the state, made
 * with connections refused (a template someone is connected to cannot be copied), commented with the target's name and
 * URL for whoever lists the server's databases. Another state of the same target (its scripts changed, or it moved
 * to another revision) replaces it, so a target never keeps more than one. A kept shadow is never connected to, only
 * copied; two instances that build the same state at once both build it, and the second to keep it finds it kept.
 *
 * <p>A plan's answer waits for neither the copy nor the drop: after each plan a spare copy of the kept shadow,
 * {@code migrabot_shadow_spare_} and the same digits, is made in the background for the next plan, which takes it
 * by renaming it (two plans cannot both take it), and the shadow a plan used is dropped in the background too.
 * {@link #close()} waits for that work.
 */
public final class PostgresShadows implements Shadows {
    private static final Logger log = LoggerFactory.getLogger(PostgresShadows.class);
    /** DROP DATABASE ... WITH (FORCE) came with PostgreSQL 13. */
    private static final int OLDEST_SERVER = 13;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEPT = "migrabot_shadow_kept_";
    private static final String SPARE = "migrabot_shadow_spare_";

    private final Background background = new Background(Duration.ofMinutes(1));

    private final Supplier<String> names;

    public PostgresShadows() {
        this(() -> {
            byte[] random = new byte[8];
            RANDOM.nextBytes(random);
            return "migrabot_shadow_" + HexFormat.of().formatHex(random);
        });
    }

    /** @param names a new name at each call, for a database no one else makes: an identifier that needs no quotes */
    public PostgresShadows(Supplier<String> names) {
        this.names = names;
    }

    @Override
    public Shadow create(TargetConfig target) {
        String name = names.get();
        create(target, name);
        return open(target, name);
    }

    @Override
    public Shadow createAt(TargetConfig target, String state, Consumer<Shadow> build) {
        String family = family(target);
        String kept = KEPT + family + state.substring(0, 16);
        String spare = SPARE + family + state.substring(0, 16);
        String name = names.get();
        long start = System.nanoTime();
        if (take(target, spare, name)) {
            log.debug("target {}: took the spare copy of the kept shadow as {} in {} ms", target.name(), name,
                    (System.nanoTime() - start) / 1_000_000);
            return later(target, name, kept, spare);
        }
        if (copy(target, kept, name)) {
            log.debug("target {}: copied the kept shadow {} to {} in {} ms", target.name(), kept, name,
                    (System.nanoTime() - start) / 1_000_000);
            return later(target, name, kept, spare);
        }
        Shadow built = create(target);
        try {
            build.accept(built);
            built.database().close(); // a database someone is connected to cannot be copied
            long kept0 = System.nanoTime();
            keep(target, built.name(), kept, family);
            log.debug("target {}: built the shadow {} in {} ms, kept it as {} in {} ms", target.name(),
                    built.name(), (kept0 - start) / 1_000_000, kept, (System.nanoTime() - kept0) / 1_000_000);
        } catch (RuntimeException e) {
            try {
                built.close();
            } catch (RuntimeException notDropped) {
                e.addSuppressed(notDropped);
            }
            throw e;
        }
        return later(target, built.name(), kept, spare);
    }

    /** The part of kept and spare shadows' names that stands for the target (its name and URL), with its '_'. */
    private static String family(TargetConfig target) {
        return sha256(target.name() + "\n" + target.url()).substring(0, 8) + "_";
    }

    /**
     * Shadow {@code name}, brought to the kept state. Closing it leaves two tasks to the background: a spare copy of
     * {@code kept} for the next plan, then dropping {@code name}. The plan waits for neither (and they do not slow
     * its measuring down); {@link #close()} waits for both.
     */
    private Shadow later(TargetConfig target, String name, String kept, String spare) {
        Shadow shadow = open(target, name);
        return new Shadow(name, shadow.database(), () -> {
            background.run("copying the kept shadow " + kept + " to a spare for the next plan",
                    () -> prepareSpare(target, kept, spare));
            background.run("dropping the shadow database " + name,
                    () -> drop(TargetDatabase.of(target.shadowServer()), name));
        });
    }

    /** Makes {@code name} a copy of {@code kept}; false when there is none to copy (or it cannot be copied now). */
    private static boolean copy(TargetConfig target, String kept, String name) {
        try {
            TargetDatabase.of(target.shadowServer()).withHandle("copying the kept shadow " + kept,
                    h -> h.execute("CREATE DATABASE " + name + " TEMPLATE " + kept));
            return true;
        } catch (DatabaseException e) {
            switch (e.sqlState()) {
                case "3D000" -> {
                    return false;
                }
                // 55006: someone is connected to it after all; 42501: another user kept it, or this one may not
                // create databases (which building one says in words). Build one instead.
                case "55006", "42501" -> {
                    log.info("target {}: the kept shadow {} cannot be copied now, so the plan builds its own: {}",
                            target.name(), kept, e.getMessage());
                    return false;
                }
                default -> throw e;
            }
        }
    }

    /** Renames the spare copy to {@code name}; false when there is none (another plan took it, or none is made). */
    private static boolean take(TargetConfig target, String spare, String name) {
        try {
            TargetDatabase.of(target.shadowServer()).withHandle("taking the spare shadow " + spare,
                    h -> h.execute("ALTER DATABASE " + spare + " RENAME TO " + name));
            return true;
        } catch (DatabaseException e) {
            // 3D000: none; 55006: someone is connected to it; 42501: another user made it
            if (List.of("3D000", "55006", "42501").contains(e.sqlState())) {
                return false;
            }
            throw e;
        }
    }

    /** Makes {@code spare} a copy of {@code kept} unless there is one (or no kept shadow to copy). */
    private static void prepareSpare(TargetConfig target, String kept, String spare) {
        long start = System.nanoTime();
        try {
            TargetDatabase.of(target.shadowServer()).withHandle("copying the kept shadow to " + spare, h -> {
                h.execute("CREATE DATABASE " + spare + " TEMPLATE " + kept);
                return h.execute("COMMENT ON DATABASE " + spare + " IS " + comment(target, "a spare copy of the "
                        + "shadow kept at its revision, which the next plan takes"));
            });
            log.debug("target {}: copied the kept shadow to the spare {} in {} ms", target.name(), spare,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (DatabaseException e) {
            // 42P04: a spare is there; 3D000: the kept shadow is gone (the target moved); 55006: someone is in it
            if (!List.of("42P04", "23505", "3D000", "55006").contains(e.sqlState())) {
                log.warn("target {}: no spare copy of the kept shadow for the next plan (which copies the kept "
                        + "shadow itself): {}", target.name(), e.getMessage());
            }
        }
    }

    /** A shadow's comment, for whoever lists the server's databases: the target's name and URL, and what it is. */
    private static String comment(TargetConfig target, String what) {
        return "'migrabot: a shadow of target " + (target.name() + " (" + target.connection().displayUrl() + ")")
                .replace("'", "''") + ", " + what + "; migrabot drops it when the target moves or its scripts "
                + "change, and it may be dropped at any time'";
    }

    /**
     * Copies {@code built} to {@code kept} (unless another plan kept the same state meanwhile), then drops the
     * target's other kept shadows. Failing to keep it leaves the plan as it was: it only costs the next one time.
     */
    private static void keep(TargetConfig target, String built, String kept, String family) {
        TargetDatabase admin = TargetDatabase.of(target.shadowServer());
        try {
            admin.withHandle("keeping the shadow database " + built + " as " + kept, h -> {
                h.execute("CREATE DATABASE " + kept + " TEMPLATE " + built + " ALLOW_CONNECTIONS false");
                return h.execute("COMMENT ON DATABASE " + kept + " IS " + comment(target, "at its revision, "
                        + "copied by plans"));
            });
        } catch (DatabaseException e) {
            if (!e.sqlState().equals("42P04") && !e.sqlState().equals("23505")) {
                log.warn("target {}: the shadow at its revision could not be kept for the next plan: {}",
                        target.name(), e.getMessage());
                return;
            }
        }
        String spare = SPARE + kept.substring(KEPT.length());
        List<String> stale = admin.withHandle("listing kept shadows", h -> h.createQuery("SELECT datname FROM "
                + "pg_database WHERE (starts_with(datname, :kept_family) OR starts_with(datname, :spare_family)) "
                + "AND datname NOT IN (:kept, :spare) ORDER BY oid")
                .bind("kept_family", KEPT + family).bind("spare_family", SPARE + family).bind("kept", kept)
                .bind("spare", spare).mapTo(String.class).list());
        for (String name : stale) {
            try {
                drop(admin, name);
            } catch (MigrabotException e) {
                log.warn("target {}: {}", target.name(), e.getMessage());
            }
        }
    }

    /** Creates database {@code name}, explaining a refusal. */
    private static void create(TargetConfig target, String name) {
        DatabaseConnection server = target.shadowServer();
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
    }

    /** Shadow database {@code name}, which exists. */
    private static Shadow open(TargetConfig target, String name) {
        DatabaseConnection server = target.shadowServer();
        DatabaseConnection shadow = new DatabaseConnection(server.name(), JdbcUrls.withDatabase(server.url(), name),
                server.user(), server.password());
        // One pooled connection reads the schema after each snapshot; the replay holds a session of its own.
        return new Shadow(name, TargetDatabase.pooled(shadow, 1), () -> drop(TargetDatabase.of(server), name));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void drop(TargetDatabase server, String name) {
        long start = System.nanoTime();
        try {
            server.withHandle("dropping the shadow database " + name,
                    h -> h.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
            log.debug("dropped the shadow database {} in {} ms", name, (System.nanoTime() - start) / 1_000_000);
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

    /** Waits (up to a minute) for the shadows being dropped and the spare being copied after the last plans. */
    @Override
    public void close() {
        background.close();
    }
}
