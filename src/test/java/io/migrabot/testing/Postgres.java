package io.migrabot.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A real PostgreSQL server for tests. In order: the server named by {@code MIGRABOT_TEST_PG_URL} (a JDBC URL of
 * an administrative database, user in {@code MIGRABOT_TEST_PG_USER}, default postgres), else the one on
 * 127.0.0.1:5432 with trust authentication when it answers, else an embedded server started once per test JVM.
 * Each test gets a database of its own, dropped afterwards.
 */
public final class Postgres {
    private static Server server;

    private Postgres() {
    }

    /** Where a server is: the JDBC URL prefix up to the database name, and a superuser. */
    public record Server(String urlPrefix, String user, String adminDatabase) {
        Connection admin() throws SQLException {
            return DriverManager.getConnection(urlPrefix + adminDatabase, user, "");
        }
    }

    /** A database created for one test. */
    public record Database(Server server, String name) implements AutoCloseable {
        public String url() {
            return server.urlPrefix() + name;
        }

        public String user() {
            return server.user();
        }

        /** The URL SQLAlchemy (an Alembic project's env.py) takes for this database. */
        public String sqlalchemyUrl() {
            return url().replace("jdbc:postgresql://", "postgresql://" + user() + "@");
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), user(), "");
        }

        /** The first column of the first row {@code sql} returns, as text; null when it returns no row. */
        public String queryOne(String sql) throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement(); java.sql.ResultSet rs =
                    s.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        }

        /**
         * Waits up to {@code within} for {@link #queryOne} to return {@code expected}; a failure also shows
         * {@code context} (a process's log, say).
         */
        public void awaitQuery(String sql, String expected, java.time.Duration within,
                               java.util.function.Supplier<String> context) throws SQLException {
            long deadline = System.nanoTime() + within.toNanos();
            String last;
            while (!expected.equals(last = queryOne(sql))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(sql + " returned " + last + ", not " + expected + ", within " + within
                            + "; " + context.get());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        /** Drops it, and the shadows plans kept (and their spares) for targets on it (their comment names its URL). */
        @Override
        public void close() {
            try (Connection c = server.admin(); Statement s = c.createStatement()) {
                List<String> kept = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE (starts_with(datname, "
                        + "'migrabot_shadow_kept_') OR starts_with(datname, 'migrabot_shadow_spare_')) AND "
                        + "shobj_description(oid, 'pg_database') LIKE '%/" + name + ")%'")) {
                    while (rs.next()) {
                        kept.add(rs.getString(1));
                    }
                }
                for (String shadow : kept) {
                    s.execute("DROP DATABASE IF EXISTS " + shadow + " WITH (FORCE)");
                }
                s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test database " + name, e);
            }
        }
    }

    public static synchronized Server server() {
        if (server == null) {
            server = locate();
        }
        return server;
    }

    /** Creates an empty database named {@code <prefix>_<random>}. */
    public static Database create(String prefix) {
        return create(server(), prefix);
    }

    /** Creates an empty database named {@code <prefix>_<random>} on server {@code s}. */
    public static Database create(Server s, String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        try (Connection c = s.admin(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + s.urlPrefix(), e);
        }
        return new Database(s, name);
    }

    private static Server locate() {
        String configured = System.getenv("MIGRABOT_TEST_PG_URL");
        if (configured != null && !configured.isBlank()) {
            int slash = configured.lastIndexOf('/');
            String user = System.getenv().getOrDefault("MIGRABOT_TEST_PG_USER", "postgres");
            return new Server(configured.substring(0, slash + 1), user, configured.substring(slash + 1));
        }
        Server local = new Server("jdbc:postgresql://127.0.0.1:5432/", "postgres", "postgres");
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = local.admin()) {
            return local;
        } catch (SQLException unreachable) {
            return embedded();
        }
    }

    private static Server embedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is ending; the temporary cluster goes with it
                }
            }));
            return new Server("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/", "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL on 127.0.0.1:5432 and the embedded one failed to start", e);
        }
    }
}
